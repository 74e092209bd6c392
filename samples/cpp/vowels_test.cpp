#include <gtest/gtest.h>

#include "vowels.h"

TEST(CountVowels, CountsLowerCase) { EXPECT_EQ(2, count_vowels("hello")); }

TEST(CountVowels, CountsUpperCase) { EXPECT_EQ(2, count_vowels("HELLO")); }

TEST(CountVowels, NoneInConsonants) { EXPECT_EQ(0, count_vowels("rhythm")); }

TEST(CountVowels, CountsU) { EXPECT_EQ(2, count_vowels("tune")); }
