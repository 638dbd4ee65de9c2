// PostgreSQL stopped under load: calls fail fast with UNAVAILABLE, nothing leaks, the gateway recovers
// within seconds of the restart, and every row whose INSERT was acknowledged is still there.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "db_env.hpp"

namespace gantry::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(DbFault, PostgresStoppedUnderLoadFailsFastRecoversAndLosesNothing) {
    PostgresServer pg;
    ASSERT_TRUE(pg.ok()) << pg.error();
    char tmpl[] = "/tmp/gantry-fault-XXXXXX";
    const std::string dir = mkdtemp(tmpl);
    const std::string config = dir + "/db-gateway.yaml";
    std::ofstream(config) << "databases:\n  pg:\n    driver: postgres\n    dsn: \"" << pg.dsn()
                          << "\"\n    password_file: " << DbWorld::SecretFile(dir, "pass", PostgresServer::kPassword)
                          << "\n    max_connections: 8\n    connect_timeout_ms: 1000\n    breaker_failures: 3\n"
                          << "    breaker_open_ms: 300\n    health_check_interval_ms: 200\n";
    ServiceProcess gateway({std::string(GANTRY_BIN_DIR) + "/db-gateway", {"--config", config}});
    ASSERT_TRUE(gateway.ok()) << gateway.error();
    DbClient client(gateway.endpoint("grpc"), "");
    ASSERT_TRUE(client.Execute("pg", "CREATE TABLE acked (id bigint PRIMARY KEY)").ok());

    std::atomic<bool> stop{false};
    std::atomic<int64_t> next_id{0};
    std::mutex mu;
    std::set<int64_t> acknowledged;
    std::map<StatusCode, int> failures;
    std::atomic<int64_t> slowest_failure_ms{0};
    std::atomic<bool> pg_down{false};
    std::vector<std::thread> load;
    for (int t = 0; t < 8; ++t) {
        load.emplace_back([&] {
            DbClient c(gateway.endpoint("grpc"), "");
            while (!stop) {
                const int64_t id = ++next_id;
                const auto start = Clock::now();
                auto r = c.Execute("pg", "INSERT INTO acked VALUES (:id)", {{"id", I(id)}}, "", 5000);
                const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
                std::lock_guard lock(mu);
                if (r.ok()) {
                    acknowledged.insert(id);
                } else {
                    ++failures[r.status().code()];
                    if (pg_down) slowest_failure_ms = std::max<int64_t>(slowest_failure_ms, ms);
                    std::this_thread::sleep_for(5ms);
                }
            }
        });
    }
    std::this_thread::sleep_for(1000ms);
    ASSERT_TRUE(pg.Stop());
    pg_down = true;
    std::this_thread::sleep_for(1500ms);
    // By now the breaker is open: a call fails at once, without waiting for a connect timeout.
    const auto probe_start = Clock::now();
    auto fast = client.Execute("pg", "SELECT 1", {}, "", 5000);
    const auto fast_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - probe_start).count();
    EXPECT_EQ(fast.status().code(), StatusCode::kUnavailable) << fast.status().ToString();
    EXPECT_LT(fast_ms, 250);  // no connect attempt (connect_timeout_ms is 1000)

    ASSERT_TRUE(pg.Start());
    pg_down = false;
    const auto restarted = Clock::now();
    bool recovered = false;
    while (Clock::now() - restarted < 10s) {
        if (client.Execute("pg", "SELECT 1", {}, "", 2000).ok()) {
            recovered = true;
            break;
        }
        std::this_thread::sleep_for(20ms);
    }
    const auto recovery_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - restarted).count();
    EXPECT_TRUE(recovered);
    EXPECT_LT(recovery_ms, 5000);
    std::this_thread::sleep_for(500ms);
    stop = true;
    for (auto& t : load) t.join();

    for (const auto& [code, n] : failures) {
        EXPECT_EQ(code, StatusCode::kUnavailable) << n << " calls failed with " << StatusCodeName(code);
    }
    EXPECT_GT(failures[StatusCode::kUnavailable], 0);
    // Every acknowledged row survived the stop.
    std::vector<int64_t> ids;
    auto rows = client.Stream("pg", "SELECT id FROM acked", 5000, 60000, &ids);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    const std::set<int64_t> stored(ids.begin(), ids.end());
    size_t lost = 0;
    for (auto id : acknowledged) lost += stored.count(id) ? 0 : 1;
    EXPECT_EQ(lost, 0u) << "of " << acknowledged.size() << " acknowledged rows";
    EXPECT_GT(acknowledged.size(), 50u);
    // No connection leaked: nothing in use once the load stopped, and the server agrees.
    auto stats = client.PoolStats("pg");
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->pools(0).in_use(), 0);
    EXPECT_EQ(stats->pools(0).breaker_state(), "closed");
    auto [rc, out] = pg.Psql("SELECT count(*) FROM pg_stat_activity WHERE usename = 'gantry'");
    ASSERT_EQ(rc, 0) << out;
    EXPECT_LE(std::stoi(out), 8) << "server connections of the gateway's user beyond its pool of 8";
    RecordProperty("recovery_ms", static_cast<int>(recovery_ms));
    RecordProperty("fail_fast_ms", static_cast<int>(fast_ms));
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gantry::testing
