#include "gantry/db/gateway_config.hpp"

#include <filesystem>
#include <set>

namespace gantry::db {
namespace {

using std::chrono::milliseconds;

const std::set<std::string> kDrivers = {"postgres", "mariadb", "sqlite"};

DatabaseConfig ReadDatabase(const std::string& name, ConfigSection section, const std::string& default_sqlite_path) {
    DatabaseConfig db;
    db.name = name;
    db.driver = section.String("driver", "sqlite", "postgres, mariadb or sqlite");
    if (!kDrivers.count(db.driver)) {
        section.Fail("driver", "unknown driver '" + db.driver + "' (expected postgres, mariadb or sqlite)");
    }
    auto& d = db.driver_options;
    d.database = name;
    d.dsn = section.String("dsn", db.driver == "sqlite" ? default_sqlite_path : "",
                           "postgres: libpq conninfo ('host=... port=... dbname=...'); mariadb: 'host=... port=... "
                           "dbname=... [socket=...]'; sqlite: the database file");
    d.user = section.String("user", "", "user name (postgres, mariadb); may also be in the DSN for postgres");
    d.password = section.Secret("password", "password (postgres, mariadb); never logged");
    d.tls = section.Bool("tls", false, "require TLS to the database server (postgres sslmode=require, mariadb SSL)");
    d.session_reset = section.Bool(
        "session_reset", true,
        "undo session state (SET, temporary tables, advisory locks, LISTEN) when a connection returns to the "
        "pool after a call that may have changed it (postgres: any statement but a plain SELECT calling only "
        "known built-ins, or a changed server-reported setting; mariadb: the server's state-change flag); false "
        "isolates callers less but never resets (leftover transactions are always rolled back)");
    d.connect_timeout = milliseconds(section.Int("connect_timeout_ms", 5000, "connect timeout", 1));
    d.statement_cache.capacity = static_cast<size_t>(
        section.Int("statement_cache_size", 256, "prepared statements kept per connection (LRU)", 0, 100000));
    d.statement_cache.ttl = milliseconds(
        section.Int("statement_cache_ttl_ms", 600000, "a cached prepared statement unused this long is re-prepared", 1));

    auto& p = db.pool;
    p.min_connections = static_cast<int>(section.Int("min_connections", 0, "connections kept open", 0, 10000));
    p.max_connections = static_cast<int>(
        section.Int("max_connections", db.driver == "sqlite" ? 4 : 10, "most connections open at once", 1, 10000));
    if (p.min_connections > p.max_connections) section.Fail("min_connections", "must not exceed max_connections");
    p.acquire_timeout = milliseconds(section.Int(
        "acquire_timeout_ms", 5000, "longest wait for a free connection before RESOURCE_EXHAUSTED", 1));
    p.health_check_interval = milliseconds(
        section.Int("health_check_interval_ms", 5000, "how often idle connections are checked", 10));
    p.max_idle_time = milliseconds(
        section.Int("max_idle_ms", 300000, "idle connections above min_connections close after this long", 1));
    p.breaker.failure_threshold = static_cast<int>(section.Int(
        "breaker_failures", 3, "consecutive connection failures that open the circuit breaker", 1, 1000));
    p.breaker.open_duration = milliseconds(section.Int(
        "breaker_open_ms", 1000, "how long calls fail fast before a half-open probe", 1));

    db.statement_timeout = milliseconds(section.Int(
        "statement_timeout_ms", 0, "longest statement run time (0 = only the call's deadline)", 0));
    db.transaction_idle_timeout = milliseconds(section.Int(
        "transaction_idle_timeout_ms", 30000, "an open transaction idle this long is rolled back", 1));
    db.max_rows = section.Int("max_rows", 10000, "most rows one Execute returns (StreamQuery has no limit)", 1);
    return db;
}

}  // namespace

GatewayConfig ReadGatewayConfig(ConfigSection& root, const CommonConfig& common) {
    const std::string default_sqlite =
        common.data_dir.empty() ? std::string("main.db") : (std::filesystem::path(common.data_dir) / "main.db").string();
    GatewayConfig config;
    const std::string what = "named databases; 'main' (the default target) is an embedded SQLite file unless set";
    auto entries = root.Entries("databases", what);
    if (entries.empty()) {
        // Reads a placeholder so every per-database key is documented; it is not a database.
        ReadDatabase("<name>", root.Section("databases", what).Section("<name>", what), default_sqlite);
    }
    bool has_main = false;
    for (auto& [name, section] : entries) {
        has_main = has_main || name == kDefaultDatabase;
        config.databases.push_back(ReadDatabase(name, section, default_sqlite));
    }
    if (!has_main) {
        DatabaseConfig main;
        main.name = kDefaultDatabase;
        main.driver = "sqlite";
        main.driver_options.database = kDefaultDatabase;
        main.driver_options.dsn = default_sqlite;
        main.pool.max_connections = 4;
        config.databases.insert(config.databases.begin(), std::move(main));
    }
    return config;
}

}  // namespace gantry::db
