#include "gantry/mcp/stdio_transport.hpp"

#include <errno.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "gantry/mcp/line_framer.hpp"
#include "gantry/mcp/work_queue.hpp"

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
    : hub_(hub), options_(options), in_fd_(in_fd), writer_(std::make_shared<LineWriter>(out_fd)) {
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
    WorkQueue work(options_.workers, options_.max_queued);
    LineFramer framer(options_.max_message_bytes);
    const auto on_line = [&](std::string_view line) { HandleLine(line, work); };
    const auto on_oversized = [&] {
        writer_->Send(jsonrpc::MakeError(nullptr, jsonrpc::kInvalidRequest,
                                         "invalid request: the message exceeds " +
                                             std::to_string(options_.max_message_bytes) + " bytes"));
    };
    char buffer[64 * 1024];
    pollfd fds[2] = {{in_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    while (!stopping_) {
        if (::poll(fds, wake_pipe_[0] >= 0 ? 2 : 1, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (stopping_) break;
        const auto n = ::read(in_fd_, buffer, sizeof buffer);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n <= 0) break;  // end of input: the client is done
        framer.Feed(std::string_view(buffer, static_cast<size_t>(n)), on_line, on_oversized);
    }
    if (stopping_) session_->CancelAll();
    work.Drain();
}

void StdioTransport::HandleLine(std::string_view line, WorkQueue& work) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) return;
    auto parsed = jsonrpc::Parse(line);
    if (!parsed.message) {
        writer_->Send(parsed.error);
        return;
    }
    if (parsed.message->method != "tools/call") {
        // Everything but a tool call is quick and handled in order, at once; so notifications/cancelled
        // never waits behind a request, and initialize is done before the next line is read.
        if (auto response = session_->Handle(*parsed.message, *writer_)) writer_->Send(*response);
        return;
    }
    // Tool calls run on workers so that other messages, cancellations too, are read while they run.
    auto message = std::make_shared<jsonrpc::Message>(std::move(*parsed.message));
    const bool queued = work.TrySubmit([this, message] {
        if (auto response = session_->Handle(*message, *writer_)) writer_->Send(*response);
    });
    if (!queued) {
        writer_->Send(jsonrpc::MakeError(
            message->id, ResourceExhaustedError("the server is busy: " + std::to_string(options_.max_queued) +
                                                " requests are already waiting; retry later")));
    }
}

}  // namespace gantry::mcp
