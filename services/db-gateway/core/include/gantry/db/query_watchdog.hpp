#pragma once
/// @file Cancels running statements whose call's deadline passed or whose client went away: the call's
/// deadline becomes the statement timeout on every backend (PQcancel, KILL QUERY, sqlite3_interrupt).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <mutex>
#include <thread>

#include "gantry/db/connection.hpp"

namespace gantry::db {

/// What the core knows about the call it serves.
struct CallContext {
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
    std::function<bool()> cancelled;  // true once the client cancelled or disconnected
};

class QueryWatchdog final {
public:
    enum class Fired { kNo, kDeadline, kCancelled };
    using Clock = std::chrono::steady_clock;

    struct Entry {
        Clock::time_point deadline;
        std::function<bool()> cancelled;
        Connection* conn;
        Fired fired = Fired::kNo;
        bool cancelling = false;  // Cancel() is running for it (outside the lock); Finish waits
    };

    /// Watches one statement for as long as it lives.
    class Guard final {
    public:
        Guard(QueryWatchdog* dog, std::list<Entry>::iterator it) : dog_(dog), it_(it) {}
        Guard(const Guard&) = delete;
        Guard& operator=(const Guard&) = delete;
        ~Guard();
        /// Stops watching; returns why the statement was cancelled, if it was.
        Fired Finish();

    private:
        QueryWatchdog* dog_;
        std::list<Entry>::iterator it_;
        bool done_ = false;
        Fired fired_ = Fired::kNo;
    };

    QueryWatchdog();
    ~QueryWatchdog();

    Guard Watch(const CallContext& ctx, Connection& conn, Clock::time_point statement_deadline);

    /// The Status a statement gets when the watchdog cancelled it; `status` is returned when it did not.
    static Status Explain(Fired fired, Status status, std::chrono::milliseconds elapsed);

private:
    void Run();

    std::mutex mu_;
    std::condition_variable cv_;
    std::condition_variable cancel_done_;
    std::list<Entry> entries_;
    Clock::time_point wake_at_ = Clock::time_point::max();  // when the thread next looks (max = only when told)
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace gantry::db
