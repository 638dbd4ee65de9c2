#include "gantry/turso/sync_scheduler.hpp"

namespace gantry::turso {

SyncScheduler::SyncScheduler(std::chrono::milliseconds interval, std::function<void()> sync)
    : interval_(interval), sync_(std::move(sync)), thread_([this] { Run(); }) {}

SyncScheduler::~SyncScheduler() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
}

void SyncScheduler::Run() {
    std::unique_lock lock(mu_);
    while (!stop_) {
        lock.unlock();
        sync_();
        lock.lock();
        if (interval_.count() <= 0) {
            cv_.wait(lock, [&] { return stop_; });
        } else {
            cv_.wait_for(lock, interval_, [&] { return stop_; });
        }
    }
}

}  // namespace gantry::turso
