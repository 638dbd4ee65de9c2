#include "worker_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

extern char** environ;

namespace gantry::resolve::worker {
namespace {

std::vector<std::string> ChildEnvironment(const PythonSetup& setup) {
    std::vector<std::string> env;
    std::string python_path = setup.python_dir + ":" + (std::filesystem::path(setup.script_api) / "Modules").string();
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry = *e;
        if (entry.rfind("PYTHONPATH=", 0) == 0) {
            python_path += ":" + entry.substr(11);
        } else if (entry.rfind("RESOLVE_SCRIPT_API=", 0) != 0 && entry.rfind("RESOLVE_SCRIPT_LIB=", 0) != 0) {
            env.push_back(entry);
        }
    }
    env.push_back("PYTHONPATH=" + python_path);
    env.push_back("RESOLVE_SCRIPT_API=" + setup.script_api);
    env.push_back("RESOLVE_SCRIPT_LIB=" + setup.script_lib);
    return env;
}

}  // namespace

StatusOr<std::unique_ptr<WorkerProcess>> WorkerProcess::Start(const PythonSetup& setup) {
    const auto script = (std::filesystem::path(setup.python_dir) / "resolve_worker.py").string();
    std::vector<std::string> args = {setup.python_executable, "-u", script};
    const auto env = ChildEnvironment(setup);
    std::vector<char*> argv, envp;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);

    int to_child[2], from_child[2];
    if (::pipe2(to_child, O_CLOEXEC) != 0) return UnavailableError(std::string("pipe: ") + std::strerror(errno));
    if (::pipe2(from_child, O_CLOEXEC) != 0) {
        ::close(to_child[0]);
        ::close(to_child[1]);
        return UnavailableError(std::string("pipe: ") + std::strerror(errno));
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1]}) ::close(fd);
        return UnavailableError(std::string("fork: ") + std::strerror(errno));
    }
    if (pid == 0) {
        // Only async-signal-safe calls from here to exec.
        ::dup2(to_child[0], 0);
        ::dup2(from_child[1], 1);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    return std::unique_ptr<WorkerProcess>(new WorkerProcess(pid, to_child[1], from_child[0]));
}

WorkerProcess::~WorkerProcess() {
    if (pid_ <= 0) return;
    ::close(to_worker_);  // the worker exits at end of input
    to_worker_ = -1;
    Reap();
}

void WorkerProcess::Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    if (to_worker_ >= 0) ::close(to_worker_);
    ::close(from_worker_);
    to_worker_ = -1;
}

std::string WorkerProcess::Reap() {
    if (pid_ <= 0) return "already stopped";
    int status = 0;
    for (int i = 0; i < 100; ++i) {
        const auto done = ::waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            pid_ = -1;
            if (to_worker_ >= 0) ::close(to_worker_);
            ::close(from_worker_);
            to_worker_ = -1;
            if (WIFEXITED(status)) return "exit code " + std::to_string(WEXITSTATUS(status));
            return "signal " + std::to_string(WTERMSIG(status));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    Kill();
    return "killed after it closed its pipe but did not exit";
}

}  // namespace gantry::resolve::worker
