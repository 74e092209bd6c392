#include <gtest/gtest.h>

#include "prefix.h"

TEST(StartsWith, SameCase) { EXPECT_TRUE(starts_with_ignore_case("content-type", "content")); }

TEST(StartsWith, DifferentCase) { EXPECT_TRUE(starts_with_ignore_case("Content-Type", "content-")); }

TEST(StartsWith, UpperCasePrefix) { EXPECT_TRUE(starts_with_ignore_case("accept", "ACC")); }

TEST(StartsWith, LongerPrefix) { EXPECT_FALSE(starts_with_ignore_case("Host", "Hostname")); }

TEST(StartsWith, Mismatch) { EXPECT_FALSE(starts_with_ignore_case("Accept", "Host")); }

TEST(StartsWith, OnlyTheFirstLetterDiffers) { EXPECT_FALSE(starts_with_ignore_case("Bccept", "accept")); }

TEST(StartsWith, WholeTextInOtherCase) { EXPECT_TRUE(starts_with_ignore_case("Accept", "accept")); }

TEST(LinesStartingWith, FiltersHeaders) {
    std::vector<std::string> headers = {"Host: a", "X-Trace: 1", "x-user: b", "Accept: *"};
    std::vector<std::string> expected = {"X-Trace: 1", "x-user: b"};
    EXPECT_EQ(expected, lines_starting_with(headers, "x-"));
}
