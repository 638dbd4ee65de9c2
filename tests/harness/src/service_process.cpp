#include "gantry/testing/service_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

namespace gantry::testing {
namespace {

std::string ReadAll(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

pid_t Spawn(const std::string& binary, const std::vector<std::string>& args,
            const std::map<std::string, std::string>& env, const std::string& output_file, bool merge_stdout) {
    const pid_t pid = fork();
    if (pid != 0) return pid;
    // Child: own process group, dies with the test process (even if it crashes), output to the log
    // file, shutdown signals unblocked.
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    sigset_t set;
    sigemptyset(&set);
    sigprocmask(SIG_SETMASK, &set, nullptr);
    const int fd = open(output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        dup2(fd, STDERR_FILENO);
        if (merge_stdout) dup2(fd, STDOUT_FILENO);
        close(fd);
    }
    const int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(binary.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
}

}  // namespace

int PickFreePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    socklen_t len = sizeof(addr);
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
}

ServiceProcess::ServiceProcess(Options options) {
    char tmpl[] = "/tmp/gantry-test-XXXXXX";
    work_dir_ = mkdtemp(tmpl);
    data_dir_ = work_dir_ + "/data";
    log_file_ = work_dir_ + "/stderr.log";
    const std::string ready = work_dir_ + "/ready.json";
    std::vector<std::string> args = {"--listen",   "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0",
                                     "--ready-file", ready,       "--data-dir",       data_dir_};
    args.insert(args.end(), options.args.begin(), options.args.end());
    pid_ = Spawn(options.binary, args, options.env, log_file_, true);

    const auto deadline = std::chrono::steady_clock::now() + options.ready_timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (std::filesystem::exists(ready)) {
            const auto json = nlohmann::json::parse(ReadAll(ready), nullptr, false);
            if (json.is_object()) {
                for (const auto& [k, v] : json.items()) {
                    if (v.is_string()) endpoints_[k] = v.get<std::string>();
                }
                return;
            }
        }
        int wstatus = 0;
        if (waitpid(pid_, &wstatus, WNOHANG) == pid_) {
            pid_ = -1;
            error_ = "process exited before it was ready: " + Logs();
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    error_ = "not ready within " + std::to_string(options.ready_timeout.count()) + " ms: " + Logs();
}

ServiceProcess::~ServiceProcess() {
    if (pid_ > 0) Stop(SIGKILL, std::chrono::milliseconds(5000));
    std::error_code ec;
    if (!std::getenv("GANTRY_KEEP_TEST_DIRS")) std::filesystem::remove_all(work_dir_, ec);
}

std::string ServiceProcess::endpoint(const std::string& name) const {
    auto it = endpoints_.find(name);
    return it == endpoints_.end() ? std::string() : it->second;
}

std::string ServiceProcess::Logs() const { return ReadAll(log_file_); }

std::optional<int> ServiceProcess::Stop(int signal, std::chrono::milliseconds timeout) {
    if (pid_ <= 0) return std::nullopt;
    kill(pid_, signal);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int wstatus = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        if (waitpid(pid_, &wstatus, WNOHANG) == pid_) {
            pid_ = -1;
            if (WIFEXITED(wstatus)) return WEXITSTATUS(wstatus);
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &wstatus, 0);
    pid_ = -1;
    return std::nullopt;
}

std::pair<int, std::string> ServiceProcess::RunToCompletion(const std::string& binary,
                                                            const std::vector<std::string>& args,
                                                            const std::map<std::string, std::string>& env) {
    char tmpl[] = "/tmp/gantry-run-XXXXXX";
    const int fd = mkstemp(tmpl);
    close(fd);
    const pid_t pid = Spawn(binary, args, env, tmpl, true);
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    std::string out = ReadAll(tmpl);
    unlink(tmpl);
    return {WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1, out};
}

}  // namespace gantry::testing
