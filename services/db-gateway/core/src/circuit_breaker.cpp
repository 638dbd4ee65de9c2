#include "gantry/db/circuit_breaker.hpp"

namespace gantry::db {

bool CircuitBreaker::Allow(Clock::time_point now) {
    std::lock_guard lock(mu_);
    switch (state_) {
        case State::kClosed:
            return true;
        case State::kOpen:
            if (now - opened_at_ < options_.open_duration) return false;
            state_ = State::kHalfOpen;
            probe_in_flight_ = true;
            return true;
        case State::kHalfOpen:
            if (probe_in_flight_) return false;
            probe_in_flight_ = true;
            return true;
    }
    return false;
}

void CircuitBreaker::RecordSuccess() {
    std::lock_guard lock(mu_);
    state_ = State::kClosed;
    consecutive_failures_ = 0;
    probe_in_flight_ = false;
}

void CircuitBreaker::RecordFailure(std::string error, Clock::time_point now) {
    std::lock_guard lock(mu_);
    last_error_ = std::move(error);
    ++consecutive_failures_;
    if (state_ == State::kHalfOpen || consecutive_failures_ >= options_.failure_threshold) {
        state_ = State::kOpen;
        opened_at_ = now;
        probe_in_flight_ = false;
    }
}

CircuitBreaker::State CircuitBreaker::state() const {
    std::lock_guard lock(mu_);
    return state_;
}

std::string CircuitBreaker::last_error() const {
    std::lock_guard lock(mu_);
    return last_error_;
}

std::chrono::milliseconds CircuitBreaker::retry_in(Clock::time_point now) const {
    std::lock_guard lock(mu_);
    if (state_ != State::kOpen) return std::chrono::milliseconds(0);
    const auto left = options_.open_duration - std::chrono::duration_cast<std::chrono::milliseconds>(now - opened_at_);
    return left.count() > 0 ? left : std::chrono::milliseconds(0);
}

std::string_view BreakerStateName(CircuitBreaker::State state) {
    switch (state) {
        case CircuitBreaker::State::kClosed: return "closed";
        case CircuitBreaker::State::kOpen: return "open";
        case CircuitBreaker::State::kHalfOpen: return "half_open";
    }
    return "unknown";
}

}  // namespace gantry::db
