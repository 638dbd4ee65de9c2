#pragma once
/// @file The process's one embedded CPython, started once (never finalized) with gantry_resolve_ops imported.
/// Every Python call runs on one dedicated thread, so Resolve's fusionscript module always sees the same thread
/// and no Python thread state is created per call.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "gantry/common/status.hpp"
#include "gantry/resolve/python_setup.hpp"

struct _ts;  // PyThreadState, kept out of this header

namespace gantry::resolve::embedded {

class Interpreter final {
public:
    /// Starts Python (once per process) on the interpreter thread and imports gantry_resolve_ops from
    /// setup.python_dir, with RESOLVE_SCRIPT_API and RESOLVE_SCRIPT_LIB set for DaVinciResolveScript.
    static StatusOr<std::unique_ptr<Interpreter>> Start(const PythonSetup& setup);
    ~Interpreter();
    Interpreter(const Interpreter&) = delete;
    Interpreter& operator=(const Interpreter&) = delete;

    /// gantry_resolve_ops.handle(call) on the interpreter thread. One call at a time (callers serialize).
    StatusOr<std::string> Handle(const std::string& call);

private:
    Interpreter() = default;
    void Run(PythonSetup setup);
    /// Runs calls until stop_; `saved` is this thread's Python state while it does not hold the GIL.
    void Serve(void* handle, _ts*& saved);

    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::optional<Status> started_;       // set once by the thread
    std::optional<std::string> request_;  // the call waiting for the thread
    std::optional<StatusOr<std::string>> reply_;
    bool stop_ = false;
};

}  // namespace gantry::resolve::embedded
