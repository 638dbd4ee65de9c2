#pragma once
/// @file db-gateway's Prometheus families: pool in-use/idle/waiting, acquire wait, query latency,
/// breaker state, statement cache hits/misses/evictions and open transactions, per database.

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <map>
#include <memory>
#include <string>

#include "gantry/db/pool.hpp"
#include "gantry/db/statement_cache.hpp"

namespace gantry::db {

class DbMetrics final {
public:
    explicit DbMetrics(prometheus::Registry& registry);

    struct PerDatabase {
        prometheus::Gauge* in_use;
        prometheus::Gauge* idle;
        prometheus::Gauge* waiting;
        prometheus::Gauge* breaker;  // 0 closed, 1 half-open, 2 open
        prometheus::Gauge* transactions;
        prometheus::Histogram* acquire_wait;
        prometheus::Histogram* query;
        prometheus::Counter* cache_hits;
        prometheus::Counter* cache_misses;
        prometheus::Counter* cache_evictions;
        int64_t seen_hits = 0, seen_misses = 0, seen_evictions = 0;
    };

    PerDatabase& For(const std::string& database);
    /// Copies a pool's current state (and its cache counters) into the gauges.
    void Update(const std::string& database, const PoolSnapshot& pool, const StatementCacheCounters& cache,
                int open_transactions);

private:
    prometheus::Family<prometheus::Gauge>& connections_;
    prometheus::Family<prometheus::Gauge>& waiting_;
    prometheus::Family<prometheus::Gauge>& breaker_;
    prometheus::Family<prometheus::Gauge>& transactions_;
    prometheus::Family<prometheus::Histogram>& acquire_wait_;
    prometheus::Family<prometheus::Histogram>& query_;
    prometheus::Family<prometheus::Counter>& cache_;
    std::map<std::string, PerDatabase> per_db_;
};

}  // namespace gantry::db
