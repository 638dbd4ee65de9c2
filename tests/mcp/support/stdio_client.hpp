#pragma once
/// @file Test support: mcp-adapter in stdio mode as a child process with pipes on stdin and stdout.

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace gantry::mcp::testing {

class StdioChild {
public:
    /// Starts `binary args...`; stderr goes to a file (see Logs()). With `nonblocking_stdout`, the child's stdout
    /// is in non-blocking mode (as when it shares a pipe that its parent, say Node, made non-blocking).
    StdioChild(const std::string& binary, const std::vector<std::string>& args, bool nonblocking_stdout = false);
    ~StdioChild();
    StdioChild(const StdioChild&) = delete;
    StdioChild& operator=(const StdioChild&) = delete;

    /// Writes raw bytes to the child's stdin.
    bool Write(const std::string& bytes);
    /// The next stdout line, or nothing within `timeout`.
    std::optional<std::string> ReadLine(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /// Closes stdin and waits for the exit code (nullopt: still running after `timeout`, then killed).
    std::optional<int> CloseAndWait(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    bool running();
    pid_t pid() const { return pid_; }
    std::string Logs() const;

private:
    pid_t pid_ = -1;
    std::optional<int> exit_code_;
    int in_ = -1;
    int out_ = -1;
    std::string buffer_;
    std::string log_path_;
};

}  // namespace gantry::mcp::testing
