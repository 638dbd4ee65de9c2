#pragma once
/// @file The bridge from a gRPC call to the core's CallContext (deadline, cancellation) and Access (role).

#include <grpcpp/server_context.h>

#include "gantry/common/call.hpp"
#include "gantry/db/gateway.hpp"

namespace gantry::db {

/// The call's deadline and a cancellation probe the watchdog polls.
CallContext MakeCallContext(grpc::ServerContext* context);
/// kReadWrite for write and admin roles, kReadOnly otherwise.
Access AccessFor(const CallInfo& info);

}  // namespace gantry::db
