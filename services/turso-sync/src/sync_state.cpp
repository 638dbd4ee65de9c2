#include "gantry/turso/sync_state.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "gantry/turso/page_journal.hpp"

namespace gantry::turso {

StatusOr<SyncState> SyncState::Load(const std::string& path) {
    SyncState state;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return state;
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    auto j = nlohmann::json::parse(text.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        return DataLossError("the sync state file '" + path + "' is not valid JSON; move it away to re-bootstrap");
    }
    state.revision = j.value("revision", "");
    state.client_id = j.value("client_id", "");
    state.bootstrap_revision = j.value("bootstrap_revision", "");
    return state;
}

Status SyncState::Save(const std::string& path, bool sync_directory) const {
    const std::string tmp = path + ".tmp";
    nlohmann::json j = {{"revision", revision}, {"client_id", client_id}};
    if (!bootstrap_revision.empty()) j["bootstrap_revision"] = bootstrap_revision;
    const std::string text = j.dump() + "\n";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return UnavailableError("cannot write '" + tmp + "': " + std::strerror(errno));
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) return UnavailableError("cannot write '" + tmp + "': " + std::strerror(errno));
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        return UnavailableError("cannot replace '" + path + "': " + std::strerror(errno));
    }
    return sync_directory ? SyncParentDirectory(path) : Status::Ok();
}

}  // namespace gantry::turso
