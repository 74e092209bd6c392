#include <numeric>

#include <gtest/gtest.h>

#include "money/shares.h"

TEST(Split, GivesTheOddCentsToTheFirstParts) {
    EXPECT_EQ(money::split(10, 3), (std::vector<int>{4, 3, 3}));
}

TEST(Split, EvenTotalsAreEqualParts) {
    EXPECT_EQ(money::split(9, 3), (std::vector<int>{3, 3, 3}));
}

TEST(Split, KeepsTheTotal) {
    auto shares = money::split(1001, 7);
    EXPECT_EQ(std::accumulate(shares.begin(), shares.end(), 0), 1001);
}
