#pragma once
/// @file Stable object ids in the shape of Resolve's unique ids (8-4-4-4-12 hex).

#include <string>

namespace gantry::resolve::sim {

std::string NewId();

}  // namespace gantry::resolve::sim
