#pragma once
/// @file The worker child process: started with pipes on its stdin/stdout (stderr shared with the bridge's log),
/// stopped by closing its stdin, killed when it hangs.

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/resolve/python_setup.hpp"

namespace gantry::resolve::worker {

class WorkerProcess final {
public:
    /// Starts `python_executable python_dir/resolve_worker.py` with RESOLVE_SCRIPT_API, RESOLVE_SCRIPT_LIB and
    /// PYTHONPATH set.
    static StatusOr<std::unique_ptr<WorkerProcess>> Start(const PythonSetup& setup);
    ~WorkerProcess();
    WorkerProcess(const WorkerProcess&) = delete;
    WorkerProcess& operator=(const WorkerProcess&) = delete;

    pid_t pid() const { return pid_; }
    int to_worker() const { return to_worker_; }
    int from_worker() const { return from_worker_; }

    /// SIGKILL and reap.
    void Kill();
    /// Reaps a worker that closed its pipe: "exit code N" or "signal N" (killed after a short wait if still up).
    std::string Reap();

private:
    WorkerProcess(pid_t pid, int to_worker, int from_worker)
        : pid_(pid), to_worker_(to_worker), from_worker_(from_worker) {}
    pid_t pid_;
    int to_worker_;
    int from_worker_;
};

}  // namespace gantry::resolve::worker
