#pragma once
/// @file `python-worker`: one long-lived Python process (resolve_worker.py) that imports DaVinciResolveScript and
/// serves calls over a pipe, one at a time. Each call has a watchdog: a worker that does not answer in time (a
/// modal dialog in Resolve) is killed and the call fails DEADLINE_EXCEEDED. A worker that dies fails the call in
/// flight UNAVAILABLE. Either way a fresh worker is started for the next call.

#include <chrono>
#include <memory>
#include <mutex>

#include "gantry/resolve/backend.hpp"
#include "gantry/resolve/python_setup.hpp"

namespace gantry::resolve::worker {

struct WorkerOptions {
    PythonSetup setup;
    std::chrono::milliseconds call_timeout{30000};
    std::chrono::milliseconds connect_timeout{15000};  // starting Python and connecting to Resolve
};

class WorkerProcess;

class WorkerBackend final : public Backend {
public:
    explicit WorkerBackend(WorkerOptions options);
    ~WorkerBackend() override;

    std::string name() const override { return "python-worker"; }
    Status Call(std::string_view method, const google::protobuf::Message& request,
                google::protobuf::Message& response) override;
    BackendState Probe() override;

private:
    /// A running worker connected to Resolve, starting one when needed. Caller holds mutex_.
    BackendState EnsureConnectedLocked();
    /// One round trip; kills the worker on a timeout or a broken pipe.
    StatusOr<std::string> RoundTripLocked(std::string_view method, const std::string& payload,
                                          std::chrono::milliseconds timeout);

    WorkerOptions options_;
    std::mutex mutex_;
    std::unique_ptr<WorkerProcess> process_;
    BackendState connected_;  // available once Connect succeeded on process_
};

}  // namespace gantry::resolve::worker
