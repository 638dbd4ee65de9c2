#pragma once
/// @file Timeline interchange files written from the simulator's model.

#include <string>

#include "model.hpp"

namespace gantry::resolve::sim {

/// CMX 3600 EDL of video track 1 (audio track 1 when the timeline has no video), non-drop frame.
std::string ExportEdl(const SimProject& project, const SimTimeline& timeline);
/// FCPXML 1.10 of video track 1: one asset per clip used, a spine of asset-clips and gaps.
std::string ExportFcpxml(const SimProject& project, const SimTimeline& timeline);
/// OpenTimelineIO JSON (Timeline.1 / Stack.1 / Track.1 / Clip.2 / Gap.1 / Marker.2).
std::string ExportOtio(const SimProject& project, const SimTimeline& timeline);

/// The clip an item came from, or nullptr when it was deleted from the media pool.
const SimClip* FindClip(const SimProject& project, const std::string& clip_id);

}  // namespace gantry::resolve::sim
