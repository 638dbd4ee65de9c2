#pragma once
/// @file One function per method of methods.hpp, defined in ops_<area>.cpp. An operation checks everything
/// before it changes anything, so a failed call leaves the state as it was.

#include "gantry/resolve/methods.hpp"
#include "gantry/resolve/v1/app.pb.h"
#include "gantry/resolve/v1/color.pb.h"
#include "gantry/resolve/v1/items.pb.h"
#include "gantry/resolve/v1/media.pb.h"
#include "gantry/resolve/v1/projects.pb.h"
#include "gantry/resolve/v1/render.pb.h"
#include "gantry/resolve/v1/timelines.pb.h"
#include "sim_context.hpp"

namespace gantry::resolve::sim {

#define GANTRY_SIM_DECLARE_OP(Method, Request, Response, Role) \
    Status Method(SimContext& ctx, const v1::Request& request, v1::Response& response);
GANTRY_RESOLVE_METHODS(GANTRY_SIM_DECLARE_OP)
#undef GANTRY_SIM_DECLARE_OP

/// Advances the render queue to `ctx.now_ms()`: progress, completion (writing each job's output manifest) and
/// the start of the next queued job. Returns whether anything changed.
bool TickRenders(SimContext& ctx);

}  // namespace gantry::resolve::sim
