#include "prefix.h"

#include <cctype>

namespace {
char lower(char c) {
    // tolower is only defined for unsigned char values (and EOF).
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}
}  // namespace

bool starts_with_ignore_case(const std::string& text, const std::string& prefix) {
    if (prefix.size() > text.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (text[i] != lower(prefix[i])) {
            return false;
        }
    }
    return true;
}

std::vector<std::string> lines_starting_with(const std::vector<std::string>& lines, const std::string& prefix) {
    std::vector<std::string> found;
    for (const auto& line : lines) {
        if (starts_with_ignore_case(line, prefix)) {
            found.push_back(line);
        }
    }
    return found;
}
