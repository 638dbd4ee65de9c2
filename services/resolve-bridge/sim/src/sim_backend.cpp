#include "gantry/resolve/sim/sim_backend.hpp"

#include <chrono>
#include <functional>
#include <unordered_map>

#include "gantry/common/auth.hpp"
#include "ops.hpp"
#include "sim_store.hpp"

namespace gantry::resolve::sim {
namespace {

using google::protobuf::Message;

struct Op {
    std::function<Status(SimContext&, const Message&, Message&)> run;
    bool read_only;
};

const std::unordered_map<std::string_view, Op>& Ops() {
#define GANTRY_SIM_OP_ENTRY(Method, Request, Response, RoleValue)                 \
    {#Method, Op{[](SimContext& ctx, const Message& request, Message& response) { \
                     return Method(ctx, static_cast<const v1::Request&>(request), \
                                   static_cast<v1::Response&>(response));         \
                 },                                                               \
                 Role::RoleValue == Role::kRead}},
    static const std::unordered_map<std::string_view, Op> ops = {GANTRY_RESOLVE_METHODS(GANTRY_SIM_OP_ENTRY)};
#undef GANTRY_SIM_OP_ENTRY
    return ops;
}

int64_t WallClockMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

StatusOr<std::unique_ptr<SimBackend>> SimBackend::Open(SimOptions options) {
    if (!options.now_ms) options.now_ms = WallClockMs;
    GANTRY_ASSIGN_OR_RETURN(auto state, LoadState(options.state_dir));
    return std::unique_ptr<SimBackend>(
        new SimBackend(std::move(options), std::make_unique<SimState>(std::move(state))));
}

SimBackend::SimBackend(SimOptions options, std::unique_ptr<SimState> state)
    : options_(std::move(options)), state_(std::move(state)) {}

SimBackend::~SimBackend() = default;

Status SimBackend::Call(std::string_view method, const Message& request, Message& response) {
    const auto& ops = Ops();
    const auto it = ops.find(method);
    if (it == ops.end()) return UnimplementedError("the simulator has no method '" + std::string(method) + "'");
    std::lock_guard lock(mutex_);
    SimContext ctx(*state_, options_, options_.now_ms());
    const bool ticked = TickRenders(ctx);
    auto status = it->second.run(ctx, request, response);
    if (ticked || (status.ok() && !it->second.read_only)) {
        if (auto saved = SaveState(options_.state_dir, *state_); !saved.ok()) return saved;
    }
    return status;
}

BackendState SimBackend::Probe() {
    return {"sim", true, "sim: the simulator was configured (resolve.backend: sim); no DaVinci Resolve is involved",
            "DaVinci Resolve (Gantry simulator)", "20.0.0"};
}

}  // namespace gantry::resolve::sim
