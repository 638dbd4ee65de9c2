#pragma once
/// @file `sim`: a stateful simulator of Resolve's object model, persisted on disk, following Resolve's rules
/// (1-based indices, exclusive end frames, name clashes refused). Used only when configured.

#include <memory>
#include <mutex>

#include "gantry/resolve/backend.hpp"
#include "gantry/resolve/sim/sim_options.hpp"

namespace gantry::resolve::sim {

struct SimState;

class SimBackend final : public Backend {
public:
    /// Loads `options.state_dir`/state.json (or starts fresh). A state file that cannot be read is DATA_LOSS
    /// and is left untouched.
    static StatusOr<std::unique_ptr<SimBackend>> Open(SimOptions options);
    ~SimBackend() override;

    std::string name() const override { return "sim"; }
    Status Call(std::string_view method, const google::protobuf::Message& request,
                google::protobuf::Message& response) override;
    BackendState Probe() override;

private:
    SimBackend(SimOptions options, std::unique_ptr<SimState> state);
    SimOptions options_;
    std::unique_ptr<SimState> state_;
    std::mutex mutex_;
};

}  // namespace gantry::resolve::sim
