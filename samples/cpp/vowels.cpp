#include "vowels.h"

#include <cctype>

int count_vowels(const std::string& text) {
    int count = 0;
    for (char c : text) {
        switch (std::tolower(static_cast<unsigned char>(c))) {
            case 'a': case 'e': case 'i': case 'o':
                ++count;
                break;
            default:
                break;
        }
    }
    return count;
}
