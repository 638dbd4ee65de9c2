#pragma once
/// @file A circuit breaker for one database: consecutive failures open it, calls then fail fast until
/// the cool-down passes, when exactly one half-open probe may try; its success closes the breaker.

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>

namespace gantry::db {

struct BreakerOptions {
    int failure_threshold = 3;                          // consecutive failures that open it
    std::chrono::milliseconds open_duration{1000};     // fail fast this long before a probe
};

class CircuitBreaker final {
public:
    enum class State { kClosed, kOpen, kHalfOpen };
    using Clock = std::chrono::steady_clock;

    explicit CircuitBreaker(BreakerOptions options) : options_(options) {}

    /// Whether a call may go to the database now. When open and the cool-down passed, the first
    /// caller becomes the half-open probe (true) and every other caller is refused until it reports.
    bool Allow(Clock::time_point now = Clock::now());
    void RecordSuccess();
    /// Counts a failure; `error` is kept to explain fail-fast refusals.
    void RecordFailure(std::string error, Clock::time_point now = Clock::now());

    State state() const;
    std::string last_error() const;
    /// How long until a probe is allowed (zero unless open).
    std::chrono::milliseconds retry_in(Clock::time_point now = Clock::now()) const;

private:
    BreakerOptions options_;
    mutable std::mutex mu_;
    State state_ = State::kClosed;
    int consecutive_failures_ = 0;
    bool probe_in_flight_ = false;
    Clock::time_point opened_at_{};
    std::string last_error_;
};

std::string_view BreakerStateName(CircuitBreaker::State state);

}  // namespace gantry::db
