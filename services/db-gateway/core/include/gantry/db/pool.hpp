#pragma once
/// @file A connection pool for one database: min/max connections, an acquire timeout that reports how
/// long it waited, a circuit breaker for fail-fast, health checks of idle connections, a session reset on
/// release, and a background filler so startup never waits for an unreachable server.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "gantry/common/status.hpp"
#include "gantry/db/circuit_breaker.hpp"
#include "gantry/db/connection.hpp"

namespace gantry::db {

struct PoolOptions {
    int min_connections = 0;
    int max_connections = 10;
    std::chrono::milliseconds acquire_timeout{5000};
    std::chrono::milliseconds health_check_interval{5000};
    std::chrono::milliseconds max_idle_time{std::chrono::minutes(5)};  // idle connections above min close
    BreakerOptions breaker;
};

struct PoolSnapshot {
    int open = 0;
    int in_use = 0;
    int idle = 0;
    int waiting = 0;
    int max = 0;
    CircuitBreaker::State breaker = CircuitBreaker::State::kClosed;
    int64_t acquired_total = 0;
    int64_t acquire_timeouts_total = 0;
};

/// Observes the pool for metrics; all optional.
struct PoolObserver {
    std::function<void(double seconds)> on_acquire_wait;
};

class Pool;

/// A connection on loan; returns itself to the pool when destroyed.
class Lease final {
public:
    Lease() = default;
    Lease(Pool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&& other) noexcept;
    ~Lease();
    Connection* operator->() const { return conn_.get(); }
    Connection& operator*() const { return *conn_; }
    explicit operator bool() const { return conn_ != nullptr; }
    /// Closes the connection instead of returning it (its state is unknown, e.g. after a cancel).
    void Discard();

private:
    Pool* pool_ = nullptr;
    std::unique_ptr<Connection> conn_;
};

class Pool final {
public:
    using Clock = std::chrono::steady_clock;

    Pool(std::string database, std::unique_ptr<Driver> driver, PoolOptions options, PoolObserver observer = {});
    ~Pool();
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    /// Starts the background thread (fills to min, checks idle connections, probes an open breaker).
    void Start();
    /// Closes idle connections and stops the background thread; leases still out are closed on return.
    void Stop();

    /// Lends a connection, waiting at most the acquire timeout (or until `deadline` when sooner).
    /// Open breaker -> UNAVAILABLE at once; nothing free in time -> RESOURCE_EXHAUSTED with the wait.
    StatusOr<Lease> Acquire(Clock::time_point deadline = Clock::time_point::max());

    /// Records that a connection failed at the connection level (lost, refused); feeds the breaker and
    /// drops idle connections, which are likely dead too.
    void ReportConnectionFailure(const std::string& error);

    PoolSnapshot Snapshot() const;
    const std::string& database() const { return database_; }
    const Driver& driver() const { return *driver_; }

private:
    friend class Lease;
    struct Idle {
        std::unique_ptr<Connection> conn;
        Clock::time_point since;
    };

    void Release(std::unique_ptr<Connection> conn, bool reusable = true);
    StatusOr<std::unique_ptr<Connection>> Open();
    Status UnavailableNow() const;
    void Maintain();
    void CheckIdle();
    void Fill();

    const std::string database_;
    const std::unique_ptr<Driver> driver_;
    const PoolOptions options_;
    const PoolObserver observer_;
    CircuitBreaker breaker_;

    mutable std::mutex mu_;
    std::condition_variable available_;
    std::condition_variable stop_cv_;
    std::deque<Idle> idle_;
    int open_ = 0;      // idle + in use + being opened
    int in_use_ = 0;
    int checking_ = 0;  // idle connections taken out for a health check
    int waiting_ = 0;
    bool stopping_ = false;
    int64_t acquired_total_ = 0;
    int64_t acquire_timeouts_total_ = 0;
    std::thread maintainer_;
};

}  // namespace gantry::db
