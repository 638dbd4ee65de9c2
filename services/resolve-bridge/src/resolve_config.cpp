#include "resolve_config.hpp"

#include <filesystem>

namespace gantry::resolve {

ResolveConfig ReadResolveConfig(ConfigSection& root, const std::string& data_dir) {
    ResolveConfig c;
    auto s = root.Section("resolve", "DaVinci Resolve connection");
    c.backend =
        s.String("backend", "auto", "auto (embedded, then python-worker, never sim), embedded, python-worker or sim");
    if (c.backend != "auto" && c.backend != "embedded" && c.backend != "python-worker" && c.backend != "sim") {
        s.Fail("backend", "unknown backend '" + c.backend + "': use auto, embedded, python-worker or sim");
    }
    c.python_dir = s.String("python_dir", "",
                            "folder of the bridge's Python files; empty finds share/gantry/resolve-bridge/python "
                            "next to the binary");
    c.python.python_executable =
        s.String("python_executable", "/usr/bin/python3", "Python interpreter of the python-worker backend");
    c.python.script_api =
        FromConfigOrEnv(s.String("script_api", "",
                                 "Resolve's Developer/Scripting folder; empty uses $RESOLVE_SCRIPT_API, else the "
                                 "OS default (Linux: /opt/resolve/Developer/Scripting)"),
                        "RESOLVE_SCRIPT_API", DefaultScriptApi());
    c.python.script_lib =
        FromConfigOrEnv(s.String("script_lib", "",
                                 "Resolve's fusionscript library; empty uses $RESOLVE_SCRIPT_LIB, else the OS "
                                 "default (Linux: /opt/resolve/libs/Fusion/fusionscript.so)"),
                        "RESOLVE_SCRIPT_LIB", DefaultScriptLib());
    c.call_timeout = std::chrono::milliseconds(
        s.Int("call_timeout_ms", 30000, "python-worker watchdog: a call not answered in time kills the worker", 100,
              3600000));
    c.connect_timeout = std::chrono::milliseconds(
        s.Int("connect_timeout_ms", 15000, "time to start the Python side and connect to Resolve", 100, 600000));
    c.retry_interval = std::chrono::milliseconds(
        s.Int("retry_interval_ms", 2000, "auto: how long a failed connection attempt is remembered", 0, 600000));
    auto sim = s.Section("sim", "the simulator (backend: sim)");
    c.sim.state_dir =
        sim.String("state_dir", "", "where the simulator's state.json lives; empty: <data_dir>/resolve-sim");
    if (c.sim.state_dir.empty()) c.sim.state_dir = (std::filesystem::path(data_dir) / "resolve-sim").string();
    c.sim.render_fps = sim.Double("render_fps", 480, "simulated render speed in frames per second");
    if (c.sim.render_fps <= 0) sim.Fail("render_fps", "render_fps must be positive");
    c.sim.default_clip_frames = static_cast<int>(
        sim.Int("default_clip_frames", 240, "length in frames given to imported media (not decoded)", 1, 10000000));
    return c;
}

}  // namespace gantry::resolve
