#pragma once
/// @file MCP over stdio: one JSON-RPC message per line on the input, answers one per line on the
/// output, and nothing else ever written to the output (logs go to stderr).

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string_view>

#include "gantry/mcp/session_hub.hpp"

namespace gantry::mcp {

class WorkQueue;

struct StdioOptions {
    size_t max_message_bytes = 4 * 1024 * 1024;  // a longer line is answered with -32600 and skipped
    int workers = 4;                             // requests handled at once
    size_t max_queued = 64;                      // more waiting requests are refused with an error
};

class StdioTransport {
public:
    StdioTransport(SessionHub& hub, StdioOptions options, int in_fd = 0, int out_fd = 1);
    ~StdioTransport();
    StdioTransport(const StdioTransport&) = delete;
    StdioTransport& operator=(const StdioTransport&) = delete;

    /// Serves until the input ends (then lets requests in flight finish) or Stop() is called.
    void Run();
    /// Makes Run() return soon, cancelling calls in flight. Safe from any thread.
    void Stop();

private:
    class LineWriter;
    void HandleLine(std::string_view line, WorkQueue& work);

    SessionHub& hub_;
    StdioOptions options_;
    int in_fd_;
    std::shared_ptr<LineWriter> writer_;
    std::shared_ptr<Session> session_;
    int wake_pipe_[2] = {-1, -1};
    std::atomic<bool> stopping_{false};
};

}  // namespace gantry::mcp
