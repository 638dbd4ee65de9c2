#include "gantry/db/call_context.hpp"

namespace gantry::db {

CallContext MakeCallContext(grpc::ServerContext* context) {
    CallContext ctx;
    const auto deadline = context->deadline();
    if (deadline != std::chrono::system_clock::time_point::max()) {
        const auto left = deadline - std::chrono::system_clock::now();
        ctx.deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::nanoseconds>(left);
    }
    ctx.cancelled = [context] { return context->IsCancelled(); };
    return ctx;
}

Access AccessFor(const CallInfo& info) { return info.role >= Role::kWrite ? Access::kReadWrite : Access::kReadOnly; }

}  // namespace gantry::db
