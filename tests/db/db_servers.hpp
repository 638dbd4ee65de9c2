#pragma once
/// @file Real database servers for the db tier: PostgreSQL 15 (initdb as the unprivileged `postgres`
/// user) and MariaDB 10.11 (mariadb-install-db, mariadbd as `mysql`), each in a temporary directory on a
/// free loopback port, with a login that needs a password, removed again when the object dies.

#include <sys/types.h>

#include <string>

namespace gantry::testing {

class PostgresServer {
public:
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    int port() const { return port_; }
    /// conninfo for db-gateway (the password travels separately).
    std::string dsn() const;
    static constexpr const char* kUser = "gantry";
    static constexpr const char* kPassword = "s3cret-pg";
    static constexpr const char* kDatabase = "gantry_test";

    /// Runs SQL as the superuser through psql; returns psql's exit code and output.
    std::pair<int, std::string> Psql(const std::string& sql) const;
    bool Stop();   // fast shutdown
    bool Start();  // (re)start on the same port

private:
    std::string dir_;
    int port_ = 0;
    std::string error_;
    bool running_ = false;
};

class MariaDbServer {
public:
    MariaDbServer();
    ~MariaDbServer();
    MariaDbServer(const MariaDbServer&) = delete;
    MariaDbServer& operator=(const MariaDbServer&) = delete;

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    int port() const { return port_; }
    std::string dsn() const;
    static constexpr const char* kUser = "gantry";
    static constexpr const char* kPassword = "s3cret-maria";
    static constexpr const char* kDatabase = "gantry_test";

    std::pair<int, std::string> Sql(const std::string& sql) const;

private:
    bool Start();
    void Stop();

    std::string dir_;
    int port_ = 0;
    pid_t pid_ = -1;
    std::string error_;
};

/// Whether the server packages are installed (the db tier skips, saying so, when not).
bool PostgresInstalled();
bool MariaDbInstalled();

}  // namespace gantry::testing
