#include "timecode.hpp"

#include <gtest/gtest.h>

namespace gantry::resolve::sim {
namespace {

TEST(TimecodeTest, RoundTripsAtNominalRates) {
    EXPECT_EQ(FramesToTimecode(86400, 24), "01:00:00:00");
    EXPECT_EQ(FramesToTimecode(86400 + 24 * 61 + 5, 24), "01:01:01:05");
    EXPECT_EQ(*TimecodeToFrames("01:01:01:05", 24), 86400 + 24 * 61 + 5);
    EXPECT_EQ(*TimecodeToFrames("00:00:01:00", 23.976), 24);
    EXPECT_EQ(*TimecodeToFrames("00:00:01;00", 29.97), 30);
}

TEST(TimecodeTest, RejectsFramesPastTheRate) {
    EXPECT_EQ(TimecodeToFrames("00:00:00:24", 24).status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(TimecodeToFrames("garbage", 24).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gantry::resolve::sim
