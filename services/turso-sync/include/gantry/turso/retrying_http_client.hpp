#pragma once
/// @file Retries idempotent requests with exponential backoff; everything else is sent exactly once.

#include <functional>
#include <memory>

#include "gantry/turso/http_client.hpp"

namespace gantry::turso {

struct RetryPolicy {
    int max_attempts = 4;  // including the first
    std::chrono::milliseconds initial_backoff{100};
    std::chrono::milliseconds max_backoff{2000};
};

class RetryingHttpClient final : public HttpClient {
public:
    using Sleeper = std::function<void(std::chrono::milliseconds)>;
    /// `sleep` is injectable for tests; the default really sleeps.
    RetryingHttpClient(HttpClient& inner, RetryPolicy policy, Sleeper sleep = {});

    /// Retries an idempotent request after a transport failure, HTTP 429 or 5xx (except 501).
    StatusOr<HttpResponse> Send(const HttpRequest& request) override;
    /// The same policy; every attempt starts the sink over, and an error the sink returned is never retried.
    StatusOr<long> Stream(const HttpRequest& request, BodySink& sink) override;

private:
    HttpClient& inner_;
    RetryPolicy policy_;
    Sleeper sleep_;
};

}  // namespace gantry::turso
