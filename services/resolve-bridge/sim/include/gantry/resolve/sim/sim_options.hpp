#pragma once
/// @file How the simulator is set up (configuration keys resolve.sim.*).

#include <cstdint>
#include <functional>
#include <string>

namespace gantry::resolve::sim {

struct SimOptions {
    std::string state_dir;            // where state.json lives
    double render_fps = 480;          // simulated render speed in frames per second
    int default_clip_frames = 240;    // length given to imported media (the simulator does not decode media)
    std::function<int64_t()> now_ms;  // wall clock in ms; tests inject their own
};

}  // namespace gantry::resolve::sim
