#pragma once
// The real tursodb sync server (npm package `turso`, pinned by tests/turso/package-lock.json) as a child
// process on a free loopback port, plus a raw Hrana helper that talks to it without any Gantry code.

#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <string>

namespace gantry::testing {

class TursodbServer {
public:
    /// The database file is `dir`/remote.db; it should start empty (see the brief: pages come from the WAL).
    explicit TursodbServer(std::string dir);
    ~TursodbServer();
    TursodbServer(const TursodbServer&) = delete;
    TursodbServer& operator=(const TursodbServer&) = delete;

    /// Starts (or restarts, on the same port and file) and waits until it accepts connections.
    bool Start();
    /// kill -9, then reaps the process.
    void Kill();
    bool running() const { return pid_ > 0; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    const std::string& error() const { return error_; }

    /// POST /v2/pipeline with one execute request; returns the `result` object or throws on an error.
    nlohmann::json Execute(const std::string& sql, const nlohmann::json& args = nlohmann::json::array()) const;
    /// First column of every row, as text/integer JSON values.
    std::vector<nlohmann::json> Column(const std::string& sql) const;

    static std::string Binary();

private:
    std::string dir_;
    int port_ = 0;
    pid_t pid_ = -1;
    std::string error_;
};

}  // namespace gantry::testing
