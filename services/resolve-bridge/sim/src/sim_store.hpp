#pragma once
/// @file Loading and saving the simulator's state file atomically (write, fsync, rename).

#include <string>

#include "gantry/common/status.hpp"
#include "model.hpp"

namespace gantry::resolve::sim {

/// The state in `dir`/state.json; a fresh state (an open "Untitled Project") when the file does not exist.
StatusOr<SimState> LoadState(const std::string& dir);
Status SaveState(const std::string& dir, const SimState& state);

/// A project as Resolve creates it: a root bin, one album, default settings.
SimProject NewProject(const std::string& name, const std::string& root_bin_id);

}  // namespace gantry::resolve::sim
