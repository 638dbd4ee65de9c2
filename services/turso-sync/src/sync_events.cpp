#include "gantry/turso/sync_events.hpp"

#include <chrono>

namespace gantry::turso {

std::optional<SyncEvent> SyncEvents::Subscription::Next(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, timeout, [&] { return !queue_.empty(); })) return std::nullopt;
    SyncEvent e = std::move(queue_.front());
    queue_.pop_front();
    return e;
}

std::shared_ptr<SyncEvents::Subscription> SyncEvents::Subscribe() {
    auto sub = std::make_shared<Subscription>();
    std::lock_guard lock(mu_);
    subscribers_.push_back(sub);
    return sub;
}

void SyncEvents::Record(const SyncReport& report, bool pulled, bool pushed, const std::string& error) {
    SyncEvent event;
    event.ok = error.empty();
    event.error = error;
    event.report = report;
    event.unix_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    std::vector<std::shared_ptr<Subscription>> live;
    {
        std::lock_guard lock(mu_);
        if (pulled) {
            ++stats_.pulls;
            stats_.pages_pulled += report.pages_pulled;
            stats_.bytes_pulled += report.bytes_pulled;
            stats_.last_sync_unix_ms = event.unix_ms;
        }
        if (pushed) {
            ++stats_.pushes;
            stats_.changes_pushed += report.changes_pushed;
        }
        if (!report.revision.empty()) stats_.revision = report.revision;
        stats_.last_error = error;
        std::erase_if(subscribers_, [&](const std::weak_ptr<Subscription>& w) {
            auto s = w.lock();
            if (s) live.push_back(std::move(s));
            return !s;
        });
    }
    for (auto& s : live) {
        std::lock_guard lock(s->mu_);
        s->queue_.push_back(event);
        s->cv_.notify_all();
    }
}

void SyncEvents::SetQueued(uint64_t queued) {
    std::lock_guard lock(mu_);
    stats_.changes_queued = queued;
}

SyncStats SyncEvents::Snapshot() const {
    std::lock_guard lock(mu_);
    return stats_;
}

}  // namespace gantry::turso
