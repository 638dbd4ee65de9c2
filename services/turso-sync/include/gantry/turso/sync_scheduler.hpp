#pragma once
/// @file Runs a sync callback right away and then every interval, on its own thread, until destroyed.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace gantry::turso {

class SyncScheduler final {
public:
    /// `interval` 0 = run once at start only.
    SyncScheduler(std::chrono::milliseconds interval, std::function<void()> sync);
    ~SyncScheduler();
    SyncScheduler(const SyncScheduler&) = delete;
    SyncScheduler& operator=(const SyncScheduler&) = delete;

private:
    void Run();
    std::chrono::milliseconds interval_;
    std::function<void()> sync_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace gantry::turso
