#pragma once
/// @file Sync statistics and a fan-out of sync events to watchers (WatchSync).

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace gantry::turso {

struct SyncReport {
    uint64_t pages_pulled = 0;
    uint64_t bytes_pulled = 0;
    uint64_t changes_pushed = 0;
    std::string revision;
    uint64_t duration_ms = 0;
};

struct SyncEvent {
    bool ok = true;
    std::string error;
    SyncReport report;
    int64_t unix_ms = 0;
};

struct SyncStats {
    uint64_t pulls = 0;
    uint64_t pushes = 0;
    uint64_t pages_pulled = 0;
    uint64_t bytes_pulled = 0;
    uint64_t changes_pushed = 0;
    uint64_t changes_queued = 0;
    std::string revision;
    int64_t last_sync_unix_ms = 0;
    std::string last_error;
};

/// Counts syncs and hands every event to each live subscription. Thread-safe.
class SyncEvents final {
public:
    class Subscription {
    public:
        /// Waits up to `timeout` for the next event.
        std::optional<SyncEvent> Next(std::chrono::milliseconds timeout);

    private:
        friend class SyncEvents;
        std::mutex mu_;
        std::condition_variable cv_;
        std::deque<SyncEvent> queue_;
    };

    std::shared_ptr<Subscription> Subscribe();
    /// Records a finished sync (pull and push counters, last error) and notifies subscribers.
    void Record(const SyncReport& report, bool pulled, bool pushed, const std::string& error);
    void SetQueued(uint64_t queued);
    SyncStats Snapshot() const;

private:
    mutable std::mutex mu_;
    SyncStats stats_;
    std::vector<std::weak_ptr<Subscription>> subscribers_;
};

}  // namespace gantry::turso
