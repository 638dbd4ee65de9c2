#include "gantry/db/pool.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "fake_connection.hpp"

namespace gantry::db {
namespace {

using namespace std::chrono_literals;
using testing::FakeDriver;
using testing::FakeServer;

PoolOptions Options(int min, int max) {
    PoolOptions o;
    o.min_connections = min;
    o.max_connections = max;
    o.acquire_timeout = 100ms;
    o.health_check_interval = 20ms;
    o.breaker = {2, 200ms};
    return o;
}

bool Eventually(const std::function<bool()>& cond) {
    for (int i = 0; i < 200 && !cond(); ++i) std::this_thread::sleep_for(10ms);
    return cond();
}

TEST(Pool, ReusesAReturnedConnectionAndResetsItsSession) {
    auto server = std::make_shared<FakeServer>();
    Pool pool("db", std::make_unique<FakeDriver>(server), Options(0, 2));
    { auto lease = pool.Acquire(); ASSERT_TRUE(lease.ok()); }
    { auto lease = pool.Acquire(); ASSERT_TRUE(lease.ok()); }
    EXPECT_EQ(server->connects, 1);
    EXPECT_EQ(server->resets, 2);
    EXPECT_EQ(pool.Snapshot().idle, 1);
}

TEST(Pool, ExhaustionIsResourceExhaustedSayingHowLongItWaited) {
    auto server = std::make_shared<FakeServer>();
    Pool pool("orders", std::make_unique<FakeDriver>(server), Options(0, 1));
    auto held = pool.Acquire();
    ASSERT_TRUE(held.ok());
    auto second = pool.Acquire();
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.status().code(), StatusCode::kResourceExhausted);
    EXPECT_NE(second.status().message().find("within 1"), std::string::npos) << second.status().message();
    EXPECT_NE(second.status().message().find("'orders'"), std::string::npos);
    EXPECT_GE(std::stoi(second.status().metadata().at("waited_ms")), 100);
    EXPECT_EQ(pool.Snapshot().acquire_timeouts_total, 1);
}

TEST(Pool, AWaiterGetsTheConnectionReleasedMeanwhile) {
    auto server = std::make_shared<FakeServer>();
    auto o = Options(0, 1);
    o.acquire_timeout = 2000ms;
    Pool pool("db", std::make_unique<FakeDriver>(server), o);
    auto held = std::make_unique<StatusOr<Lease>>(pool.Acquire());
    std::thread releaser([&] {
        std::this_thread::sleep_for(50ms);
        held.reset();
    });
    auto waited = pool.Acquire();
    releaser.join();
    EXPECT_TRUE(waited.ok()) << waited.status().ToString();
    EXPECT_EQ(server->connects, 1);
}

TEST(Pool, DeadlineSoonerThanTheAcquireTimeoutWins) {
    auto server = std::make_shared<FakeServer>();
    auto o = Options(0, 1);
    o.acquire_timeout = 5000ms;
    Pool pool("db", std::make_unique<FakeDriver>(server), o);
    auto held = pool.Acquire();
    const auto start = std::chrono::steady_clock::now();
    auto second = pool.Acquire(start + 50ms);
    EXPECT_EQ(second.status().code(), StatusCode::kResourceExhausted);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1000ms);
}

TEST(Pool, UnreachableDatabaseOpensTheBreakerThenFailsFastThenRecovers) {
    auto server = std::make_shared<FakeServer>();
    server->reachable = false;
    Pool pool("pg", std::make_unique<FakeDriver>(server), Options(0, 4));
    EXPECT_EQ(pool.Acquire().status().code(), StatusCode::kUnavailable);
    EXPECT_EQ(pool.Acquire().status().code(), StatusCode::kUnavailable);
    EXPECT_EQ(pool.Snapshot().breaker, CircuitBreaker::State::kOpen);
    const int connects = server->connects;
    auto fast = pool.Acquire();
    EXPECT_EQ(fast.status().code(), StatusCode::kUnavailable);
    EXPECT_NE(fast.status().message().find("failing fast"), std::string::npos) << fast.status().message();
    EXPECT_EQ(server->connects, connects);  // no connection attempt while open
    server->reachable = true;
    std::this_thread::sleep_for(250ms);
    auto probe = pool.Acquire();
    EXPECT_TRUE(probe.ok()) << probe.status().ToString();
    EXPECT_EQ(pool.Snapshot().breaker, CircuitBreaker::State::kClosed);
}

TEST(Pool, StartFillsToMinInTheBackgroundAndNeverBlocksWhenUnreachable) {
    auto server = std::make_shared<FakeServer>();
    server->reachable = false;
    Pool pool("db", std::make_unique<FakeDriver>(server), Options(2, 4));
    const auto start = std::chrono::steady_clock::now();
    pool.Start();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 50ms);
    server->reachable = true;
    EXPECT_TRUE(Eventually([&] { return pool.Snapshot().idle == 2; }));
    pool.Stop();
}

TEST(Pool, HealthCheckClosesDeadIdleConnections) {
    auto server = std::make_shared<FakeServer>();
    Pool pool("db", std::make_unique<FakeDriver>(server), Options(0, 4));
    { auto a = pool.Acquire(); auto b = pool.Acquire(); }
    EXPECT_EQ(server->open, 2);
    server->fail_ping = true;
    pool.Start();
    EXPECT_TRUE(Eventually([&] { return server->open == 0; }));
    EXPECT_EQ(pool.Snapshot().open, 0);
    pool.Stop();
}

TEST(Pool, ConnectionsUnderAHealthCheckCountAsIdleNotInUse) {
    auto server = std::make_shared<FakeServer>();
    Pool pool("db", std::make_unique<FakeDriver>(server), Options(0, 4));
    { auto a = pool.Acquire(); auto b = pool.Acquire(); }
    server->ping_delay_ms = 300;
    pool.Start();
    std::this_thread::sleep_for(100ms);  // the first check is pinging both now
    const auto s = pool.Snapshot();
    EXPECT_EQ(s.in_use, 0);
    EXPECT_EQ(s.idle, 2);
    EXPECT_EQ(s.open, 2);
    pool.Stop();
}

TEST(Pool, BrokenConnectionIsDiscardedAndConnectionFailureDropsIdleOnes) {
    auto server = std::make_shared<FakeServer>();
    Pool pool("db", std::make_unique<FakeDriver>(server), Options(0, 4));
    {
        auto a = pool.Acquire();
        auto b = pool.Acquire();
        ASSERT_TRUE(a.ok() && b.ok());
        testing::FakeServer unused;
        struct Sink : RowSink {
            Status OnColumns(std::vector<Column>) override { return Status::Ok(); }
            bool OnRow(Row&&) override { return true; }
        } sink;
        (void)(*a)->Execute("BREAK", {}, sink);
    }
    EXPECT_EQ(server->open, 1);  // the broken one closed, the other idles
    pool.ReportConnectionFailure("lost");
    EXPECT_EQ(server->open, 0);
    const auto s = pool.Snapshot();
    EXPECT_EQ(s.open, 0);
    EXPECT_EQ(s.in_use, 0);
}

TEST(Pool, DiscardedLeaseIsNotReused) {
    auto server = std::make_shared<FakeServer>();
    Pool pool("db", std::make_unique<FakeDriver>(server), Options(0, 4));
    auto lease = pool.Acquire();
    ASSERT_TRUE(lease.ok());
    lease->Discard();
    EXPECT_EQ(server->open, 0);
    EXPECT_EQ(pool.Snapshot().open, 0);
}

}  // namespace
}  // namespace gantry::db
