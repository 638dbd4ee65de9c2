// SIGTERM with clients still connected: idle channels and watch streams must not hold the process until
// server.drain_timeout_ms, while a call in flight still gets to finish. The drain deadline is set to 60 s and the
// tests wait at most 15 s, so a process that waits for the deadline fails unambiguously (no timing assertion).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <future>
#include <thread>

#include "gantry/db/v1/database.grpc.pb.h"
#include "gantry/testing/service_process.hpp"
#include "gantry/turso/v1/turso.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace gantry {
namespace {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;
using testing::ServiceProcess;
using namespace std::chrono_literals;

constexpr auto kWaitLimit = 15000ms;  // far below the 60 s drain deadline

std::string Binary(const std::string& name) { return std::string(GANTRY_BIN_DIR) + "/" + name; }

ServiceProcess::Options LongDrain(const std::string& service) {
    std::string env = "GANTRY_";
    for (char c : service) env.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(c)));
    return {Binary(service), {}, {{env + "_SERVER_DRAIN_TIMEOUT_MS", "60000"}}};
}

std::shared_ptr<grpc::Channel> Connect(const ServiceProcess& p) {
    return grpc::CreateChannel(p.endpoint("grpc"), grpc::InsecureChannelCredentials());
}

void ExpectServing(const std::shared_ptr<grpc::Channel>& channel) {
    auto stub = grpc::health::v1::Health::NewStub(channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 5s);
    HealthCheckResponse resp;
    const auto status = stub->Check(&ctx, HealthCheckRequest(), &resp);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(resp.status(), HealthCheckResponse::SERVING);
}

class DrainTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DrainTest, IdleChannelDoesNotHoldSigterm) {
    ServiceProcess p(LongDrain(GetParam()));
    ASSERT_TRUE(p.ok()) << p.error();
    auto channel = Connect(p);  // one call, then the channel stays open and idle
    ExpectServing(channel);
    const auto code = p.Stop(SIGTERM, kWaitLimit);
    ASSERT_TRUE(code.has_value()) << "an idle client channel held the drain\n" << p.Logs();
    EXPECT_EQ(*code, 0);
}

TEST_P(DrainTest, HealthWatchEndsWithUnavailable) {
    ServiceProcess p(LongDrain(GetParam()));
    ASSERT_TRUE(p.ok()) << p.error();
    auto stub = grpc::health::v1::Health::NewStub(Connect(p));
    grpc::ClientContext ctx;
    auto reader = stub->Watch(&ctx, HealthCheckRequest());
    HealthCheckResponse resp;
    ASSERT_TRUE(reader->Read(&resp));
    EXPECT_EQ(resp.status(), HealthCheckResponse::SERVING);

    auto stopped = std::async(std::launch::async, [&] { return p.Stop(SIGTERM, kWaitLimit); });
    std::vector<HealthCheckResponse::ServingStatus> seen;
    while (reader->Read(&resp)) seen.push_back(resp.status());
    const auto status = reader->Finish();
    EXPECT_EQ(seen, std::vector<HealthCheckResponse::ServingStatus>{HealthCheckResponse::NOT_SERVING});
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
    EXPECT_EQ(status.error_message(), "server shutting down");
    const auto code = stopped.get();
    ASSERT_TRUE(code.has_value()) << "a health Watch held the drain\n" << p.Logs();
    EXPECT_EQ(*code, 0);
}

INSTANTIATE_TEST_SUITE_P(AllServices, DrainTest,
                         ::testing::Values("resolve-bridge", "db-gateway", "turso-sync", "mcp-adapter"),
                         [](const auto& info) {
                             std::string n = info.param;
                             std::replace(n.begin(), n.end(), '-', '_');
                             return n;
                         });

// A unary call running when SIGTERM arrives finishes with its result; the idle channel beside it doesn't matter.
TEST(DrainInFlight, SlowQueryCompletesAndProcessExits) {
    ServiceProcess p(LongDrain("db-gateway"));
    ASSERT_TRUE(p.ok()) << p.error();
    auto channel = Connect(p);
    ExpectServing(channel);
    auto stub = db::v1::Database::NewStub(channel);
    db::v1::ExecuteRequest req;
    // About a second or more of SQLite work on this machine: long enough to be in flight at SIGTERM.
    req.set_sql("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000) "
                "SELECT count(*) FROM c");
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + kWaitLimit);
    db::v1::ExecuteResponse resp;
    auto call = std::async(std::launch::async, [&] { return stub->Query(&ctx, req, &resp); });
    ASSERT_EQ(call.wait_for(300ms), std::future_status::timeout) << "the query finished before SIGTERM";
    const auto code = p.Stop(SIGTERM, kWaitLimit);
    const auto status = call.get();
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(resp.rows_size(), 1);
    ASSERT_EQ(resp.rows(0).values_size(), 1);
    EXPECT_EQ(resp.rows(0).values(0).int64_value(), 5000000);
    ASSERT_TRUE(code.has_value()) << p.Logs();
    EXPECT_EQ(*code, 0);
}

// turso-sync's WatchSync stream on its embedded default database ends at SIGTERM with a clear status.
TEST(DrainInFlight, WatchSyncEndsWithUnavailable) {
    ServiceProcess p(LongDrain("turso-sync"));
    ASSERT_TRUE(p.ok()) << p.error();
    auto channel = Connect(p);
    ExpectServing(channel);
    auto stub = turso::v1::TursoSync::NewStub(channel);
    grpc::ClientContext ctx;
    auto reader = stub->WatchSync(&ctx, turso::v1::WatchSyncRequest());
    // Give the server time to start the call (a Read would block: events come only with syncs); the channel is
    // already connected, so this is one round trip on loopback.
    std::this_thread::sleep_for(500ms);
    const auto code = p.Stop(SIGTERM, kWaitLimit);
    turso::v1::SyncEvent event;
    while (reader->Read(&event)) {
    }
    const auto status = reader->Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
    EXPECT_EQ(status.error_message(), "server shutting down");
    ASSERT_TRUE(code.has_value()) << "a WatchSync stream held the drain\n" << p.Logs();
    EXPECT_EQ(*code, 0);
}

}  // namespace
}  // namespace gantry
