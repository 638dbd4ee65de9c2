#pragma once
/// @file Builds the configured backend.

#include <memory>

#include "gantry/resolve/backend.hpp"
#include "resolve_config.hpp"

namespace gantry::resolve {

/// The backend of `config.backend`. Fails only when the simulator's state cannot be read or the bridge's Python
/// files cannot be found; an unreachable Resolve is reported by the backend on each call instead.
StatusOr<std::unique_ptr<Backend>> MakeBackend(const ResolveConfig& config);

}  // namespace gantry::resolve
