#pragma once
#include <string>
#include <vector>

// Whether text begins with prefix, ignoring ASCII case ("Content-Type" starts with "content-").
bool starts_with_ignore_case(const std::string& text, const std::string& prefix);

// The lines that begin with prefix, ignoring case, in their original order.
std::vector<std::string> lines_starting_with(const std::vector<std::string>& lines, const std::string& prefix);
