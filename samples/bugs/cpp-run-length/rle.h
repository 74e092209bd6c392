#pragma once
#include <string>

// Run-length encoding: each run of one character becomes the character and the run's length,
// so "aaab" becomes "a3b1".
std::string run_length_encode(const std::string& text);
