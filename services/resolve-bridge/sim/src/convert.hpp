#pragma once
/// @file The simulator's model as the API's messages.

#include "gantry/resolve/v1/types.pb.h"
#include "model.hpp"

namespace gantry::resolve::sim {

void ToProto(const SimProject& project, bool is_current, v1::Project& out);
void ToProto(const SimBin& bin, v1::Bin& out);
void ToProto(const SimClip& clip, v1::Clip& out);
void ToProto(const SimTimeline& timeline, bool is_current, v1::Timeline& out);
void ToProto(const SimTrack& track, v1::TrackType type, int index, v1::Track& out);
void ToProto(const SimItem& item, v1::TrackType type, int track_index, v1::TimelineItem& out);
void ToProto(const SimMarker& marker, v1::Marker& out);
void ToProto(const SimRenderJob& job, v1::RenderJob& out);

}  // namespace gantry::resolve::sim
