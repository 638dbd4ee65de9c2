#pragma once
/// @file Starts a Gantry service binary as a child process for integration tests: free loopback
/// ports, a ready file to learn the bound addresses, SIGTERM to stop, and the exit code.

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gantry::testing {

class ServiceProcess {
public:
    struct Options {
        std::string binary;                       // e.g. GANTRY_BIN_DIR "/db-gateway"
        std::vector<std::string> args;            // extra flags
        std::map<std::string, std::string> env;   // extra environment
        std::chrono::milliseconds ready_timeout{10000};
    };

    /// Starts the binary with `--listen 127.0.0.1:0 --metrics-listen 127.0.0.1:0 --ready-file ...`
    /// and a temporary data dir, and waits for it to be ready. Check ok() / error().
    explicit ServiceProcess(Options options);
    ~ServiceProcess();
    ServiceProcess(const ServiceProcess&) = delete;
    ServiceProcess& operator=(const ServiceProcess&) = delete;

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    pid_t pid() const { return pid_; }
    /// Endpoints from the ready file ("grpc", "metrics", ...).
    std::string endpoint(const std::string& name) const;
    const std::string& data_dir() const { return data_dir_; }
    /// Everything the process wrote to stderr so far.
    std::string Logs() const;

    /// Sends `signal` and waits up to `timeout` for the exit. Returns the exit code, or nullopt on timeout
    /// (the process is then killed) or when it died from a signal.
    std::optional<int> Stop(int signal, std::chrono::milliseconds timeout);

    /// Runs `binary args...` to completion and returns {exit code, stdout+stderr}.
    static std::pair<int, std::string> RunToCompletion(const std::string& binary, const std::vector<std::string>& args,
                                                       const std::map<std::string, std::string>& env = {});

private:
    std::string error_;
    pid_t pid_ = -1;
    std::string work_dir_;
    std::string data_dir_;
    std::string log_file_;
    std::map<std::string, std::string> endpoints_;
};

/// A port that was free a moment ago on 127.0.0.1.
int PickFreePort();

}  // namespace gantry::testing
