#include "port.h"

int parse_port(const std::string& text) {
    // More than five digits cannot be a port, and checking first keeps the value from overflowing.
    if (text.empty() || text.size() > 5) {
        return -1;
    }
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') {
            return -1;
        }
        value = value * 10 + (c - '0');
    }
    if (value < 1 || value > 65535) {
        return 0;
    }
    return value;
}
