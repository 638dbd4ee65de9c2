#include "gantry/turso/remote_endpoint.hpp"

#include "gantry/turso/curl_http_client.hpp"

namespace gantry::turso {
namespace {
RetryPolicy Policy(const DatabaseConfig& config) {
    RetryPolicy p;
    p.max_attempts = config.retry_attempts;
    return p;
}
}  // namespace

std::unique_ptr<RemoteEndpoint> RemoteEndpoint::Connect(const DatabaseConfig& config) {
    return std::make_unique<RemoteEndpoint>(std::make_unique<CurlHttpClient>(config.auth_token, config.connect_timeout),
                                            std::make_unique<CurlHttpClient>(config.auth_token, config.connect_timeout),
                                            config);
}

RemoteEndpoint::RemoteEndpoint(std::unique_ptr<HttpClient> hrana_http, std::unique_ptr<HttpClient> pull_http,
                               const DatabaseConfig& config)
    : hrana_transport_(std::move(hrana_http)),
      pull_transport_(std::move(pull_http)),
      hrana_http_(*hrana_transport_, Policy(config)),
      pull_http_(*pull_transport_, Policy(config)),
      hrana_(hrana_http_, config.url, config.request_timeout),
      pull_(pull_http_, config.url, config.request_timeout) {}

}  // namespace gantry::turso
