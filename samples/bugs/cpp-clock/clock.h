#pragma once
#include <string>

// Formats a number of seconds as a clock reading "HH:MM:SS"; hours may exceed 24.
std::string format_duration(long total_seconds);
