#include "gantry/common/server_config.hpp"

namespace gantry {

CommonConfig ReadCommonConfig(ConfigSection root, DefaultPorts ports) {
    CommonConfig c;
    auto server = root.Section("server", "gRPC listener, metrics, TLS and auth");
    c.server.listen = server.String("listen", "127.0.0.1:" + std::to_string(ports.grpc),
                                    "gRPC listen address: host:port (port 0 picks a free port) or unix:/path. "
                                    "Binds loopback unless changed.");
    c.server.metrics_listen = server.String("metrics_listen", "127.0.0.1:" + std::to_string(ports.metrics),
                                            "Prometheus /metrics HTTP address (host:port); empty disables it");
    c.server.drain_timeout_ms = server.Int("drain_timeout_ms", 5000,
                                           "On SIGTERM/SIGINT, how long in-flight calls may finish before "
                                           "they are cancelled",
                                           0, 600000);
    c.server.max_message_bytes = server.Int("max_message_bytes", 16 * 1024 * 1024,
                                            "Largest gRPC message accepted or sent, in bytes", 1024, 1LL << 31);
    auto tls = server.Section("tls", "TLS for the gRPC listener");
    c.server.tls.cert_file = tls.String("cert_file", "", "PEM certificate chain; setting it turns TLS on");
    c.server.tls.key_file = tls.String("key_file", "", "PEM private key for cert_file");
    c.server.tls.client_ca_file =
        tls.String("client_ca_file", "", "PEM CA bundle; when set, clients must present a certificate it signed (mTLS)");
    if (c.server.tls.enabled() != !c.server.tls.key_file.empty()) {
        tls.Fail(c.server.tls.enabled() ? "key_file" : "cert_file", "cert_file and key_file must be set together");
    }
    if (!c.server.tls.client_ca_file.empty() && !c.server.tls.enabled()) {
        tls.Fail("client_ca_file", "mTLS needs TLS: set cert_file and key_file too");
    }
    auto auth = server.Section("auth", "Bearer-token authentication; off when no token is configured");
    c.server.auth.tokens = auth.StringList(
        "tokens", "Accepted tokens, each 'TOKEN' (role admin) or 'TOKEN:ROLE' with ROLE read, write or admin; "
                  "the environment form is comma-separated. Health checks stay open.");
    c.server.auth.tokens_file =
        auth.String("tokens_file", "", "File with one token per line ('TOKEN' or 'TOKEN ROLE'; # comments)");

    auto log = root.Section("log", "Logging to stderr");
    c.log.level = log.String("level", "info", "trace, debug, info, warn, error, critical or off");
    const auto format = log.String("format", "text", "text or json (one JSON object per line)");
    if (auto parsed = ParseLogFormat(format); parsed.ok()) {
        c.log.format = *parsed;
    } else {
        log.Fail("format", parsed.status().message());
    }
    if (auto level = ParseLogLevel(c.log.level); !level.ok()) log.Fail("level", level.status().message());

    c.data_dir = root.String("data_dir", "gantry-data",
                             "Directory for this service's files (SQLite databases, replicas, state); "
                             "created when missing");
    return c;
}

}  // namespace gantry
