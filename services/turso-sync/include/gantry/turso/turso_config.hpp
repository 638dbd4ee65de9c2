#pragma once
/// @file The `turso.*` configuration keys and the default database from TURSO_DATABASE_URL / TURSO_AUTH_TOKEN.

#include <functional>
#include <string>
#include <vector>

#include "gantry/common/config.hpp"
#include "gantry/turso/database.hpp"

namespace gantry::turso {

struct TursoConfig {
    std::string data_dir;          // <data_dir>/turso
    std::string default_database;  // the name used when a request leaves `database` empty
    std::vector<DatabaseConfig> databases;
    DatabaseConfig defaults;  // timeouts and retries for databases opened over the API
};

/// Reads `turso.*`. Errors go to the reader (unknown mode, bad URL, ...). `getenv` is injectable for tests.
/// Without configured databases: a `replica` named `default` when TURSO_DATABASE_URL is set (its mode from
/// `turso.env_mode`), else a local database named `main`.
TursoConfig ReadTursoConfig(ConfigSection root, const std::string& data_dir,
                            const std::function<const char*(const char*)>& getenv);

/// Checks a database name: 1-64 characters of [A-Za-z0-9_-].
Status ValidateDatabaseName(const std::string& name);

}  // namespace gantry::turso
