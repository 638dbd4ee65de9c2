#include "gantry/db/circuit_breaker.hpp"

#include <gtest/gtest.h>

namespace gantry::db {
namespace {

using namespace std::chrono_literals;
using State = CircuitBreaker::State;

TEST(CircuitBreaker, OpensAfterConsecutiveFailuresAndFailsFast) {
    CircuitBreaker b({3, 1000ms});
    const auto t0 = CircuitBreaker::Clock::now();
    b.RecordFailure("refused", t0);
    b.RecordFailure("refused", t0);
    EXPECT_EQ(b.state(), State::kClosed);
    EXPECT_TRUE(b.Allow(t0));
    b.RecordFailure("refused again", t0);
    EXPECT_EQ(b.state(), State::kOpen);
    EXPECT_FALSE(b.Allow(t0 + 999ms));
    EXPECT_EQ(b.last_error(), "refused again");
    EXPECT_EQ(b.retry_in(t0 + 400ms), 600ms);
}

TEST(CircuitBreaker, SuccessResetsTheFailureCount) {
    CircuitBreaker b({2, 1000ms});
    b.RecordFailure("x");
    b.RecordSuccess();
    b.RecordFailure("x");
    EXPECT_EQ(b.state(), State::kClosed);
}

TEST(CircuitBreaker, HalfOpenAllowsExactlyOneProbe) {
    CircuitBreaker b({1, 100ms});
    const auto t0 = CircuitBreaker::Clock::now();
    b.RecordFailure("down", t0);
    EXPECT_TRUE(b.Allow(t0 + 100ms));
    EXPECT_EQ(b.state(), State::kHalfOpen);
    EXPECT_FALSE(b.Allow(t0 + 101ms));
    b.RecordSuccess();
    EXPECT_EQ(b.state(), State::kClosed);
    EXPECT_TRUE(b.Allow(t0 + 102ms));
}

TEST(CircuitBreaker, FailedProbeReopens) {
    CircuitBreaker b({5, 100ms});
    const auto t0 = CircuitBreaker::Clock::now();
    for (int i = 0; i < 5; ++i) b.RecordFailure("down", t0);
    ASSERT_TRUE(b.Allow(t0 + 150ms));
    b.RecordFailure("still down", t0 + 150ms);  // one failure in half-open is enough
    EXPECT_EQ(b.state(), State::kOpen);
    EXPECT_FALSE(b.Allow(t0 + 200ms));
    EXPECT_TRUE(b.Allow(t0 + 250ms));
}

}  // namespace
}  // namespace gantry::db
