// mcp-adapter --stdio as a client launches it: newline-delimited JSON-RPC, nothing but JSON-RPC on
// stdout, malformed and oversized lines answered and skipped, floods answered or refused, cancellation,
// and exit 0 when stdin closes.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "support/mcp_suite.hpp"
#include "support/stdio_client.hpp"

namespace gantry::mcp::testing {
namespace {

class StdioTransportTest : public ::testing::Test {
protected:
    void Start(const std::vector<std::string>& mcp_keys = {"max_message_bytes: 4096"},
               bool nonblocking_stdout = false) {
        const auto& keys = mcp_keys;
        child_ = std::make_unique<StdioChild>(
            Binary("mcp-adapter-with-fixture"),
            std::vector<std::string>{"--stdio", "--config", WriteAdapterConfig(dir_.path(), backend_.address(), keys),
                                     "--listen", "127.0.0.1:0", "--metrics-listen", ""},
            nonblocking_stdout);
    }
    void SetUp() override { ASSERT_TRUE(backend_.ok()); }

    /// The next message; fails the test when stdout carries anything but a JSON-RPC 2.0 object.
    Json Next() {
        auto line = child_->ReadLine();
        if (!line) {
            ADD_FAILURE() << "no message on stdout; stderr:\n" << child_->Logs();
            return Json();
        }
        auto json = Json::parse(*line, nullptr, false);
        EXPECT_TRUE(json.is_object() && json.value("jsonrpc", "") == "2.0") << "not JSON-RPC on stdout: " << *line;
        return json;
    }
    void Send(const Json& message) { ASSERT_TRUE(child_->Write(message.dump() + "\n")); }
    Json Call(int id, const std::string& method, Json params = Json::object()) {
        Send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
        return Next();
    }
    /// Calls fixture_stats (ids first_id, first_id + 1, ...) until `counter` reads `value`, a bounded number of
    /// times; every answer must be to that call (so no cancelled request is answered meanwhile).
    Json WaitForStat(const std::string& counter, const std::string& value, int first_id) {
        Json stats;
        for (int i = 0; i < 200; ++i) {
            auto m = Call(first_id + i, "tools/call", {{"name", "fixture_stats"}});
            EXPECT_EQ(m.at("id"), first_id + i) << "an unexpected message: " << m.dump();
            stats = m.at("result").at("structuredContent");
            if (stats.at(counter) == value) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return stats;
    }
    void Initialize() {
        auto r = Call(0, "initialize", {{"protocolVersion", "2025-11-25"}, {"capabilities", Json::object()}});
        ASSERT_EQ(r.at("result").at("protocolVersion"), "2025-11-25");
        Send({{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}});
    }

    TempDir dir_;
    FixtureBackend backend_;
    std::unique_ptr<StdioChild> child_;
};

TEST_F(StdioTransportTest, ListsAndCallsToolsAndExitsZeroWhenStdinCloses) {
    Start();
    Initialize();
    auto tools = Call(1, "tools/list").at("result").at("tools");
    EXPECT_EQ(tools.size(), 6u);
    auto echo = Call(2, "tools/call", {{"name", "fixture_echo"}, {"arguments", {{"message", "a\nb"}}}});
    EXPECT_EQ(echo.at("result").at("structuredContent").at("text"), "a\nb");
    EXPECT_EQ(child_->CloseAndWait(), 0) << child_->Logs();
}

TEST_F(StdioTransportTest, ALargeResponseIsWrittenWholeEvenToANonBlockingStdout) {
    // A response far larger than the pipe's buffer, to a client that is slow to read, on a stdout in non-blocking
    // mode: the adapter waits until it can write more instead of giving up half way through the line.
    Start({"max_message_bytes: 8388608"}, /*nonblocking_stdout=*/true);
    Initialize();
    const std::string text(1024 * 1024, 'x');  // echoed twice (text and request), printed twice: ~4 MB
    Send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "tools/call"},
          {"params", {{"name", "fixture_echo"}, {"arguments", {{"message", text}}}}}});
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the pipe fills up meanwhile
    auto echo = Next();
    ASSERT_TRUE(echo.is_object()) << "no whole response line";
    EXPECT_EQ(echo.at("id"), 1);
    EXPECT_EQ(echo.at("result").at("structuredContent").at("text"), text);
    EXPECT_EQ(Call(2, "ping").at("result"), Json::object()) << "the output stopped after the large response";
    EXPECT_EQ(child_->CloseAndWait(), 0) << child_->Logs();
}

TEST_F(StdioTransportTest, MalformedLinesAreAnsweredAndTheNextLineIsServed) {
    Start();
    ASSERT_TRUE(child_->Write("{\"jsonrpc\":\"2.0\",\"id\":1,\n"));
    auto parse = Next();
    EXPECT_EQ(parse.at("error").at("code"), -32700);
    EXPECT_TRUE(parse.at("id").is_null());
    ASSERT_TRUE(child_->Write("\n   \n\r\n"));  // blank lines are skipped
    ASSERT_TRUE(child_->Write("[1,2]\n"));
    EXPECT_EQ(Next().at("error").at("code"), -32600);
    ASSERT_TRUE(child_->Write(R"({"jsonrpc":"2.0","id":{"x":1},"method":"ping"})" "\n"));
    EXPECT_EQ(Next().at("error").at("code"), -32600);
    ASSERT_TRUE(child_->Write(R"({"jsonrpc":"2.0","id":3,"method":"tools/list"})" "\r\n"));
    auto early = Next();
    EXPECT_EQ(early.at("id"), 3);
    EXPECT_EQ(early.at("error").at("code"), -32600);  // not initialized yet
    Initialize();
    EXPECT_EQ(Call(4, "no/such/method").at("error").at("code"), -32601);
    EXPECT_EQ(Call(5, "tools/call", {{"arguments", 1}}).at("error").at("code"), -32602);
    EXPECT_EQ(Call(6, "ping").at("result"), Json::object());
}

TEST_F(StdioTransportTest, DeeplyNestedInputIsRefusedNotACrash) {
    Start({"max_message_bytes: 4194304"});
    Initialize();
    const int depth = 200000;
    ASSERT_TRUE(child_->Write(R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"fixture_echo","arguments":{"extra":{"a":)" +
                              std::string(depth, '[') + std::string(depth, ']') + "}}}}\n"));
    auto refused = Next();
    EXPECT_EQ(refused.at("error").at("code"), -32600);
    EXPECT_EQ(Call(3, "ping").at("id"), 3);
    EXPECT_TRUE(child_->running());
}

TEST_F(StdioTransportTest, OversizedLinesAreRefusedWithoutBufferingThem) {
    Start();
    Initialize();
    const std::string huge = R"({"jsonrpc":"2.0","id":7,"method":"ping","params":{"pad":")" +
                             std::string(1 << 20, 'x') + "\"}}\n";
    std::thread writer([&] { child_->Write(huge); });
    auto refused = Next();
    writer.join();
    EXPECT_EQ(refused.at("error").at("code"), -32600);
    EXPECT_NE(refused.at("error").at("message").get<std::string>().find("4096"), std::string::npos);
    EXPECT_EQ(Call(8, "ping").at("id"), 8);
}

TEST_F(StdioTransportTest, AFloodOfRequestsIsAnsweredInFull) {
    Start();
    Initialize();
    constexpr int kCount = 3000;
    std::thread writer([&] {
        std::string burst;
        for (int i = 1; i <= kCount; ++i) {
            burst += i % 4 == 0 ? std::string("garbage\n") : Json{{"jsonrpc", "2.0"}, {"id", i}, {"method", "ping"}}.dump() + "\n";
        }
        child_->Write(burst);
    });
    std::set<int> ids;
    int parse_errors = 0;
    for (int i = 0; i < kCount; ++i) {
        auto m = Next();
        if (m.is_null()) break;
        if (m.contains("error")) {
            ++parse_errors;
        } else {
            ids.insert(m.at("id").get<int>());
        }
    }
    writer.join();
    EXPECT_EQ(parse_errors, kCount / 4);
    EXPECT_EQ(ids.size(), static_cast<size_t>(kCount - kCount / 4));
    EXPECT_TRUE(child_->running());
}

TEST_F(StdioTransportTest, ToolCallsBeyondTheQueueAreRefusedNotBuffered) {
    Start({"stdio_workers: 1", "stdio_max_queued: 2"});
    Initialize();
    std::string burst = Json{{"jsonrpc", "2.0"}, {"id", 100}, {"method", "tools/call"},
                             {"params", {{"name", "fixture_sleep"}, {"arguments", {{"ms", 1000}}}}}}.dump() + "\n";
    for (int i = 101; i <= 110; ++i) {
        burst += Json{{"jsonrpc", "2.0"}, {"id", i}, {"method", "tools/call"},
                      {"params", {{"name", "fixture_echo"}, {"arguments", {{"message", "x"}}}}}}.dump() + "\n";
    }
    ASSERT_TRUE(child_->Write(burst));
    std::set<int> answered;
    int busy = 0;
    for (int i = 0; i < 11; ++i) {
        auto m = Next();
        if (m.is_null()) break;
        answered.insert(m.at("id").get<int>());
        if (m.contains("error")) {
            EXPECT_EQ(m.at("error").at("code"), -32603);
            EXPECT_NE(m.at("error").at("message").get<std::string>().find("busy"), std::string::npos);
            ++busy;
        }
    }
    EXPECT_EQ(answered.size(), 11u);
    EXPECT_GE(busy, 7);
}

TEST_F(StdioTransportTest, CancellationStopsTheBackendCallAndSuppressesTheResponse) {
    Start();
    Initialize();
    Send({{"jsonrpc", "2.0"}, {"id", "slow"}, {"method", "tools/call"},
          {"params", {{"name", "fixture_sleep"}, {"arguments", {{"ms", 20000}}}}}});
    ASSERT_EQ(WaitForStat("sleeps_started", "1", 1).at("sleeps_started"), "1");
    Send({{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", "slow"}}}});
    EXPECT_EQ(WaitForStat("sleeps_cancelled", "1", 1000).at("sleeps_cancelled"), "1");
    EXPECT_EQ(Call(5000, "ping").at("id"), 5000);
}

// The thread that reads a tool call runs it and hands the reading on; one thread more than stdio_workers keeps
// reading, so ping and notifications/cancelled are served while every worker runs a call.
TEST_F(StdioTransportTest, InputIsReadWhileEveryWorkerRunsACall) {
    Start({"stdio_workers: 2"});
    Initialize();
    const auto sleep = [](int ms) { return Json{{"name", "fixture_sleep"}, {"arguments", {{"ms", ms}}}}; };
    Send({{"jsonrpc", "2.0"}, {"id", "a"}, {"method", "tools/call"}, {"params", sleep(20000)}});
    ASSERT_EQ(WaitForStat("sleeps_started", "1", 1).at("sleeps_started"), "1");
    Send({{"jsonrpc", "2.0"}, {"id", "b"}, {"method", "tools/call"}, {"params", sleep(20000)}});
    EXPECT_EQ(Call(300, "ping").at("id"), 300);  // both workers are busy; the reader is not
    Send({{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", "a"}}}});
    // These stats calls wait in the queue until the cancelled call frees its worker.
    EXPECT_EQ(WaitForStat("sleeps_cancelled", "1", 400).at("sleeps_cancelled"), "1");
}

TEST_F(StdioTransportTest, ServerStreamingSendsProgressBeforeTheResult) {
    Start();
    Initialize();
    Send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "tools/call"},
          {"params", {{"name", "fixture_count"}, {"arguments", {{"to", 3}}}, {"_meta", {{"progressToken", "tok"}}}}}});
    for (int i = 1; i <= 3; ++i) {
        auto p = Next();
        EXPECT_EQ(p.at("method"), "notifications/progress");
        EXPECT_EQ(p.at("params").at("progressToken"), "tok");
        EXPECT_EQ(p.at("params").at("progress"), i);
    }
    auto result = Next();
    EXPECT_EQ(result.at("id"), 1);
    EXPECT_EQ(result.at("result").at("structuredContent").at("messages").size(), 3u);
}

}  // namespace
}  // namespace gantry::mcp::testing
