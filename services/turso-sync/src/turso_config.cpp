#include "gantry/turso/turso_config.hpp"

#include "gantry/turso/remote_url.hpp"

namespace gantry::turso {
namespace {

void ReadTimeouts(ConfigSection& s, DatabaseConfig& c) {
    c.request_timeout = std::chrono::milliseconds(
        s.Int("request_timeout_ms", 10000, "timeout of every HTTP request to the remote", 100, 3600000));
    c.connect_timeout = std::chrono::milliseconds(
        s.Int("connect_timeout_ms", 3000, "timeout of connection setup to the remote", 100, 600000));
    c.retry_attempts = static_cast<int>(s.Int(
        "retry_attempts", 4, "attempts for idempotent requests (pulls, probes), with exponential backoff", 1, 20));
}

DatabaseConfig ReadDatabase(ConfigSection s, const std::string& name, const std::string& dir,
                            const DatabaseConfig& defaults) {
    DatabaseConfig c = defaults;
    c.name = name;
    const std::string mode = s.String("mode", "local", "local, remote, replica or offline");
    if (auto m = ParseMode(mode); m.ok()) {
        c.mode = *m;
    } else {
        s.Fail("mode", m.status().message());
    }
    const std::string url = s.String("url", "", "remote URL (libsql://, https://, http://); required unless local");
    c.auth_token = s.Secret("auth_token", "bearer token for the remote");
    c.path = s.String("path", "", "local SQLite file; default <data_dir>/turso/<name>.db");
    if (c.path.empty()) c.path = dir + "/" + name + ".db";
    c.sync_interval = std::chrono::milliseconds(
        s.Int("sync_interval_ms", 0, "periodic pull of a replica or offline database; 0 = only on writes and Sync", 0,
              86400000));
    ReadTimeouts(s, c);
    if (c.mode != Mode::kLocal) {
        if (url.empty()) {
            s.Fail("url", std::string("mode ") + ModeName(c.mode) + " needs a remote url");
        } else if (auto normalized = NormalizeRemoteUrl(url); normalized.ok()) {
            c.url = *normalized;
        } else {
            s.Fail("url", normalized.status().message());
        }
    }
    return c;
}

}  // namespace

Status ValidateDatabaseName(const std::string& name) {
    if (name.empty() || name.size() > 64) return InvalidArgumentError("a database name has 1 to 64 characters");
    for (char c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') {
            return InvalidArgumentError("database name '" + name + "' may hold only letters, digits, '_' and '-'");
        }
    }
    return Status::Ok();
}

TursoConfig ReadTursoConfig(ConfigSection root, const std::string& data_dir,
                            const std::function<const char*(const char*)>& getenv) {
    TursoConfig out;
    out.data_dir = data_dir + "/turso";
    ConfigSection turso = root.Section("turso", "Turso/libSQL databases");
    out.default_database = turso.String("default_database", "",
                                        "the database a request with no name uses; "
                                        "default: the only configured one, else 'default' or 'main'");
    const std::string env_mode = turso.String("env_mode", "replica",
                                              "mode of the database made from "
                                              "TURSO_DATABASE_URL / TURSO_AUTH_TOKEN (replica, remote or offline)");
    ReadTimeouts(turso, out.defaults);
    auto entries = turso.Entries("databases", "named databases: {<name>: {mode, url, auth_token, path, ...}}");
    if (entries.empty()) {
        // Documents the per-database keys (the empty document is what --help and the docs read).
        ConfigSection doc = turso.Section("databases", "named databases").Section("<name>", "one database");
        (void)ReadDatabase(doc, "<name>", out.data_dir, out.defaults);
    }
    for (auto& [name, section] : entries) {
        if (auto st = ValidateDatabaseName(name); !st.ok()) {
            turso.Fail("databases", st.message());
            continue;
        }
        out.databases.push_back(ReadDatabase(section, name, out.data_dir, out.defaults));
    }
    const char* env_url = getenv("TURSO_DATABASE_URL");
    if (out.databases.empty() && env_url && *env_url) {
        DatabaseConfig c = out.defaults;
        c.name = "default";
        auto mode = ParseMode(env_mode);
        if (!mode.ok() || (*mode != Mode::kReplica && *mode != Mode::kRemote && *mode != Mode::kOffline)) {
            turso.Fail("env_mode", "must be replica, remote or offline");
        } else {
            c.mode = *mode;
        }
        if (auto url = NormalizeRemoteUrl(env_url); url.ok()) {
            c.url = *url;
        } else {
            turso.Fail("env_mode", "TURSO_DATABASE_URL: " + url.status().message());
        }
        const char* token = getenv("TURSO_AUTH_TOKEN");
        c.auth_token = token ? token : "";
        c.path = out.data_dir + "/default.db";
        out.databases.push_back(std::move(c));
    }
    if (out.databases.empty()) {
        DatabaseConfig c = out.defaults;
        c.name = "main";
        c.mode = Mode::kLocal;
        c.path = out.data_dir + "/main.db";
        out.databases.push_back(std::move(c));
    }
    if (out.default_database.empty()) out.default_database = out.databases.front().name;
    return out;
}

}  // namespace gantry::turso
