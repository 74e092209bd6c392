#pragma once
#include <string>

// Reads a TCP port number from text such as a config value: 1 to 65535, digits only.
// Returns -1 when the text is not a valid port.
int parse_port(const std::string& text);
