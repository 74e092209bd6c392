#include <gtest/gtest.h>

#include "rle.h"

TEST(RunLength, EmptyText) { EXPECT_EQ("", run_length_encode("")); }

TEST(RunLength, SingleCharacter) { EXPECT_EQ("x1", run_length_encode("x")); }

TEST(RunLength, OneLongRun) { EXPECT_EQ("a4", run_length_encode("aaaa")); }

TEST(RunLength, SeveralRuns) { EXPECT_EQ("a3b1c2", run_length_encode("aaabcc")); }

TEST(RunLength, NoRepeats) { EXPECT_EQ("a1b1c1", run_length_encode("abc")); }
