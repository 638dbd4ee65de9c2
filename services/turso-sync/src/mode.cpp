#include "gantry/turso/database.hpp"

namespace gantry::turso {

const char* ModeName(Mode mode) {
    switch (mode) {
        case Mode::kLocal:
            return "local";
        case Mode::kRemote:
            return "remote";
        case Mode::kReplica:
            return "replica";
        case Mode::kOffline:
            return "offline";
    }
    return "unknown";
}

StatusOr<Mode> ParseMode(const std::string& text) {
    if (text == "local") return Mode::kLocal;
    if (text == "remote") return Mode::kRemote;
    if (text == "replica") return Mode::kReplica;
    if (text == "offline") return Mode::kOffline;
    return InvalidArgumentError("unknown database mode '" + text + "'; use local, remote, replica or offline");
}

}  // namespace gantry::turso
