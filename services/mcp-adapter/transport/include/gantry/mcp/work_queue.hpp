#pragma once
/// @file A fixed pool of threads with a bounded queue: a flood of requests is refused, not buffered.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gantry::mcp {

class WorkQueue {
public:
    WorkQueue(int threads, size_t max_queued);
    /// Runs what is queued, then joins the threads.
    ~WorkQueue();
    WorkQueue(const WorkQueue&) = delete;
    WorkQueue& operator=(const WorkQueue&) = delete;

    /// Queues `task`; false (and nothing queued) when max_queued tasks are already waiting.
    bool TrySubmit(std::function<void()> task);
    /// Waits until every queued and running task has finished.
    void Drain();

private:
    void Work();

    std::mutex mu_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::deque<std::function<void()>> queue_;
    size_t max_queued_;
    size_t running_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace gantry::mcp
