#pragma once
/// @file Putting clips on a timeline (AppendToTimeline / CreateTimelineFromClips): source ranges with
/// exclusive ends, 1-based tracks, no overlap with what is already there, locked tracks refused.

#include <vector>

#include "gantry/resolve/v1/timelines.pb.h"
#include "sim_context.hpp"

namespace gantry::resolve::sim {

/// Places every clip or none: on success the timeline holds the new items, which are appended to `items`.
Status PlaceClips(SimContext& ctx, SimTimeline& timeline,
                  const google::protobuf::RepeatedPtrField<v1::ClipPlacement>& placements,
                  std::vector<v1::TimelineItem>& items);

/// A new timeline as Resolve creates it: one video and one stereo audio track, starting at 01:00:00:00.
SimTimeline NewTimeline(const std::string& name, double fps);

}  // namespace gantry::resolve::sim
