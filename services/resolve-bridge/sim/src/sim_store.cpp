#include "sim_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ids.hpp"

namespace gantry::resolve::sim {
namespace {

constexpr const char* kUntitled = "Untitled Project";

std::string StatePath(const std::string& dir) { return (std::filesystem::path(dir) / "state.json").string(); }

Status WriteAll(int fd, const std::string& data, const std::string& path) {
    size_t written = 0;
    while (written < data.size()) {
        const auto n = ::write(fd, data.data() + written, data.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return UnavailableError("cannot write " + path + ": " + std::strerror(errno));
        written += static_cast<size_t>(n);
    }
    return Status::Ok();
}

}  // namespace

SimProject NewProject(const std::string& name, const std::string& root_bin_id) {
    SimProject project;
    project.name = name;
    project.settings = {{"timelineFrameRate", "24"},          {"timelineResolutionWidth", "1920"},
                        {"timelineResolutionHeight", "1080"}, {"timelinePlaybackFrameRate", "24"},
                        {"colorScienceMode", "davinciYRGB"},  {"superScale", "0"}};
    project.bins.push_back({root_bin_id, "Master", ""});
    project.current_bin_id = root_bin_id;
    project.albums = {"Stills 1"};
    project.current_album = "Stills 1";
    return project;
}

StatusOr<SimState> LoadState(const std::string& dir) {
    const auto path = StatePath(dir);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        SimState state;
        state.projects[kUntitled] = NewProject(kUntitled, NewId());
        state.current_project = kUntitled;
        return state;
    }
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return DataLossError("cannot read the simulator state " + path);
    const auto json = nlohmann::json::parse(text.str(), nullptr, false);
    if (json.is_discarded()) {
        return DataLossError("the simulator state " + path +
                             " is not valid JSON; it was left untouched (move it away to start fresh)");
    }
    try {
        auto state = json.get<SimState>();
        if (!state.projects.count(state.current_project)) {
            return DataLossError("the simulator state " + path + " names a current project it does not contain");
        }
        return state;
    } catch (const nlohmann::json::exception& e) {
        return DataLossError("the simulator state " + path + " does not fit the model: " + e.what());
    }
}

Status SaveState(const std::string& dir, const SimState& state) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return UnavailableError("cannot create the simulator state folder " + dir + ": " + ec.message());
    const auto path = StatePath(dir);
    const auto tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return UnavailableError("cannot write " + tmp + ": " + std::strerror(errno));
    auto status = WriteAll(fd, nlohmann::json(state).dump(1), tmp);
    if (status.ok() && ::fsync(fd) != 0) status = UnavailableError("cannot sync " + tmp + ": " + std::strerror(errno));
    ::close(fd);
    if (status.ok() && std::rename(tmp.c_str(), path.c_str()) != 0) {
        status = UnavailableError("cannot replace " + path + ": " + std::strerror(errno));
    }
    return status;
}

}  // namespace gantry::resolve::sim
