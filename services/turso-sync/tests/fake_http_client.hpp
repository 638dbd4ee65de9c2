#pragma once
// An in-memory HttpClient for unit tests: answers from a queue of scripted responses and records requests.

#include <deque>
#include <vector>

#include "gantry/turso/http_client.hpp"

namespace gantry::turso::testing {

class FakeHttpClient final : public HttpClient {
public:
    /// Queues the next answer: a response, or a transport failure.
    void Reply(long status, std::string body) { answers_.push_back(HttpResponse{status, std::move(body)}); }
    void Fail(Status status) { answers_.push_back(std::move(status)); }

    StatusOr<HttpResponse> Send(const HttpRequest& request) override {
        requests.push_back(request);
        if (answers_.empty()) return UnavailableError("fake: no scripted answer for " + request.url);
        auto next = std::move(answers_.front());
        answers_.pop_front();
        return next;
    }

    std::vector<HttpRequest> requests;

private:
    std::deque<StatusOr<HttpResponse>> answers_;
};

}  // namespace gantry::turso::testing
