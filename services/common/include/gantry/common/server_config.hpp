#pragma once
/// @file The configuration keys every Gantry service shares: `server.*`, `log.*` and `data_dir`.

#include <cstdint>
#include <string>
#include <vector>

#include "gantry/common/config.hpp"
#include "gantry/common/logging.hpp"

namespace gantry {

struct TlsConfig {
    std::string cert_file;       // PEM certificate chain; TLS is on when set
    std::string key_file;        // PEM private key
    std::string client_ca_file;  // PEM CA bundle; when set, clients must present a certificate (mTLS)
    bool enabled() const { return !cert_file.empty(); }
};

struct AuthConfig {
    std::vector<std::string> tokens;  // "TOKEN" or "TOKEN:ROLE"
    std::string tokens_file;
};

struct ServerConfig {
    std::string listen;          // host:port or unix:/path
    std::string metrics_listen;  // host:port for /metrics; "" disables
    int64_t drain_timeout_ms = 5000;
    int64_t max_message_bytes = 16 * 1024 * 1024;
    TlsConfig tls;
    AuthConfig auth;
};

struct CommonConfig {
    ServerConfig server;
    LogConfig log;
    std::string data_dir;
};

/// Default addresses, one pair per service, so the suite can run side by side on one host.
struct DefaultPorts {
    int grpc;
    int metrics;
};

/// Reads the shared keys from the root section. Errors are collected by the reader.
CommonConfig ReadCommonConfig(ConfigSection root, DefaultPorts ports);

}  // namespace gantry
