#include "gantry/db/query_watchdog.hpp"

namespace gantry::db {
namespace {
constexpr auto kPollInterval = std::chrono::milliseconds(20);
}

QueryWatchdog::QueryWatchdog() : thread_([this] { Run(); }) {}

QueryWatchdog::~QueryWatchdog() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
}

QueryWatchdog::Guard QueryWatchdog::Watch(const CallContext& ctx, Connection& conn,
                                          Clock::time_point statement_deadline) {
    std::lock_guard lock(mu_);
    entries_.push_front(Entry{std::min(ctx.deadline, statement_deadline), ctx.cancelled, &conn});
    // Wake the thread only when it would otherwise look too late; on the hot path it is already polling.
    const auto& e = entries_.front();
    const auto needed = e.cancelled ? std::min(e.deadline, Clock::now() + kPollInterval) : e.deadline;
    if (needed < wake_at_) {
        wake_at_ = needed;
        cv_.notify_all();
    }
    return Guard(this, entries_.begin());
}

QueryWatchdog::Guard::~Guard() { Finish(); }

QueryWatchdog::Fired QueryWatchdog::Guard::Finish() {
    if (done_) return fired_;
    done_ = true;
    std::unique_lock lock(dog_->mu_);
    // A cancel in flight must finish before the connection moves on to another statement.
    dog_->cancel_done_.wait(lock, [this] { return !it_->cancelling; });
    fired_ = it_->fired;
    dog_->entries_.erase(it_);
    return fired_;
}

Status QueryWatchdog::Explain(Fired fired, Status status, std::chrono::milliseconds elapsed) {
    switch (fired) {
        case Fired::kDeadline:
            return DeadlineExceededError("the statement was cancelled after " + std::to_string(elapsed.count()) +
                                         " ms because the call's deadline (or the database's statement timeout) passed")
                .WithReason("STATEMENT_TIMEOUT");
        case Fired::kCancelled:
            return CancelledError("the statement was cancelled because the client cancelled the call")
                .WithReason("QUERY_CANCELED");
        case Fired::kNo:
            break;
    }
    return status;
}

void QueryWatchdog::Run() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
        const auto now = Clock::now();
        auto wake = Clock::time_point::max();
        for (auto& e : entries_) {
            if (e.fired != Fired::kNo) continue;
            if (now >= e.deadline) {
                e.fired = Fired::kDeadline;
            } else if (e.cancelled && e.cancelled()) {
                e.fired = Fired::kCancelled;
            } else {
                wake = std::min(wake, e.cancelled ? now + kPollInterval : e.deadline);
                continue;
            }
            // Cancelling may take a network round trip (MariaDB opens a connection for KILL QUERY), so it
            // runs without the lock; the entry's guard waits for it before its connection moves on.
            e.cancelling = true;
            lock.unlock();
            e.conn->Cancel();
            lock.lock();
            e.cancelling = false;
            cancel_done_.notify_all();
        }
        wake_at_ = wake;
        if (wake == Clock::time_point::max()) {
            cv_.wait(lock);
        } else {
            cv_.wait_until(lock, wake);
        }
    }
}

}  // namespace gantry::db
