#pragma once
/// @file Test support: the fixture backend and mcp-adapter-with-fixture as child processes, the
/// adapter's YAML configuration, and a small Streamable HTTP client that speaks raw JSON-RPC.

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "gantry/testing/service_process.hpp"

namespace gantry::mcp::testing {

using Json = nlohmann::json;

/// A binary of the build (GANTRY_BIN_DIR in the environment names another folder).
std::string Binary(const std::string& name);

/// The fixture backend at a fixed address (a free loopback port unless given, e.g. "unix:/tmp/x.sock"),
/// so it can be stopped and started again at the same address.
class FixtureBackend {
public:
    explicit FixtureBackend(std::string address = {});
    void Start();
    void Stop();
    const std::string& address() const { return address_; }
    bool ok() const { return process_ && process_->ok(); }

private:
    std::string address_;
    std::unique_ptr<gantry::testing::ServiceProcess> process_;
};

/// Writes an adapter configuration file whose one backend is `backend_address`; `mcp_keys` and
/// `http_keys` add "key: value" lines under `mcp:` and `mcp.http:`. Returns its path.
std::string WriteAdapterConfig(const std::string& dir, const std::string& backend_address,
                               const std::vector<std::string>& mcp_keys = {},
                               const std::vector<std::string>& http_keys = {});

/// A temporary folder removed at destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

/// Raw HTTP to /mcp: helpers add the right headers unless a test overrides them.
class HttpMcp {
public:
    explicit HttpMcp(const std::string& url);  // "http://127.0.0.1:PORT/mcp"

    httplib::Headers Headers() const;  // Accept, session id and protocol version once initialized
    httplib::Result Post(const std::string& body, const httplib::Headers& headers);
    httplib::Result Post(const Json& message) { return Post(message.dump(), Headers()); }
    /// initialize + notifications/initialized; remembers the session id.
    void Initialize();
    /// A request's JSON-RPC response, from a JSON body or the last message of an SSE body.
    Json Request(const std::string& method, Json params = Json::object());

    httplib::Client& client() { return client_; }
    const std::string& session_id() const { return session_id_; }
    int port() const { return port_; }

private:
    httplib::Client client_;
    int port_ = 0;
    std::string session_id_;
    int next_id_ = 0;
};

/// The JSON-RPC messages of an SSE body ("event: message\ndata: {...}\n\n" ...).
std::vector<Json> SseMessages(const std::string& body);

}  // namespace gantry::mcp::testing
