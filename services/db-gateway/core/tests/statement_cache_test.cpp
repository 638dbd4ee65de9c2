#include "gantry/db/statement_cache.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace gantry::db {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Harness {
    StatementCacheCounters counters;
    std::vector<int> freed;
    StatementCache<int> cache;
    explicit Harness(StatementCacheOptions o) : cache(o, &counters, [this](int& h) { freed.push_back(h); }) {}
};

TEST(StatementCache, HitsAndMissesAreCounted) {
    Harness h({4, 1min});
    EXPECT_EQ(h.cache.Find("a"), nullptr);
    h.cache.Insert("a", 1);
    ASSERT_NE(h.cache.Find("a"), nullptr);
    EXPECT_EQ(*h.cache.Find("a"), 1);
    EXPECT_EQ(h.counters.hits, 2);
    EXPECT_EQ(h.counters.misses, 1);
}

TEST(StatementCache, EvictsTheLeastRecentlyUsedBeyondCapacity) {
    Harness h({2, 1min});
    h.cache.Insert("a", 1);
    h.cache.Insert("b", 2);
    ASSERT_NE(h.cache.Find("a"), nullptr);  // b is now least recent
    h.cache.Insert("c", 3);
    EXPECT_EQ(h.freed, std::vector<int>{2});
    EXPECT_EQ(h.cache.Find("b"), nullptr);
    EXPECT_NE(h.cache.Find("a"), nullptr);
    EXPECT_EQ(h.counters.evictions, 1);
    EXPECT_EQ(h.cache.size(), 2u);
}

TEST(StatementCache, ExpiredEntriesAreFreedOnLookup) {
    Harness h({8, 100ms});
    const auto t0 = Clock::now();
    h.cache.Insert("a", 1, t0);
    EXPECT_NE(h.cache.Find("a", t0 + 50ms), nullptr);
    EXPECT_NE(h.cache.Find("a", t0 + 140ms), nullptr);  // use refreshes the TTL
    EXPECT_EQ(h.cache.Find("a", t0 + 300ms), nullptr);
    EXPECT_EQ(h.freed, std::vector<int>{1});
}

TEST(StatementCache, EraseOfAStatementTheServerForgotDoesNotFreeIt) {
    Harness h({8, 1min});
    h.cache.Insert("a", 1);
    h.cache.Insert("b", 2);
    h.cache.Erase("a", /*server_side_gone=*/true);
    h.cache.Erase("b", /*server_side_gone=*/false);
    EXPECT_EQ(h.freed, std::vector<int>{2});
    EXPECT_EQ(h.cache.size(), 0u);
}

TEST(StatementCache, ClearFreesEverythingAndForgetFreesNothing) {
    Harness h({8, 1min});
    h.cache.Insert("a", 1);
    h.cache.Clear();
    EXPECT_EQ(h.freed, std::vector<int>{1});
    h.cache.Insert("b", 2);
    h.cache.Forget();
    EXPECT_EQ(h.freed, std::vector<int>{1});
    EXPECT_EQ(h.cache.Find("b"), nullptr);
}

}  // namespace
}  // namespace gantry::db
