// mcp-adapter's Streamable HTTP endpoint under raw HTTP: the transport's rules (sessions, versions,
// content negotiation, methods, Host/Origin, token) and malformed JSON-RPC, each with the status code
// and JSON-RPC error a client would see; a flood of requests never crashes or stalls it.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <thread>

#include "support/mcp_suite.hpp"

namespace gantry::mcp::testing {
namespace {

using gantry::testing::ServiceProcess;

class HttpTransportTest : public ::testing::Test {
protected:
    void StartAdapter(const std::vector<std::string>& mcp_keys, const std::vector<std::string>& http_keys = {}) {
        const auto config = WriteAdapterConfig(dir_.path(), backend_.address(), mcp_keys, http_keys);
        adapter_ = std::make_unique<ServiceProcess>(
            ServiceProcess::Options{Binary("mcp-adapter-with-fixture"), {"--config", config}});
        ASSERT_TRUE(adapter_->ok()) << adapter_->error();
        mcp_ = std::make_unique<HttpMcp>(adapter_->endpoint("mcp_http"));
    }
    void SetUp() override {
        ASSERT_TRUE(backend_.ok());
        StartAdapter({"max_message_bytes: 65536"});
    }
    static int Code(const std::string& body) {
        return Json::parse(body, nullptr, false).at("error").at("code").get<int>();
    }
    bool Alive() const { return kill(adapter_->pid(), 0) == 0; }

    TempDir dir_;
    FixtureBackend backend_;
    std::unique_ptr<ServiceProcess> adapter_;
    std::unique_ptr<HttpMcp> mcp_;
};

TEST_F(HttpTransportTest, InitializeStartsASessionAndNotificationsGet202) {
    auto res = mcp_->Post(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26"}})",
                          mcp_->Headers());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    const auto id = res->get_header_value("Mcp-Session-Id");
    EXPECT_EQ(id.size(), 32u);
    EXPECT_EQ(Json::parse(res->body).at("result").at("protocolVersion"), "2025-03-26");
    auto note = mcp_->Post(R"({"jsonrpc":"2.0","method":"notifications/initialized"})",
                           {{"Accept", "application/json, text/event-stream"}, {"Mcp-Session-Id", id}});
    ASSERT_TRUE(note);
    EXPECT_EQ(note->status, 202);
    EXPECT_TRUE(note->body.empty());
}

TEST_F(HttpTransportTest, ProgressTokenGetsAnSseAnswerOtherwiseJson) {
    mcp_->Initialize();
    const Json call{{"jsonrpc", "2.0"}, {"id", 9}, {"method", "tools/call"},
                    {"params", {{"name", "fixture_count"}, {"arguments", {{"to", 2}}}}}};
    auto plain = mcp_->Post(call);
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->get_header_value("Content-Type"), "application/json");
    EXPECT_EQ(Json::parse(plain->body).at("result").at("structuredContent").at("messages").size(), 2u);

    auto with_progress = call;
    with_progress["params"]["_meta"] = {{"progressToken", 77}};
    auto sse = mcp_->Post(with_progress);
    ASSERT_TRUE(sse);
    EXPECT_EQ(sse->get_header_value("Content-Type"), "text/event-stream");
    const auto messages = SseMessages(sse->body);
    ASSERT_EQ(messages.size(), 3u) << sse->body;
    EXPECT_EQ(messages[0].at("method"), "notifications/progress");
    EXPECT_EQ(messages[0].at("params").at("progressToken"), 77);
    EXPECT_EQ(messages[1].at("params").at("progress"), 2);
    EXPECT_EQ(messages[2].at("id"), 9);
}

TEST_F(HttpTransportTest, SessionRules) {
    auto missing = mcp_->Post(R"({"jsonrpc":"2.0","id":1,"method":"ping"})", mcp_->Headers());
    EXPECT_EQ(missing->status, 400);
    EXPECT_EQ(Code(missing->body), -32600);
    auto unknown = mcp_->Post(R"({"jsonrpc":"2.0","id":1,"method":"ping"})",
                              {{"Accept", "application/json, text/event-stream"}, {"Mcp-Session-Id", "nope"}});
    EXPECT_EQ(unknown->status, 404);
    EXPECT_EQ(Code(unknown->body), -32001);

    mcp_->Initialize();
    auto headers = mcp_->Headers();
    headers.erase("MCP-Protocol-Version");
    headers.emplace("MCP-Protocol-Version", "1999-01-01");
    EXPECT_EQ(mcp_->Post(R"({"jsonrpc":"2.0","id":2,"method":"ping"})", headers)->status, 400);

    auto del = mcp_->client().Delete("/mcp", mcp_->Headers());
    EXPECT_EQ(del->status, 200);
    EXPECT_EQ(mcp_->Post(Json{{"jsonrpc", "2.0"}, {"id", 3}, {"method", "ping"}})->status, 404);
}

TEST_F(HttpTransportTest, ContentNegotiationAndMethods) {
    mcp_->Initialize();
    auto json_only = mcp_->Post(R"({"jsonrpc":"2.0","id":1,"method":"ping"})",
                                {{"Accept", "application/json"}, {"Mcp-Session-Id", mcp_->session_id()}});
    EXPECT_EQ(json_only->status, 406);
    auto text = mcp_->client().Post("/mcp", mcp_->Headers(), R"({"jsonrpc":"2.0","id":1,"method":"ping"})", "text/plain");
    EXPECT_EQ(text->status, 415);
    auto put = mcp_->client().Put("/mcp", mcp_->Headers(), "{}", "application/json");
    EXPECT_EQ(put->status, 405);
    EXPECT_EQ(put->get_header_value("Allow"), "GET, POST, DELETE");
    auto get_json = mcp_->client().Get("/mcp", {{"Accept", "application/json"}, {"Mcp-Session-Id", mcp_->session_id()}});
    EXPECT_EQ(get_json->status, 406);
    EXPECT_EQ(mcp_->client().Get("/elsewhere")->status, 404);
}

TEST_F(HttpTransportTest, DnsRebindingIsRefused) {
    auto headers = mcp_->Headers();
    headers.emplace("Origin", "http://evil.example.com");
    EXPECT_EQ(mcp_->Post(R"({"jsonrpc":"2.0","id":1,"method":"ping"})", headers)->status, 403);
    httplib::Client evil("127.0.0.1", mcp_->port());
    auto res = evil.Post("/mcp", {{"Host", "evil.example.com"}, {"Accept", "application/json, text/event-stream"}},
                         R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}})",
                         "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403);
    auto local = mcp_->Headers();
    local.emplace("Origin", "http://localhost:5173");
    EXPECT_EQ(mcp_->Post(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}})",
                         local)->status,
              200);
}

TEST_F(HttpTransportTest, MalformedJsonRpcGetsTheRightErrorCodes) {
    mcp_->Initialize();
    const auto post = [&](const std::string& body) { return mcp_->Post(body, mcp_->Headers()); };
    auto bad_json = post("{\"jsonrpc\":\"2.0\",\"id\":1,");
    EXPECT_EQ(bad_json->status, 400);
    EXPECT_EQ(Code(bad_json->body), -32700);
    EXPECT_EQ(Code(post("[]")->body), -32600);
    EXPECT_EQ(Code(post(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])")->body), -32600);
    EXPECT_EQ(Code(post(R"({"jsonrpc":"2.0","id":true,"method":"ping"})")->body), -32600);
    EXPECT_EQ(Code(post(R"({"jsonrpc":"2.0","id":1,"method":7})")->body), -32600);
    EXPECT_EQ(Code(post(R"({"id":1,"method":"ping"})")->body), -32600);
    auto array_params = post(R"({"jsonrpc":"2.0","id":5,"method":"tools/list","params":[1]})");
    EXPECT_EQ(Code(array_params->body), -32602);
    EXPECT_EQ(Json::parse(array_params->body).at("id"), 5);

    EXPECT_EQ(mcp_->Request("no/such/method").at("error").at("code"), -32601);
    EXPECT_EQ(mcp_->Request("tools/call", {{"name", 5}}).at("error").at("code"), -32602);
    EXPECT_EQ(mcp_->Request("tools/call", {{"name", "no_such_tool"}}).at("error").at("code"), -32602);
    EXPECT_EQ(mcp_->Request("logging/setLevel", {{"level", 3}}).at("error").at("code"), -32602);
    EXPECT_EQ(mcp_->Request("ping").at("result"), Json::object());
}

TEST_F(HttpTransportTest, DeeplyNestedInputIsRefusedNotACrash) {
    mcp_->Initialize();
    const int depth = 30000;  // within max_message_bytes
    auto res = mcp_->Post(R"({"jsonrpc":"2.0","id":4,"method":"ping","params":{"a":)" + std::string(depth, '[') +
                              std::string(depth, ']') + "}}",
                          mcp_->Headers());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400);
    EXPECT_EQ(Code(res->body), -32600);
    EXPECT_TRUE(Alive());
    EXPECT_EQ(mcp_->Request("ping").at("result"), Json::object());
}

TEST_F(HttpTransportTest, OversizedMessagesAre413AndTheServerCarriesOn) {
    mcp_->Initialize();
    const std::string big = R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":")" + std::string(100000, 'x') +
                            "\"}}";
    auto res = mcp_->Post(big, mcp_->Headers());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
    EXPECT_EQ(Code(res->body), -32600);
    HttpMcp fresh(adapter_->endpoint("mcp_http"));
    fresh.Initialize();
    EXPECT_EQ(fresh.Request("ping").at("result"), Json::object());
}

TEST_F(HttpTransportTest, AFloodOfRequestsNeverCrashesOrStalls) {
    mcp_->Initialize();
    std::atomic<int> answered{0};
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            HttpMcp client(adapter_->endpoint("mcp_http"));
            auto headers = mcp_->Headers();
            for (int i = 0; i < 100; ++i) {
                const bool junk = (i + t) % 3 == 0;
                auto res = client.Post(junk ? std::string("{not json") : R"({"jsonrpc":"2.0","id":1,"method":"ping"})",
                                       headers);
                if (!res) continue;
                ++answered;
                if (res->status != (junk ? 400 : 200)) ++wrong;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(answered.load(), 800);
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_TRUE(Alive());
    EXPECT_EQ(mcp_->Request("tools/call", {{"name", "fixture_echo"}, {"arguments", {{"message", "still here"}}}})
                  .at("result")
                  .at("structuredContent")
                  .at("text"),
              "still here");
}

TEST_F(HttpTransportTest, ASecondGetStreamIsAConflict) {
    mcp_->Initialize();
    std::atomic<bool> stop{false};
    std::thread first([&] {
        httplib::Client c("127.0.0.1", mcp_->port());
        c.Get("/mcp", {{"Accept", "text/event-stream"}, {"Mcp-Session-Id", mcp_->session_id()}},
              [&](const char*, size_t) { return !stop.load(); });
    });
    int status = 0;
    for (int i = 0; i < 100 && status != 409; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        httplib::Client c("127.0.0.1", mcp_->port());
        status = c.Get("/mcp", {{"Accept", "text/event-stream"}, {"Mcp-Session-Id", mcp_->session_id()}})->status;
    }
    EXPECT_EQ(status, 409);
    stop = true;
    mcp_->client().Delete("/mcp", mcp_->Headers());  // ends the stream
    first.join();
}

TEST_F(HttpTransportTest, SessionsBeyondTheLimitAre503UntilOneEnds) {
    StartAdapter({}, {"max_sessions: 2"});
    HttpMcp a(adapter_->endpoint("mcp_http"));
    HttpMcp b(adapter_->endpoint("mcp_http"));
    a.Initialize();
    b.Initialize();
    HttpMcp c(adapter_->endpoint("mcp_http"));
    auto refused = c.Post(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}})",
                          c.Headers());
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 503);
    EXPECT_EQ(refused->get_header_value("Retry-After"), "5");
    EXPECT_EQ(a.client().Delete("/mcp", a.Headers())->status, 200);
    c.Initialize();
    EXPECT_EQ(c.Request("ping").at("result"), Json::object());
}

TEST_F(HttpTransportTest, IdleSessionsExpireWhenRoomIsNeeded) {
    StartAdapter({}, {"max_sessions: 1", "session_idle_timeout_s: 1"});
    HttpMcp a(adapter_->endpoint("mcp_http"));
    a.Initialize();
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    HttpMcp b(adapter_->endpoint("mcp_http"));
    b.Initialize();  // a was idle longer than the timeout: it made room
    EXPECT_EQ(b.Request("ping").at("result"), Json::object());
    EXPECT_EQ(a.Request("ping").at("error").at("code"), -32001);
}

TEST_F(HttpTransportTest, BearerTokenIsRequiredWhenConfigured) {
    StartAdapter({}, {"bearer_token: s3cret-token"});
    auto none = mcp_->Post(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}})",
                           mcp_->Headers());
    EXPECT_EQ(none->status, 401);
    EXPECT_EQ(none->get_header_value("WWW-Authenticate"), "Bearer");
    auto headers = mcp_->Headers();
    headers.emplace("Authorization", "Bearer s3cret-token");
    EXPECT_EQ(mcp_->Post(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}})",
                         headers)->status,
              200);
    EXPECT_EQ(adapter_->Logs().find("s3cret-token"), std::string::npos);
}

// A client that gives up and closes its connection mid-call, without notifications/cancelled, cancels the
// backend call: for a plain JSON answer and for an SSE one (a call that asked for progress).
TEST_F(HttpTransportTest, AClientThatHangsUpMidCallCancelsTheBackendCall) {
    mcp_->Initialize();
    const auto cancelled = [&] {
        return mcp_->Request("tools/call", {{"name", "fixture_stats"}}).at("result").at("structuredContent").at(
            "sleeps_cancelled");
    };
    const std::vector<Json> metas = {nullptr, Json{{"progressToken", 5}}};
    for (size_t i = 0; i < metas.size(); ++i) {
        Json params{{"name", "fixture_sleep"}, {"arguments", {{"ms", 20000}}}};
        if (!metas[i].is_null()) params["_meta"] = metas[i];
        httplib::Client quitter("127.0.0.1", mcp_->port());
        quitter.set_read_timeout(0, 300000);  // gives up long before the sleep ends, and closes its connection
        auto res = quitter.Post("/mcp", mcp_->Headers(),
                                Json{{"jsonrpc", "2.0"}, {"id", 70}, {"method", "tools/call"}, {"params", params}}.dump(),
                                "application/json");
        EXPECT_FALSE(res) << "the call should still be running";
        const auto want = std::to_string(i + 1);
        Json seen;
        for (int attempt = 0; attempt < 500 && seen != want; ++attempt) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            seen = cancelled();
        }
        EXPECT_EQ(seen, want) << "the backend call was not cancelled";
    }
    EXPECT_EQ(mcp_->Request("ping").at("result"), Json::object());
}

}  // namespace
}  // namespace gantry::mcp::testing
