#pragma once
/// @file db-gateway's configuration: the named databases (driver, DSN, credentials, pool, timeouts).
/// With none configured, "main" is an embedded SQLite file under the data directory.

#include <chrono>
#include <string>
#include <vector>

#include "gantry/common/config.hpp"
#include "gantry/common/server_config.hpp"
#include "gantry/db/connection.hpp"
#include "gantry/db/pool.hpp"

namespace gantry::db {

inline constexpr const char* kDefaultDatabase = "main";

struct DatabaseConfig {
    std::string name;
    std::string driver;  // "postgres", "mariadb", "sqlite"
    DriverOptions driver_options;
    PoolOptions pool;
    std::chrono::milliseconds statement_timeout{0};          // 0 = only the call's deadline
    std::chrono::milliseconds transaction_idle_timeout{30000};
    int64_t max_rows = 10000;                                // Execute's cap; StreamQuery has none
};

struct GatewayConfig {
    std::vector<DatabaseConfig> databases;
};

/// Reads `databases.<name>.*`. Keys are documented under `databases.<name>` even when none is set.
GatewayConfig ReadGatewayConfig(ConfigSection& root, const CommonConfig& common);

}  // namespace gantry::db
