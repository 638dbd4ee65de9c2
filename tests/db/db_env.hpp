#pragma once
/// @file The db tier's shared world: one PostgreSQL, one MariaDB and one db-gateway configured for
/// them (plus an embedded SQLite "main", a one-connection pool "tiny" and an unreachable "down"),
/// started on first use and stopped at exit.

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "db_client.hpp"
#include "db_servers.hpp"
#include "gantry/testing/service_process.hpp"

namespace gantry::testing {

class DbWorld {
public:
    static DbWorld& Get() {
        static DbWorld world;
        return world;
    }
    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    std::string address() const { return gateway_->endpoint("grpc"); }
    ServiceProcess& gateway() { return *gateway_; }
    PostgresServer& pg() { return *pg_; }
    MariaDbServer& maria() { return *maria_; }

    /// Writes a secret file and returns its path.
    static std::string SecretFile(const std::string& dir, const std::string& name, const std::string& value) {
        const std::string path = dir + "/" + name;
        std::ofstream(path) << value << "\n";
        return path;
    }

private:
    DbWorld() {
        pg_ = std::make_unique<PostgresServer>();
        if (!pg_->ok()) {
            error_ = pg_->error();
            return;
        }
        maria_ = std::make_unique<MariaDbServer>();
        if (!maria_->ok()) {
            error_ = maria_->error();
            return;
        }
        char tmpl[] = "/tmp/gantry-dbcfg-XXXXXX";
        dir_ = mkdtemp(tmpl);
        const auto pg_pass = SecretFile(dir_, "pg.pass", PostgresServer::kPassword);
        const auto maria_pass = SecretFile(dir_, "maria.pass", MariaDbServer::kPassword);
        const std::string config = dir_ + "/db-gateway.yaml";
        std::ofstream(config) << "server:\n  auth:\n    tokens: [\"admin-token-for-tests:admin\", \"write-token-for-tests:write\", "
                                 "\"read-token-for-tests:read\"]\n"
                              << "databases:\n"
                              << "  pg:\n    driver: postgres\n    dsn: \"" << pg_->dsn() << "\"\n    password_file: "
                              << pg_pass << "\n    max_connections: 20\n    health_check_interval_ms: 500\n"
                              << "  maria:\n    driver: mariadb\n    dsn: \"" << maria_->dsn() << "\"\n    user: "
                              << MariaDbServer::kUser << "\n    password_file: " << maria_pass
                              << "\n    max_connections: 20\n"
                              << "  pg4:\n    driver: postgres\n    dsn: \"" << pg_->dsn() << "\"\n    password_file: "
                              << pg_pass << "\n    max_connections: 4\n    acquire_timeout_ms: 20000\n"
                              << "  pgtls:\n    driver: postgres\n    dsn: \"" << pg_->dsn() << "\"\n    password_file: "
                              << pg_pass << "\n    tls: true\n"
                              << "  tinyshared:\n    driver: postgres\n    dsn: \"" << pg_->dsn()
                              << "\"\n    password_file: " << pg_pass << "\n    max_connections: 1\n    session_reset: false\n"
                              << "  tiny:\n    driver: postgres\n    dsn: \"" << pg_->dsn() << "\"\n    password_file: "
                              << pg_pass << "\n    max_connections: 1\n    acquire_timeout_ms: 300\n"
                              << "  down:\n    driver: postgres\n    dsn: \"host=127.0.0.1 port=" << PickFreePort()
                              << " dbname=nothing\"\n    connect_timeout_ms: 1000\n    min_connections: 1\n"
                              << "    breaker_failures: 2\n    breaker_open_ms: 60000\n";
        gateway_ = std::make_unique<ServiceProcess>(ServiceProcess::Options{
            std::string(GANTRY_BIN_DIR) + "/db-gateway", {"--config", config}, {}, std::chrono::milliseconds(15000)});
        if (!gateway_->ok()) error_ = "db-gateway did not start: " + gateway_->error();
    }
    ~DbWorld() {
        gateway_.reset();
        std::error_code ec;
        if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
    }

    std::string error_;
    std::string dir_;
    std::unique_ptr<PostgresServer> pg_;
    std::unique_ptr<MariaDbServer> maria_;
    std::unique_ptr<ServiceProcess> gateway_;
};

#define GANTRY_REQUIRE_DB_WORLD()                                         \
    auto& world = ::gantry::testing::DbWorld::Get();                      \
    ASSERT_TRUE(world.ok()) << world.error()

}  // namespace gantry::testing
