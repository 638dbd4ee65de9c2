// The MCP protocol without a transport: lifecycle, negotiation, errors, tools against a backend
// that is not running (no servers are started in the unit tier).
#include "gantry/mcp/session.hpp"

#include <gtest/gtest.h>

#include "gantry/mcp/resources.hpp"
#include "gantry/mcp/session_hub.hpp"
#include "gantry/mcp_fixture/v1/fixture.pb.h"

namespace gantry::mcp {
namespace {

using Json = nlohmann::json;

class Recorder final : public Outbox {
public:
    void Send(const Json& message) override { sent.push_back(message); }
    std::vector<Json> sent;
};

class SessionTest : public ::testing::Test {
protected:
    SessionTest() {
        gantry::mcp_fixture::v1::EchoRequest link_the_fixture;  // registers its descriptors
        (void)link_the_fixture;
        std::vector<std::unique_ptr<Backend>> backends;
        // Nothing listens on a unix socket in a fresh temp path: the backend is down.
        backends.push_back(std::make_unique<Backend>(BackendConfig{"fixture", "unix:/nonexistent/gantry-test.sock"}));
        backend_ = backends.back().get();
        auto registry =
            ToolRegistry::Build(FindAnnotatedMethods(), {{"fixture", {"gantry.mcp_fixture"}, {}, {}}});
        tools_ = std::make_unique<ToolService>(std::move(registry), std::move(backends), ToolService::Options{});
        hub_ = std::make_unique<SessionHub>(ServerInfo{"gantry-mcp-adapter", "Gantry", "1.2.3", "use the tools"},
                                            *tools_);
        session_ = hub_->Create();
    }

    Json Request(const std::string& method, Json params = nullptr) {
        Json msg{{"jsonrpc", "2.0"}, {"id", ++next_id_}, {"method", method}};
        if (!params.is_null()) msg["params"] = params;
        auto parsed = jsonrpc::Validate(msg);
        EXPECT_TRUE(parsed.message) << parsed.error;
        auto response = session_->Handle(*parsed.message, related_);
        EXPECT_TRUE(response.has_value());
        EXPECT_EQ(response->at("id"), next_id_);
        return *response;
    }
    void Notify(const std::string& method, Json params = nullptr) {
        Json msg{{"jsonrpc", "2.0"}, {"method", method}};
        if (!params.is_null()) msg["params"] = params;
        EXPECT_FALSE(session_->Handle(*jsonrpc::Validate(msg).message, related_).has_value());
    }
    Json Initialize(const std::string& version = "2025-11-25") {
        auto r = Request("initialize", {{"protocolVersion", version},
                                        {"capabilities", Json::object()},
                                        {"clientInfo", {{"name", "t"}, {"version", "1"}}}});
        Notify("notifications/initialized");
        return r;
    }
    static int Code(const Json& response) { return response.at("error").at("code").get<int>(); }

    Backend* backend_ = nullptr;
    std::unique_ptr<ToolService> tools_;
    std::unique_ptr<SessionHub> hub_;
    std::shared_ptr<Session> session_;
    Recorder related_;
    int next_id_ = 0;
};

TEST_F(SessionTest, InitializeDeclaresCapabilitiesAndServerInfo) {
    auto r = Initialize();
    const auto& result = r.at("result");
    EXPECT_EQ(result.at("protocolVersion"), "2025-11-25");
    EXPECT_EQ(result.at("capabilities").at("tools").at("listChanged"), true);
    EXPECT_EQ(result.at("capabilities").at("resources").at("listChanged"), true);
    EXPECT_EQ(result.at("capabilities").at("resources").at("subscribe"), false);
    for (const char* cap : {"logging", "completions", "resources", "prompts"}) {
        EXPECT_TRUE(result.at("capabilities").contains(cap)) << cap;
    }
    EXPECT_EQ(result.at("serverInfo").at("name"), "gantry-mcp-adapter");
    EXPECT_EQ(result.at("serverInfo").at("version"), "1.2.3");
    EXPECT_EQ(result.at("instructions"), "use the tools");
    EXPECT_TRUE(session_->initialized());
}

TEST_F(SessionTest, NegotiatesEverySupportedRevisionAndFallsBackToTheLatest) {
    for (const auto& v : SupportedProtocolVersions()) {
        session_ = hub_->Create();
        EXPECT_EQ(Initialize(v).at("result").at("protocolVersion"), v);
    }
    session_ = hub_->Create();
    EXPECT_EQ(Initialize("1999-01-01").at("result").at("protocolVersion"), "2025-11-25");
}

TEST_F(SessionTest, InitializeNeedsAVersionAndHappensOnce) {
    EXPECT_EQ(Code(Request("initialize", {{"capabilities", Json::object()}})), jsonrpc::kInvalidParams);
    Initialize();
    EXPECT_EQ(Code(Request("initialize", {{"protocolVersion", "2025-11-25"}})), jsonrpc::kInvalidParams);
}

TEST_F(SessionTest, OnlyPingBeforeInitialize) {
    EXPECT_EQ(Request("ping").at("result"), Json::object());
    EXPECT_EQ(Code(Request("tools/list")), jsonrpc::kInvalidRequest);
}

TEST_F(SessionTest, UnknownMethodIsMethodNotFound) {
    Initialize();
    EXPECT_EQ(Code(Request("tools/frobnicate")), jsonrpc::kMethodNotFound);
}

TEST_F(SessionTest, ToolsOfADownBackendAreNotListed) {
    Initialize();
    EXPECT_EQ(Request("tools/list").at("result").at("tools"), Json::array());
    EXPECT_EQ(Code(Request("tools/list", {{"cursor", "abc"}})), jsonrpc::kInvalidParams);
}

TEST_F(SessionTest, CallingAToolOfADownBackendIsAClearToolError) {
    Initialize();
    auto r = Request("tools/call", {{"name", "fixture_echo"}, {"arguments", {{"message", "hi"}}}});
    const auto& result = r.at("result");
    EXPECT_EQ(result.at("isError"), true);
    const auto text = result.at("content").at(0).at("text").get<std::string>();
    EXPECT_NE(text.find("UNAVAILABLE"), std::string::npos) << text;
    EXPECT_NE(text.find("fixture"), std::string::npos) << text;
}

TEST_F(SessionTest, BadToolCallsAreProtocolOrToolErrors) {
    Initialize();
    EXPECT_EQ(Code(Request("tools/call", {{"name", "no_such_tool"}})), jsonrpc::kInvalidParams);
    EXPECT_EQ(Code(Request("tools/call", Json::object())), jsonrpc::kInvalidParams);
    EXPECT_EQ(Code(Request("tools/call", {{"name", "fixture_echo"}, {"arguments", "x"}})), jsonrpc::kInvalidParams);
    auto r = Request("tools/call", {{"name", "fixture_echo"}, {"arguments", {{"nope", 1}}}});
    EXPECT_EQ(r.at("result").at("isError"), true);
    EXPECT_NE(r.at("result").at("content").at(0).at("text").get<std::string>().find("nope"), std::string::npos);
}

TEST_F(SessionTest, LoggingLevels) {
    Initialize();
    EXPECT_EQ(Request("logging/setLevel", {{"level", "debug"}}).at("result"), Json::object());
    EXPECT_EQ(Code(Request("logging/setLevel", {{"level", "loud"}})), jsonrpc::kInvalidParams);

    auto stream = std::make_shared<Recorder>();
    session_->SetStream(stream);
    Request("logging/setLevel", {{"level", "error"}});
    session_->Log("warning", "x", "dropped");
    session_->Log("critical", "x", "kept");
    ASSERT_EQ(stream->sent.size(), 1u);
    EXPECT_EQ(stream->sent[0].at("method"), "notifications/message");
    EXPECT_EQ(stream->sent[0].at("params").at("data"), "kept");
}

TEST_F(SessionTest, ListChangedGoesToTheStreamOnceInitialized) {
    auto stream = std::make_shared<Recorder>();
    session_->SetStream(stream);
    session_->NotifyToolsChanged();
    EXPECT_TRUE(stream->sent.empty());
    Initialize();
    session_->NotifyToolsChanged();
    // The resources and prompts listed did not change: only tools/list_changed goes out.
    ASSERT_EQ(stream->sent.size(), 1u);
    EXPECT_EQ(stream->sent[0].at("method"), "notifications/tools/list_changed");
}

TEST_F(SessionTest, PromptsListChangedOnlyWhenThePromptsListedChange) {
    PromptCatalog prompts({{"echo_it", "", "Echo", {}, {"fixture_echo"}, "Use fixture_echo."},
                           {"always", "", "Always there", {}, {}, "Hello."}});
    ServerInfo info;
    session_ = std::make_shared<Session>(info, *tools_, prompts);
    auto stream = std::make_shared<Recorder>();
    session_->SetStream(stream);
    auto r = Initialize();
    EXPECT_EQ(r.at("result").at("capabilities").at("prompts").at("listChanged"), true);
    const auto methods = [&] {
        std::vector<std::string> out;
        for (const auto& m : stream->sent) out.push_back(m.at("method").get<std::string>());
        stream->sent.clear();
        return out;
    };
    using V = std::vector<std::string>;

    backend_->SetUp(true);  // fixture_echo becomes available, and with it the prompt echo_it
    session_->NotifyToolsChanged();
    EXPECT_EQ(methods(), (V{"notifications/tools/list_changed", "notifications/prompts/list_changed"}));
    EXPECT_EQ(Request("prompts/list").at("result").at("prompts").size(), 2u);
    session_->NotifyToolsChanged();  // nothing the session lists changed since
    EXPECT_EQ(methods(), V{"notifications/tools/list_changed"});
    backend_->SetUp(false);
    session_->NotifyToolsChanged();
    EXPECT_EQ(methods(), (V{"notifications/tools/list_changed", "notifications/prompts/list_changed"}));
    session_.reset();  // it refers to `info` and `prompts`
}

TEST_F(SessionTest, CompletionResourcesAndPrompts) {
    Initialize();
    auto c = Request("completion/complete", {{"ref", {{"type", "ref/prompt"}, {"name", "p"}}},
                                             {"argument", {{"name", "a"}, {"value", "b"}}}});
    EXPECT_EQ(c.at("result").at("completion").at("values"), Json::array());
    EXPECT_EQ(Code(Request("completion/complete", {{"ref", {{"type", "ref/x"}}}})), jsonrpc::kInvalidParams);

    auto list = Request("resources/list").at("result").at("resources");
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].at("uri"), kBackendsResourceUri);
    auto read = Request("resources/read", {{"uri", kBackendsResourceUri}}).at("result").at("contents").at(0);
    auto doc = Json::parse(read.at("text").get<std::string>());
    EXPECT_EQ(doc.at("backends").at(0).at("name"), "fixture");
    EXPECT_EQ(doc.at("backends").at(0).at("up"), false);
    auto missing = Request("resources/read", {{"uri", "gantry://nope"}});
    EXPECT_EQ(Code(missing), jsonrpc::kResourceNotFound);
    EXPECT_EQ(missing.at("error").at("data").at("uri"), "gantry://nope");
    EXPECT_EQ(Request("resources/templates/list").at("result").at("resourceTemplates"), Json::array());
    EXPECT_EQ(Request("prompts/list").at("result").at("prompts"), Json::array());
    EXPECT_EQ(Code(Request("prompts/get", {{"name", "x"}})), jsonrpc::kInvalidParams);
}

TEST_F(SessionTest, CancellationOfUnknownRequestsIsIgnoredAndResponsesAreNotAnswered) {
    Initialize();
    Notify("notifications/cancelled", {{"requestId", 12345}, {"reason", "x"}});
    Notify("notifications/cancelled", {{"nothing", true}});
    auto response = jsonrpc::Validate(Json{{"jsonrpc", "2.0"}, {"id", 99}, {"result", Json::object()}});
    EXPECT_FALSE(session_->Handle(*response.message, related_).has_value());
}

TEST_F(SessionTest, OlderRevisionsGetNoOutputSchemaOrStructuredContent) {
    // The backend is down, so the tool list is empty; ToMcp decides per revision.
    const auto* tool = tools_->registry().Find("fixture_echo");
    ASSERT_NE(tool, nullptr);
    EXPECT_TRUE(tool->ToMcp(true).contains("outputSchema"));
    EXPECT_FALSE(tool->ToMcp(false).contains("outputSchema"));
}

}  // namespace
}  // namespace gantry::mcp
