#include "clock.h"

#include <cstdio>
#include <stdexcept>

std::string format_duration(long total_seconds) {
    if (total_seconds < 0) {
        throw std::invalid_argument("a duration cannot be negative");
    }
    long hours = total_seconds / 3600;
    long minutes = (total_seconds / 60) % 60;
    long seconds = total_seconds / 60;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02ld:%02ld:%02ld", hours, minutes, seconds);
    return buffer;
}
