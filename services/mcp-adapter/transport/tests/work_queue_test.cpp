#include "gantry/mcp/work_queue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace gantry::mcp {
namespace {

TEST(WorkQueue, RunsEverythingQueued) {
    std::atomic<int> ran{0};
    {
        WorkQueue q(2, 100);
        for (int i = 0; i < 50; ++i) ASSERT_TRUE(q.TrySubmit([&] { ++ran; }));
        q.Drain();
        EXPECT_EQ(ran.load(), 50);
    }
}

TEST(WorkQueue, RefusesBeyondTheBound) {
    std::promise<void> release;
    auto gate = release.get_future().share();
    WorkQueue q(1, 2);
    ASSERT_TRUE(q.TrySubmit([gate] { gate.wait(); }));
    // The worker may not have taken the first task yet; the queue holds at most 2 waiting.
    int accepted = 0;
    for (int i = 0; i < 5; ++i) accepted += q.TrySubmit([] {}) ? 1 : 0;
    EXPECT_LE(accepted, 2);
    EXPECT_GE(accepted, 1);
    release.set_value();
    q.Drain();
}

}  // namespace
}  // namespace gantry::mcp
