#pragma once
/// @file A timeline from an OpenTimelineIO JSON document (what ExportTimeline writes, or another tool's OTIO):
/// tracks, gaps, clips and timeline markers. Clips are matched to media pool clips by file path; media not in
/// the pool yet is added to the current bin.

#include <string>

#include "sim_context.hpp"

namespace gantry::resolve::sim {

/// INVALID_ARGUMENT naming the problem when `text` is not an OTIO timeline.
StatusOr<SimTimeline> ImportOtio(SimContext& ctx, const std::string& text, const std::string& name);

}  // namespace gantry::resolve::sim
