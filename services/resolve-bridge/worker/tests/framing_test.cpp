#include "framing.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>

namespace gantry::resolve::worker {
namespace {

using namespace std::chrono_literals;

struct Pipe {
    int fds[2];
    Pipe() { EXPECT_EQ(::pipe(fds), 0); }
    ~Pipe() {
        ::close(fds[0]);
        if (fds[1] >= 0) ::close(fds[1]);
    }
};

TEST(FramingTest, LengthIsFourBytesBigEndian) {
    const auto frame = EncodeFrame("abc");
    EXPECT_EQ(frame, std::string("\0\0\0\3abc", 7));
}

TEST(FramingTest, RoundTrip) {
    Pipe pipe;
    ASSERT_TRUE(WriteFrame(pipe.fds[1], "{\"ok\":true}").ok());
    auto frame = ReadFrame(pipe.fds[0], std::chrono::steady_clock::now() + 1s);
    ASSERT_TRUE(frame.ok()) << frame.status().ToString();
    EXPECT_EQ(*frame, "{\"ok\":true}");
}

TEST(FramingTest, SilenceIsADeadlineAndAClosedPipeIsUnavailable) {
    Pipe pipe;
    EXPECT_EQ(ReadFrame(pipe.fds[0], std::chrono::steady_clock::now() + 50ms).status().code(),
              StatusCode::kDeadlineExceeded);
    const std::string half("\0\0\0\x09{\"ok", 7);
    ASSERT_EQ(::write(pipe.fds[1], half.data(), half.size()), 7);
    ::close(pipe.fds[1]);
    pipe.fds[1] = -1;
    EXPECT_EQ(ReadFrame(pipe.fds[0], std::chrono::steady_clock::now() + 1s).status().code(), StatusCode::kUnavailable);
}

TEST(FramingTest, OversizedLengthIsDataLoss) {
    Pipe pipe;
    const std::string header("\x7f\xff\xff\xff", 4);
    ASSERT_EQ(::write(pipe.fds[1], header.data(), 4), 4);
    EXPECT_EQ(ReadFrame(pipe.fds[0], std::chrono::steady_clock::now() + 1s).status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace gantry::resolve::worker
