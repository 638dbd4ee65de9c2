#include <gtest/gtest.h>

#include "gantry/common/logging.hpp"

namespace gantry {
namespace {

TEST(LoggingTest, ScopedRequestIdNestsAndRestores) {
    EXPECT_EQ(CurrentRequestId(), "-");
    {
        ScopedRequestId outer("abc");
        EXPECT_EQ(CurrentRequestId(), "abc");
        {
            ScopedRequestId inner("def");
            EXPECT_EQ(CurrentRequestId(), "def");
        }
        EXPECT_EQ(CurrentRequestId(), "abc");
    }
    EXPECT_EQ(CurrentRequestId(), "-");
}

TEST(LoggingTest, NewRequestIdsAreHexAndDistinct) {
    const auto a = NewRequestId();
    const auto b = NewRequestId();
    EXPECT_EQ(a.size(), 16u);
    EXPECT_NE(a, b);
    EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(LoggingTest, JsonLinesAreValidWithRequestId) {
    ASSERT_TRUE(SetupLogging("svc", {"info", LogFormat::kJson}).ok());
    testing::internal::CaptureStderr();
    {
        ScopedRequestId id("req-42");
        spdlog::info("quote \" backslash \\ newline \n done");
    }
    const auto line = testing::internal::GetCapturedStderr();
    EXPECT_NE(line.find(R"("request_id":"req-42")"), std::string::npos) << line;
    EXPECT_NE(line.find(R"(quote \" backslash \\ newline \n done)"), std::string::npos) << line;
    EXPECT_NE(line.find(R"("service":"svc")"), std::string::npos) << line;
}

TEST(LoggingTest, BadLevelAndFormatAreRejected) {
    EXPECT_FALSE(ParseLogLevel("loud").ok());
    EXPECT_TRUE(ParseLogLevel("off").ok());
    EXPECT_FALSE(ParseLogFormat("xml").ok());
}

}  // namespace
}  // namespace gantry
