#pragma once
/// @file What an operation of the simulator works on: the state, the options, the time, and lookups that
/// turn ids into objects or a NOT_FOUND naming the id.

#include <cstdint>
#include <string>

#include "gantry/common/status.hpp"
#include "gantry/resolve/sim/sim_options.hpp"
#include "gantry/resolve/v1/types.pb.h"
#include "model.hpp"

namespace gantry::resolve::sim {

struct ItemRef {
    SimTimeline* timeline = nullptr;
    v1::TrackType type = v1::TRACK_TYPE_UNSPECIFIED;
    int track_index = 0;  // 1-based
    SimTrack* track = nullptr;
    SimItem* item = nullptr;
};

class SimContext {
public:
    SimContext(SimState& state, const SimOptions& options, int64_t now_ms)
        : state_(state), options_(options), now_ms_(now_ms) {}

    SimState& state() { return state_; }
    const SimOptions& options() const { return options_; }
    int64_t now_ms() const { return now_ms_; }

    /// The open project (Resolve always has one).
    SimProject& Project();
    StatusOr<SimBin*> Bin(const std::string& id);
    StatusOr<SimClip*> Clip(const std::string& id);
    StatusOr<SimTimeline*> Timeline(const std::string& id);
    /// The current timeline, or FAILED_PRECONDITION when the project has none.
    StatusOr<SimTimeline*> CurrentTimeline();
    StatusOr<ItemRef> Item(const std::string& id);

private:
    SimState& state_;
    const SimOptions& options_;
    int64_t now_ms_;
};

/// The tracks of one type; subtitle included.
std::vector<SimTrack>& Tracks(SimTimeline& timeline, v1::TrackType type);
/// The track at a 1-based index, or INVALID_ARGUMENT saying how many there are.
StatusOr<SimTrack*> TrackAt(SimTimeline& timeline, v1::TrackType type, int index);
std::string TrackTypeName(v1::TrackType type);

}  // namespace gantry::resolve::sim
