#pragma once
/// @file `embedded`: CPython inside the bridge process running the same gantry_resolve_ops module as the worker,
/// for the lowest latency. Calls are serialized; there is no watchdog (a call cannot be interrupted in-process),
/// and a crash in Resolve's module takes the bridge down: use python-worker where that matters.

#include <memory>
#include <mutex>

#include "gantry/resolve/backend.hpp"
#include "gantry/resolve/python_setup.hpp"

namespace gantry::resolve::embedded {

class Interpreter;

class EmbeddedBackend final : public Backend {
public:
    explicit EmbeddedBackend(PythonSetup setup);
    ~EmbeddedBackend() override;

    std::string name() const override { return "embedded"; }
    Status Call(std::string_view method, const google::protobuf::Message& request,
                google::protobuf::Message& response) override;
    BackendState Probe() override;

private:
    BackendState EnsureConnectedLocked();

    PythonSetup setup_;
    std::mutex mutex_;
    std::unique_ptr<Interpreter> interpreter_;
    BackendState connected_;
};

}  // namespace gantry::resolve::embedded
