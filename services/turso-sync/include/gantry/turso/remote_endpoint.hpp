#pragma once
/// @file Everything a database needs to reach its remote: libcurl transports (one for Hrana, one for pulls,
/// so a long pull never delays a write), retries for idempotent requests, the Hrana and pull clients.

#include <memory>

#include "gantry/turso/database.hpp"
#include "gantry/turso/hrana_client.hpp"
#include "gantry/turso/pull_protocol.hpp"
#include "gantry/turso/retrying_http_client.hpp"

namespace gantry::turso {

class RemoteEndpoint final {
public:
    /// Builds libcurl transports from `config` (url already normalized, token, timeouts, retries).
    static std::unique_ptr<RemoteEndpoint> Connect(const DatabaseConfig& config);
    /// For tests: both clients over given transports.
    RemoteEndpoint(std::unique_ptr<HttpClient> hrana_http, std::unique_ptr<HttpClient> pull_http,
                   const DatabaseConfig& config);

    HranaClient& hrana() { return hrana_; }
    PullClient& pull() { return pull_; }

private:
    std::unique_ptr<HttpClient> hrana_transport_;
    std::unique_ptr<HttpClient> pull_transport_;
    RetryingHttpClient hrana_http_;
    RetryingHttpClient pull_http_;
    HranaClient hrana_;
    PullClient pull_;
};

}  // namespace gantry::turso
