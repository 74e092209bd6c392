#include <gtest/gtest.h>

#include <stdexcept>

#include "clock.h"

TEST(FormatDuration, Zero) { EXPECT_EQ("00:00:00", format_duration(0)); }

TEST(FormatDuration, SecondsOnly) { EXPECT_EQ("00:00:59", format_duration(59)); }

TEST(FormatDuration, AllParts) { EXPECT_EQ("01:01:01", format_duration(3661)); }

TEST(FormatDuration, MoreThanADay) { EXPECT_EQ("25:00:00", format_duration(90000)); }

TEST(FormatDuration, NegativeIsAnError) {
    EXPECT_THROW(format_duration(-1), std::invalid_argument);
}
