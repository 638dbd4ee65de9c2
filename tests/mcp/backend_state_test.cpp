// A backend that goes down and comes back: its tools (and the prompts that need them) leave and rejoin
// the lists, clients hear list_changed (and a log message) on their GET stream, and a call meanwhile is
// a tool error that says what is wrong.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "support/mcp_suite.hpp"

namespace gantry::mcp::testing {
namespace {

using gantry::testing::ServiceProcess;
using namespace std::chrono_literals;

// Collects the messages of a session's GET stream on a thread.
class GetStream {
public:
    GetStream(int port, const std::string& session) {
        thread_ = std::thread([this, port, session] {
            httplib::Client c("127.0.0.1", port);
            c.set_read_timeout(60, 0);
            c.Get("/mcp", {{"Accept", "text/event-stream"}, {"Mcp-Session-Id", session}},
                  [this](const char* data, size_t n) {
                      std::lock_guard lock(mu_);
                      body_.append(data, n);
                      cv_.notify_all();
                      return !stop_;
                  });
        });
    }
    ~GetStream() {
        {
            std::lock_guard lock(mu_);
            stop_ = true;
        }
        thread_.join();
    }
    /// Waits until `count` messages with `method` arrived.
    bool WaitFor(const std::string& method, size_t count, std::chrono::seconds timeout = 20s) {
        std::unique_lock lock(mu_);
        return cv_.wait_for(lock, timeout, [&] {
            size_t seen = 0;
            for (const auto& m : SseMessages(body_)) seen += m.value("method", "") == method;
            return seen >= count;
        });
    }
    std::vector<Json> Messages() {
        std::lock_guard lock(mu_);
        return SseMessages(body_);
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    std::string body_;
    bool stop_ = false;
    std::thread thread_;
};

TEST(BackendState, ToolsFollowTheBackendAndClientsAreTold) {
    TempDir dir;
    FixtureBackend backend;
    ASSERT_TRUE(backend.ok());
    ServiceProcess adapter({Binary("mcp-adapter-with-fixture"),
                            {"--config", WriteAdapterConfig(dir.path(), backend.address(),
                                                            {"health_interval_ms: 100", "prompts:", "  echo_it:",
                                                             "    text: Use fixture_echo.",
                                                             "    requires_tools: [fixture_echo]"})}});
    ASSERT_TRUE(adapter.ok()) << adapter.error();
    HttpMcp mcp(adapter.endpoint("mcp_http"));
    mcp.Initialize();
    ASSERT_EQ(mcp.Request("tools/list").at("result").at("tools").size(), 6u);
    ASSERT_EQ(mcp.Request("prompts/list").at("result").at("prompts").size(), 1u);
    GetStream stream(mcp.port(), mcp.session_id());

    backend.Stop();
    ASSERT_TRUE(stream.WaitFor("notifications/tools/list_changed", 1)) << adapter.Logs();
    EXPECT_EQ(mcp.Request("tools/list").at("result").at("tools"), Json::array());
    EXPECT_TRUE(stream.WaitFor("notifications/prompts/list_changed", 1));
    EXPECT_EQ(mcp.Request("prompts/list").at("result").at("prompts"), Json::array());
    auto call = mcp.Request("tools/call", {{"name", "fixture_echo"}, {"arguments", {{"message", "x"}}}});
    EXPECT_EQ(call.at("result").at("isError"), true);
    const auto text = call.at("result").at("content").at(0).at("text").get<std::string>();
    EXPECT_NE(text.find("UNAVAILABLE"), std::string::npos) << text;
    EXPECT_NE(text.find(backend.address()), std::string::npos) << text;
    bool logged = false;
    for (const auto& m : stream.Messages()) {
        logged |= m.value("method", "") == "notifications/message" && m.at("params").at("level") == "warning";
    }
    EXPECT_TRUE(logged);

    backend.Start();
    ASSERT_TRUE(backend.ok());
    ASSERT_TRUE(stream.WaitFor("notifications/tools/list_changed", 2)) << adapter.Logs();
    EXPECT_EQ(mcp.Request("tools/list").at("result").at("tools").size(), 6u);
    EXPECT_EQ(mcp.Request("prompts/list").at("result").at("prompts").size(), 1u);
    EXPECT_EQ(mcp.Request("tools/call", {{"name", "fixture_echo"}, {"arguments", {{"message", "back"}}}})
                  .at("result")
                  .at("structuredContent")
                  .at("text"),
              "back");
    mcp.client().Delete("/mcp", mcp.Headers());  // ends the GET stream
}

}  // namespace
}  // namespace gantry::mcp::testing
