#include "gantry/turso/retrying_http_client.hpp"

#include <gtest/gtest.h>

#include "fake_http_client.hpp"

namespace gantry::turso {
namespace {

using testing::FakeHttpClient;

struct Sleeps {
    std::vector<std::chrono::milliseconds> slept;
    RetryingHttpClient::Sleeper sleeper() {
        return [this](std::chrono::milliseconds d) { slept.push_back(d); };
    }
};

TEST(RetryingHttpClient, RetriesIdempotentRequestsWithGrowingBackoff) {
    FakeHttpClient http;
    http.Fail(UnavailableError("refused"));
    http.Reply(503, "busy");
    http.Reply(200, "ok");
    Sleeps sleeps;
    RetryingHttpClient client(http, {4, std::chrono::milliseconds(100), std::chrono::milliseconds(150)},
                              sleeps.sleeper());
    HttpRequest req;
    req.idempotent = true;
    auto r = client.Send(req);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->body, "ok");
    EXPECT_EQ(http.requests.size(), 3u);
    EXPECT_EQ(sleeps.slept,
              (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(100), std::chrono::milliseconds(150)}));
}

TEST(RetryingHttpClient, NeverRetriesANonIdempotentRequest) {
    FakeHttpClient http;
    http.Fail(DeadlineExceededError("timed out"));
    Sleeps sleeps;
    RetryingHttpClient client(http, {}, sleeps.sleeper());
    HttpRequest req;
    req.idempotent = false;
    EXPECT_EQ(client.Send(req).status().code(), StatusCode::kDeadlineExceeded);
    EXPECT_EQ(http.requests.size(), 1u);
    EXPECT_TRUE(sleeps.slept.empty());
}

TEST(RetryingHttpClient, GivesUpAfterMaxAttemptsAndDoesNotRetryClientErrors) {
    FakeHttpClient http;
    for (int i = 0; i < 3; ++i) http.Reply(500, "down");
    http.Reply(404, "missing");
    Sleeps sleeps;
    RetryingHttpClient client(http, {3, std::chrono::milliseconds(1), std::chrono::milliseconds(1)}, sleeps.sleeper());
    HttpRequest req;
    req.idempotent = true;
    EXPECT_EQ(client.Send(req)->status, 500);
    EXPECT_EQ(http.requests.size(), 3u);
    EXPECT_EQ(client.Send(req)->status, 404);
    EXPECT_EQ(http.requests.size(), 4u);
}

}  // namespace
}  // namespace gantry::turso
