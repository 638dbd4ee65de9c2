#pragma once
/// @file resolve-bridge's own configuration keys (resolve.*).

#include <chrono>
#include <string>

#include "gantry/common/config.hpp"
#include "gantry/resolve/python_setup.hpp"
#include "gantry/resolve/sim/sim_options.hpp"

namespace gantry::resolve {

struct ResolveConfig {
    std::string backend = "auto";  // auto, embedded, python-worker or sim
    std::string python_dir;        // empty: located next to the binary
    PythonSetup python;            // script_api / script_lib resolved from config, environment, OS default
    std::chrono::milliseconds call_timeout{30000};
    std::chrono::milliseconds connect_timeout{15000};
    std::chrono::milliseconds retry_interval{2000};
    sim::SimOptions sim;
};

/// Reads resolve.*; `data_dir` is where the simulator keeps its state unless resolve.sim.state_dir says otherwise.
ResolveConfig ReadResolveConfig(ConfigSection& root, const std::string& data_dir);

}  // namespace gantry::resolve
