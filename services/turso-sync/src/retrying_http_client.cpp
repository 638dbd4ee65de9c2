#include "gantry/turso/retrying_http_client.hpp"

#include <algorithm>
#include <thread>

namespace gantry::turso {
namespace {
bool RetryableStatus(long status) { return status == 429 || (status >= 500 && status != 501); }
bool RetryableFailure(const Status& st) {
    return st.code() == StatusCode::kUnavailable || st.code() == StatusCode::kDeadlineExceeded;
}
bool Retryable(const StatusOr<HttpResponse>& r) {
    return r.ok() ? RetryableStatus(r->status) : RetryableFailure(r.status());
}

/// Passes everything on and remembers whether the sink itself failed (a verdict on the body, never retried).
class WatchedSink final : public BodySink {
public:
    explicit WatchedSink(BodySink& inner) : inner_(inner) {}
    Status Start(long status) override { return Watch(inner_.Start(status)); }
    Status Write(std::string_view piece) override { return Watch(inner_.Write(piece)); }
    bool failed() const { return failed_; }

private:
    Status Watch(Status st) {
        failed_ = failed_ || !st.ok();
        return st;
    }
    BodySink& inner_;
    bool failed_ = false;
};
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

StatusOr<long> RetryingHttpClient::Stream(const HttpRequest& request, BodySink& sink) {
    auto backoff = policy_.initial_backoff;
    const int attempts = request.idempotent ? std::max(1, policy_.max_attempts) : 1;
    for (int attempt = 1;; ++attempt) {
        WatchedSink watched(sink);
        auto result = inner_.Stream(request, watched);
        const bool retryable =
            !watched.failed() && (result.ok() ? RetryableStatus(*result) : RetryableFailure(result.status()));
        if (attempt >= attempts || !retryable) return result;
        sleep_(backoff);
        backoff = std::min(backoff * 2, policy_.max_backoff);
    }
}

}  // namespace gantry::turso
