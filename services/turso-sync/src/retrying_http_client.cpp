#include "gantry/turso/retrying_http_client.hpp"

#include <algorithm>
#include <thread>

namespace gantry::turso {
namespace {
bool Retryable(const StatusOr<HttpResponse>& r) {
    if (!r.ok()) {
        return r.status().code() == StatusCode::kUnavailable || r.status().code() == StatusCode::kDeadlineExceeded;
    }
    return r->status == 429 || (r->status >= 500 && r->status != 501);
}
}  // namespace

RetryingHttpClient::RetryingHttpClient(HttpClient& inner, RetryPolicy policy, Sleeper sleep)
    : inner_(inner), policy_(policy), sleep_(std::move(sleep)) {
    if (!sleep_) sleep_ = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

StatusOr<HttpResponse> RetryingHttpClient::Send(const HttpRequest& request) {
    auto backoff = policy_.initial_backoff;
    const int attempts = request.idempotent ? std::max(1, policy_.max_attempts) : 1;
    for (int attempt = 1;; ++attempt) {
        auto result = inner_.Send(request);
        if (attempt >= attempts || !Retryable(result)) return result;
        sleep_(backoff);
        backoff = std::min(backoff * 2, policy_.max_backoff);
    }
}

}  // namespace gantry::turso
