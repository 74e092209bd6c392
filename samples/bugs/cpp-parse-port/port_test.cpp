#include <gtest/gtest.h>

#include "port.h"

TEST(ParsePort, Ordinary) { EXPECT_EQ(8080, parse_port("8080")); }

TEST(ParsePort, Highest) { EXPECT_EQ(65535, parse_port("65535")); }

TEST(ParsePort, NotANumber) { EXPECT_EQ(-1, parse_port("http")); }

TEST(ParsePort, Empty) { EXPECT_EQ(-1, parse_port("")); }

TEST(ParsePort, ZeroIsNotAPort) { EXPECT_EQ(-1, parse_port("0")); }

TEST(ParsePort, TooLarge) { EXPECT_EQ(-1, parse_port("70000")); }
