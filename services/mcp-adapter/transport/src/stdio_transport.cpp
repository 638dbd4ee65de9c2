#include "gantry/mcp/stdio_transport.hpp"

#include <errno.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace gantry::mcp {

/// Writes whole lines to a file descriptor, one writer at a time.
class StdioTransport::LineWriter final : public Outbox {
public:
    explicit LineWriter(int fd) : fd_(fd) {}
    void Send(const nlohmann::json& message) override {
        std::string line = jsonrpc::Serialize(message);
        line.push_back('\n');
        std::lock_guard lock(mu_);
        if (broken_) return;
        for (size_t done = 0; done < line.size();) {
            const auto n = ::write(fd_, line.data() + done, line.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                // A non-blocking stdout (e.g. a pipe shared with a parent that made it so) is full: wait until the
                // client reads, rather than leave half a line behind.
                pollfd out{fd_, POLLOUT, 0};
                if (::poll(&out, 1, -1) >= 0 || errno == EINTR) continue;
            }
            if (n <= 0) {
                spdlog::warn("stdio: cannot write to the client ({}); dropping further output", std::strerror(errno));
                broken_ = true;
                return;
            }
            done += static_cast<size_t>(n);
        }
    }

private:
    int fd_;
    std::mutex mu_;
    bool broken_ = false;
};

StdioTransport::StdioTransport(SessionHub& hub, StdioOptions options, int in_fd, int out_fd)
    : hub_(hub),
      options_(options),
      in_fd_(in_fd),
      writer_(std::make_shared<LineWriter>(out_fd)),
      framer_(options.max_message_bytes) {
    session_ = hub_.Create();
    session_->SetStream(writer_);
    if (::pipe(wake_pipe_) != 0) wake_pipe_[0] = wake_pipe_[1] = -1;
}

StdioTransport::~StdioTransport() {
    for (int fd : wake_pipe_) {
        if (fd >= 0) ::close(fd);
    }
}

void StdioTransport::Stop() {
    stopping_ = true;
    session_->CancelAll();
    if (wake_pipe_[1] >= 0) {
        const char byte = 1;
        [[maybe_unused]] auto n = ::write(wake_pipe_[1], &byte, 1);
    }
}

void StdioTransport::Run() {
    // `workers` threads for calls and one more, so the input is read even while every worker runs a call; the
    // thread that called Run() is one of them.
    std::vector<std::thread> threads;
    for (int i = 0; i < options_.workers; ++i) threads.emplace_back([this] { Serve(); });
    Serve();
    for (auto& t : threads) t.join();
    if (stopping_) session_->CancelAll();
}

void StdioTransport::Serve() {
    std::unique_lock lock(mu_);
    for (;;) {
        if (!queue_.empty() && running_ < options_.workers) {
            auto call = std::move(queue_.front());
            queue_.pop_front();
            ++running_;
            lock.unlock();
            RunCall(call);
            lock.lock();
            --running_;
            continue;
        }
        if (ended_) {
            if (queue_.empty() && running_ == 0) {
                cv_.notify_all();
                return;
            }
            cv_.wait(lock);
            continue;
        }
        if (reading_) {
            cv_.wait(lock);
            continue;
        }
        reading_ = true;  // this thread leads: it reads until a tool call arrives
        for (;;) {
            lock.unlock();
            auto call = ReadUntilCall();
            lock.lock();
            if (!call) {
                reading_ = false;
                ended_ = true;
                cv_.notify_all();
                break;
            }
            if (running_ < options_.workers) {
                // Hand the reading to another thread and run the call here, at once.
                reading_ = false;
                ++running_;
                lock.unlock();
                cv_.notify_one();
                RunCall(*call);
                lock.lock();
                --running_;
                break;
            }
            if (queue_.size() < options_.max_queued) {
                queue_.push_back(std::move(*call));  // every worker is busy: the next one to finish takes it
                continue;
            }
            writer_->Send(jsonrpc::MakeError(
                (*call)->id, ResourceExhaustedError("the server is busy: " + std::to_string(options_.max_queued) +
                                                    " requests are already waiting; retry later")));
        }
    }
}

void StdioTransport::RunCall(const Call& call) {
    if (auto response = session_->Handle(*call, *writer_)) writer_->Send(*response);
}

std::optional<StdioTransport::Call> StdioTransport::ReadUntilCall() {
    char buffer[64 * 1024];
    pollfd fds[2] = {{in_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    for (;;) {
        while (!lines_.empty()) {
            auto line = std::move(lines_.front());
            lines_.pop_front();
            if (!line) {
                writer_->Send(jsonrpc::MakeError(nullptr, jsonrpc::kInvalidRequest,
                                                 "invalid request: the message exceeds " +
                                                     std::to_string(options_.max_message_bytes) + " bytes"));
                continue;
            }
            if (auto call = HandleLine(*line)) return call;
        }
        if (stopping_) return std::nullopt;
        if (::poll(fds, wake_pipe_[0] >= 0 ? 2 : 1, -1) < 0) {
            if (errno == EINTR) continue;
            return std::nullopt;
        }
        if (stopping_) return std::nullopt;
        const auto n = ::read(in_fd_, buffer, sizeof buffer);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n <= 0) return std::nullopt;  // end of input: the client is done
        framer_.Feed(
            std::string_view(buffer, static_cast<size_t>(n)),
            [this](std::string_view line) { lines_.emplace_back(std::string(line)); },
            [this] { lines_.emplace_back(std::nullopt); });
    }
}

std::optional<StdioTransport::Call> StdioTransport::HandleLine(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) return std::nullopt;
    auto parsed = jsonrpc::Parse(line);
    if (!parsed.message) {
        writer_->Send(parsed.error);
        return std::nullopt;
    }
    if (parsed.message->method != "tools/call") {
        // Everything but a tool call is quick and handled in order, at once; so notifications/cancelled
        // never waits behind a request, and initialize is done before the next line is read.
        if (auto response = session_->Handle(*parsed.message, *writer_)) writer_->Send(*response);
        return std::nullopt;
    }
    return std::make_shared<jsonrpc::Message>(std::move(*parsed.message));
}

}  // namespace gantry::mcp
