#include "rle.h"

std::string run_length_encode(const std::string& text) {
    std::string out;
    int run = 1;
    // i runs one past the end so the last run is written out like the others.
    for (std::size_t i = 1; i <= text.size(); ++i) {
        if (i < text.size() && text[i] == text[i - 1]) {
            ++run;
            continue;
        }
        out += text[i - 1];
        out += std::to_string(run);
        run = 0;
    }
    return out;
}
