#pragma once
#include <string>

// Counts the vowels a, e, i, o, u (either case) in a string.
int count_vowels(const std::string& text);
