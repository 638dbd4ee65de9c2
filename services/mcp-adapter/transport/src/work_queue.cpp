#include "gantry/mcp/work_queue.hpp"

namespace gantry::mcp {

WorkQueue::WorkQueue(int threads, size_t max_queued) : max_queued_(max_queued) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
}

WorkQueue::~WorkQueue() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
}

bool WorkQueue::TrySubmit(std::function<void()> task) {
    {
        std::lock_guard lock(mu_);
        if (queue_.size() >= max_queued_) return false;
        queue_.push_back(std::move(task));
    }
    wake_.notify_one();
    return true;
}

void WorkQueue::Drain() {
    std::unique_lock lock(mu_);
    idle_.wait(lock, [this] { return queue_.empty() && running_ == 0; });
}

void WorkQueue::Work() {
    std::unique_lock lock(mu_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping and nothing left
        auto task = std::move(queue_.front());
        queue_.pop_front();
        ++running_;
        lock.unlock();
        task();
        lock.lock();
        --running_;
        if (queue_.empty() && running_ == 0) idle_.notify_all();
    }
}

}  // namespace gantry::mcp
