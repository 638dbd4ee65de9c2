#include "gantry/db/pool.hpp"

#include <spdlog/spdlog.h>

namespace gantry::db {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

Lease& Lease::operator=(Lease&& other) noexcept {
    if (this != &other) {
        if (pool_ && conn_) pool_->Release(std::move(conn_));
        pool_ = other.pool_;
        conn_ = std::move(other.conn_);
        other.pool_ = nullptr;
    }
    return *this;
}

void Lease::Discard() {
    if (pool_ && conn_) pool_->Release(std::move(conn_), false);
    pool_ = nullptr;
}

Lease::~Lease() {
    if (pool_ && conn_) pool_->Release(std::move(conn_));
}

Pool::Pool(std::string database, std::unique_ptr<Driver> driver, PoolOptions options, PoolObserver observer)
    : database_(std::move(database)),
      driver_(std::move(driver)),
      options_(options),
      observer_(std::move(observer)),
      breaker_(options.breaker) {}

Pool::~Pool() { Stop(); }

void Pool::Start() {
    std::lock_guard lock(mu_);
    if (maintainer_.joinable()) return;
    stopping_ = false;
    maintainer_ = std::thread([this] { Maintain(); });
}

void Pool::Stop() {
    std::deque<Idle> closing;
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
        closing.swap(idle_);
        open_ -= static_cast<int>(closing.size());
    }
    stop_cv_.notify_all();
    available_.notify_all();
    if (maintainer_.joinable()) maintainer_.join();
}

Status Pool::UnavailableNow() const {
    const auto retry = breaker_.retry_in();
    return UnavailableError("database '" + database_ + "' is unavailable (failing fast after repeated connection " +
                            "failures; next attempt in " + std::to_string(retry.count()) +
                            " ms): " + breaker_.last_error())
        .WithReason("DATABASE_UNAVAILABLE")
        .WithMetadata("database", database_);
}

StatusOr<Lease> Pool::Acquire(Clock::time_point deadline) {
    const auto started = Clock::now();
    const auto limit = std::min(deadline, started + options_.acquire_timeout);
    std::unique_lock lock(mu_);
    ++waiting_;
    while (true) {
        if (stopping_) {
            --waiting_;
            return UnavailableError("database '" + database_ + "' is shutting down");
        }
        if (!idle_.empty()) {
            auto conn = std::move(idle_.front().conn);
            idle_.pop_front();
            --waiting_;
            ++in_use_;
            ++acquired_total_;
            lock.unlock();
            if (observer_.on_acquire_wait) {
                observer_.on_acquire_wait(std::chrono::duration<double>(Clock::now() - started).count());
            }
            return Lease(this, std::move(conn));
        }
        if (open_ < options_.max_connections) {
            if (!breaker_.Allow()) {
                --waiting_;
                return UnavailableNow();
            }
            ++open_;
            --waiting_;
            lock.unlock();
            auto opened = Open();
            lock.lock();
            if (!opened.ok()) {
                --open_;
                available_.notify_one();  // someone else may retry within the limit
                return opened.status();
            }
            ++in_use_;
            ++acquired_total_;
            lock.unlock();
            if (observer_.on_acquire_wait) {
                observer_.on_acquire_wait(std::chrono::duration<double>(Clock::now() - started).count());
            }
            return Lease(this, std::move(*opened));
        }
        if (available_.wait_until(lock, limit) == std::cv_status::timeout && idle_.empty() &&
            open_ >= options_.max_connections) {
            --waiting_;
            ++acquire_timeouts_total_;
            const auto waited = duration_cast<milliseconds>(Clock::now() - started).count();
            return ResourceExhaustedError("no connection to database '" + database_ + "' became free within " +
                                          std::to_string(waited) + " ms (all " +
                                          std::to_string(options_.max_connections) + " in use, " +
                                          std::to_string(waiting_) + " other callers waiting)")
                .WithReason("POOL_EXHAUSTED")
                .WithMetadata("database", database_)
                .WithMetadata("waited_ms", std::to_string(waited));
        }
    }
}

StatusOr<std::unique_ptr<Connection>> Pool::Open() {
    auto conn = driver_->Connect();
    if (!conn.ok()) {
        breaker_.RecordFailure(conn.status().message());
        return Status(conn.status()).WithReason("DATABASE_UNAVAILABLE").WithMetadata("database", database_);
    }
    breaker_.RecordSuccess();
    return conn;
}

void Pool::Release(std::unique_ptr<Connection> conn, bool reusable) {
    bool keep = reusable && !conn->broken();
    if (keep) {
        if (auto st = conn->Reset(); !st.ok()) {
            spdlog::warn("database '{}': discarding a connection whose session reset failed: {}", database_,
                         st.message());
            keep = false;
        }
    }
    std::unique_ptr<Connection> discard;
    {
        std::lock_guard lock(mu_);
        --in_use_;
        if (keep && !stopping_) {
            idle_.push_front(Idle{std::move(conn), Clock::now()});  // LIFO keeps the hot ones hot
        } else {
            --open_;
            discard = std::move(conn);
        }
    }
    available_.notify_one();
}

void Pool::ReportConnectionFailure(const std::string& error) {
    breaker_.RecordFailure(error);
    std::deque<Idle> dropped;
    {
        std::lock_guard lock(mu_);
        dropped.swap(idle_);
        open_ -= static_cast<int>(dropped.size());
    }
    available_.notify_all();
}

PoolSnapshot Pool::Snapshot() const {
    std::lock_guard lock(mu_);
    PoolSnapshot s;
    s.open = open_;
    s.in_use = in_use_;
    s.idle = static_cast<int>(idle_.size()) + checking_;  // connections under a health check are idle too
    s.waiting = waiting_;
    s.max = options_.max_connections;
    s.breaker = breaker_.state();
    s.acquired_total = acquired_total_;
    s.acquire_timeouts_total = acquire_timeouts_total_;
    return s;
}

void Pool::Maintain() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
        lock.unlock();
        Fill();
        CheckIdle();
        lock.lock();
        stop_cv_.wait_for(lock, options_.health_check_interval, [this] { return stopping_; });
    }
}

void Pool::Fill() {
    while (true) {
        {
            std::lock_guard lock(mu_);
            if (stopping_ || open_ >= options_.min_connections) return;
            if (!breaker_.Allow()) return;
            ++open_;
        }
        auto conn = Open();
        std::lock_guard lock(mu_);
        if (!conn.ok()) {
            --open_;
            spdlog::warn("database '{}': {}", database_, conn.status().message());
            return;
        }
        idle_.push_back(Idle{std::move(*conn), Clock::now()});
        available_.notify_one();
    }
}

void Pool::CheckIdle() {
    // Take the idle connections out, check them without the lock, put the good ones back.
    std::deque<Idle> checking;
    {
        std::lock_guard lock(mu_);
        checking.swap(idle_);
        checking_ += static_cast<int>(checking.size());
    }
    const auto now = Clock::now();
    std::deque<Idle> keep;
    int closed = 0;
    int kept_total = 0;
    for (auto& idle : checking) {
        const bool surplus = now - idle.since > options_.max_idle_time && kept_total >= options_.min_connections;
        if (surplus) {
            ++closed;
            continue;
        }
        if (auto st = idle.conn->Ping(); !st.ok()) {
            spdlog::warn("database '{}': health check failed, closing the connection: {}", database_, st.message());
            breaker_.RecordFailure(st.message());
            ++closed;
            continue;
        }
        keep.push_back(std::move(idle));
        ++kept_total;
    }
    checking.clear();
    {
        std::lock_guard lock(mu_);
        checking_ -= closed + kept_total;
        open_ -= closed;
        for (auto& k : keep) idle_.push_back(std::move(k));
    }
    available_.notify_all();
}

}  // namespace gantry::db
