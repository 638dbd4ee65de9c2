#pragma once
/// @file MCP over stdio: one JSON-RPC message per line on the input, answers one per line on the
/// output, and nothing else ever written to the output (logs go to stderr).
///
/// Threads take turns (leader/followers): one reads the input and handles every message but tools/call in order
/// at once; when it reads a tool call, it hands the reading to an idle thread and runs the call itself, so a call
/// starts without waiting for another thread to wake up. One thread more than `workers` keeps the input read
/// (notifications/cancelled above all) while `workers` calls run; further calls wait in a bounded queue.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "gantry/mcp/line_framer.hpp"
#include "gantry/mcp/session_hub.hpp"

namespace gantry::mcp {

struct StdioOptions {
    size_t max_message_bytes = 4 * 1024 * 1024;  // a longer line is answered with -32600 and skipped
    int workers = 4;                             // tool calls run at once
    size_t max_queued = 64;                      // more waiting calls are refused with an error
};

class StdioTransport {
public:
    StdioTransport(SessionHub& hub, StdioOptions options, int in_fd = 0, int out_fd = 1);
    ~StdioTransport();
    StdioTransport(const StdioTransport&) = delete;
    StdioTransport& operator=(const StdioTransport&) = delete;

    /// Serves until the input ends (then lets calls in flight and queued finish) or Stop() is called.
    void Run();
    /// Makes Run() return soon, cancelling calls in flight. Safe from any thread.
    void Stop();

private:
    class LineWriter;
    using Call = std::shared_ptr<jsonrpc::Message>;

    void Serve();
    /// As the reader: handles lines until one is a tool call (returned) or the input ends (nothing).
    std::optional<Call> ReadUntilCall();
    /// Handles one line; a tool call is returned instead.
    std::optional<Call> HandleLine(std::string_view line);
    void RunCall(const Call& call);

    SessionHub& hub_;
    StdioOptions options_;
    int in_fd_;
    std::shared_ptr<LineWriter> writer_;
    std::shared_ptr<Session> session_;
    int wake_pipe_[2] = {-1, -1};
    std::atomic<bool> stopping_{false};

    // The reader's own state: only the thread holding `reading_` touches it.
    LineFramer framer_;
    std::deque<std::optional<std::string>> lines_;  // read but not handled yet; nothing = an oversized line

    std::mutex mu_;
    std::condition_variable cv_;
    bool reading_ = false;  // a thread reads the input
    bool ended_ = false;    // the input ended (or Stop())
    int running_ = 0;       // tool calls running
    std::deque<Call> queue_;
};

}  // namespace gantry::mcp
