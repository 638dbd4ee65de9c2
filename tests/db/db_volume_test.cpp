// A million rows in through BulkInsert (PostgreSQL COPY) and out through StreamQuery, with the
// gateway's memory bounded whatever the result size.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "db_env.hpp"

namespace gantry::testing {
namespace {

using namespace std::chrono_literals;

int64_t RssKb(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6));
    }
    return -1;
}

TEST(DbVolume, MillionRowsInAndOutWithBoundedMemory) {
    GANTRY_REQUIRE_DB_WORLD();
    DbClient client(world.address());
    constexpr int64_t kRows = 1'000'000;
    (void)client.Execute("pg", "DROP TABLE IF EXISTS million");
    ASSERT_TRUE(client.Execute("pg", "CREATE TABLE million (id bigint, label text)").ok());
    const pid_t pid = world.gateway().pid();
    const int64_t before_kb = RssKb(pid);
    std::atomic<int64_t> peak_kb{before_kb};
    std::atomic<bool> sampling{true};
    std::thread sampler([&] {
        while (sampling) {
            peak_kb = std::max(peak_kb.load(), RssKb(pid));
            std::this_thread::sleep_for(20ms);
        }
    });
    int64_t i = 0;
    const auto t0 = std::chrono::steady_clock::now();
    auto inserted = client.BulkInsert("pg", "million", {"id", "label"}, [&](Row& row) {
        if (i >= kRows) return false;
        ++i;
        *row.add_values() = I(i);
        *row.add_values() = T("label-" + std::to_string(i));
        return true;
    });
    const auto t1 = std::chrono::steady_clock::now();
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
    EXPECT_EQ(*inserted, kRows);
    auto streamed = client.Stream("pg", "SELECT id, label FROM million ORDER BY id", 1000, 240000);
    const auto t2 = std::chrono::steady_clock::now();
    sampling = false;
    sampler.join();
    ASSERT_TRUE(streamed.ok()) << streamed.status().ToString();
    EXPECT_EQ(streamed->rows, kRows);
    EXPECT_EQ(streamed->first_value, 1);
    EXPECT_EQ(streamed->last_value, kRows);
    // A million rows are ~40 MB as messages; the gateway holds one chunk at a time.
    const int64_t growth_mb = (peak_kb - before_kb) / 1024;
    EXPECT_LT(growth_mb, 100) << "RSS grew from " << before_kb / 1024 << " MB to " << peak_kb / 1024 << " MB";
    RecordProperty("bulk_insert_ms", static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(t1 - t0).count()));
    RecordProperty("stream_ms", static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(t2 - t1).count()));
    RecordProperty("rss_growth_mb", static_cast<int>(growth_mb));
    (void)client.Execute("pg", "DROP TABLE million");
}

}  // namespace
}  // namespace gantry::testing
