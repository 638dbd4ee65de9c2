#include "gantry/db/db_metrics.hpp"

namespace gantry::db {
namespace {
const prometheus::Histogram::BucketBoundaries kLatencyBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                                 0.025,  0.05,    0.1,    0.25,  0.5,    1,     2.5,
                                                                 5,      10};
}

DbMetrics::DbMetrics(prometheus::Registry& registry)
    : connections_(prometheus::BuildGauge()
                       .Name("gantry_db_pool_connections")
                       .Help("Pooled connections by state (in_use, idle)")
                       .Register(registry)),
      waiting_(prometheus::BuildGauge()
                   .Name("gantry_db_pool_waiting")
                   .Help("Callers waiting for a pooled connection")
                   .Register(registry)),
      breaker_(prometheus::BuildGauge()
                   .Name("gantry_db_breaker_state")
                   .Help("Circuit breaker state: 0 closed, 1 half-open, 2 open")
                   .Register(registry)),
      transactions_(prometheus::BuildGauge()
                        .Name("gantry_db_transactions_open")
                        .Help("Transactions open across calls")
                        .Register(registry)),
      acquire_wait_(prometheus::BuildHistogram()
                        .Name("gantry_db_pool_acquire_wait_seconds")
                        .Help("Time spent waiting for a pooled connection")
                        .Register(registry)),
      query_(prometheus::BuildHistogram()
                 .Name("gantry_db_query_duration_seconds")
                 .Help("Statement run time per database")
                 .Register(registry)),
      cache_(prometheus::BuildCounter()
                 .Name("gantry_db_statement_cache_total")
                 .Help("Prepared statement cache lookups and evictions by result (hit, miss, eviction)")
                 .Register(registry)) {}

DbMetrics::PerDatabase& DbMetrics::For(const std::string& database) {
    auto it = per_db_.find(database);
    if (it != per_db_.end()) return it->second;
    PerDatabase d{};
    d.in_use = &connections_.Add({{"database", database}, {"state", "in_use"}});
    d.idle = &connections_.Add({{"database", database}, {"state", "idle"}});
    d.waiting = &waiting_.Add({{"database", database}});
    d.breaker = &breaker_.Add({{"database", database}});
    d.transactions = &transactions_.Add({{"database", database}});
    d.acquire_wait = &acquire_wait_.Add({{"database", database}}, kLatencyBuckets);
    d.query = &query_.Add({{"database", database}}, kLatencyBuckets);
    d.cache_hits = &cache_.Add({{"database", database}, {"result", "hit"}});
    d.cache_misses = &cache_.Add({{"database", database}, {"result", "miss"}});
    d.cache_evictions = &cache_.Add({{"database", database}, {"result", "eviction"}});
    return per_db_.emplace(database, d).first->second;
}

void DbMetrics::Update(const std::string& database, const PoolSnapshot& pool, const StatementCacheCounters& cache,
                       int open_transactions) {
    auto& d = For(database);
    d.in_use->Set(pool.in_use);
    d.idle->Set(pool.idle);
    d.waiting->Set(pool.waiting);
    d.breaker->Set(pool.breaker == CircuitBreaker::State::kClosed     ? 0
                   : pool.breaker == CircuitBreaker::State::kHalfOpen ? 1
                                                                       : 2);
    d.transactions->Set(open_transactions);
    auto advance = [](prometheus::Counter* c, int64_t now, int64_t& seen) {
        if (now > seen) c->Increment(static_cast<double>(now - seen));
        seen = now;
    };
    advance(d.cache_hits, cache.hits.load(), d.seen_hits);
    advance(d.cache_misses, cache.misses.load(), d.seen_misses);
    advance(d.cache_evictions, cache.evictions.load(), d.seen_evictions);
}

}  // namespace gantry::db
