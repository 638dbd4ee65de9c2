// Every service binary, started for real: health, reflection, /metrics, auth, TLS, drain, bad config.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "gantry/common/v1/admin.grpc.pb.h"
#include "gantry/testing/service_process.hpp"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"

namespace gantry {
namespace {

using testing::ServiceProcess;
using namespace std::chrono_literals;

std::string Binary(const std::string& name) { return std::string(GANTRY_BIN_DIR) + "/" + name; }

std::string EnvPrefix(const std::string& service) {
    std::string out = "GANTRY_";
    for (char c : service) out.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(c)));
    return out;
}

grpc::health::v1::HealthCheckResponse::ServingStatus Health(const std::string& address,
                                                            std::shared_ptr<grpc::ChannelCredentials> creds = nullptr) {
    auto channel = grpc::CreateChannel(address, creds ? creds : grpc::InsecureChannelCredentials());
    auto stub = grpc::health::v1::Health::NewStub(channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 5s);
    grpc::health::v1::HealthCheckRequest req;
    grpc::health::v1::HealthCheckResponse resp;
    const auto status = stub->Check(&ctx, req, &resp);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return resp.status();
}

class FoundationTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FoundationTest, HealthIsServingAndStartupIsFast) {
    const auto start = std::chrono::steady_clock::now();
    ServiceProcess p({Binary(GetParam())});
    ASSERT_TRUE(p.ok()) << p.error();
    EXPECT_EQ(Health(p.endpoint("grpc")), grpc::health::v1::HealthCheckResponse::SERVING);
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    RecordProperty("startup_to_serving_ms", static_cast<int>(elapsed.count()));
}

TEST_P(FoundationTest, ReflectionListsHealthAndAdmin) {
    ServiceProcess p({Binary(GetParam())});
    ASSERT_TRUE(p.ok()) << p.error();
    auto stub = grpc::reflection::v1alpha::ServerReflection::NewStub(
        grpc::CreateChannel(p.endpoint("grpc"), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 5s);
    auto stream = stub->ServerReflectionInfo(&ctx);
    grpc::reflection::v1alpha::ServerReflectionRequest req;
    req.set_list_services("");
    ASSERT_TRUE(stream->Write(req));
    stream->WritesDone();
    grpc::reflection::v1alpha::ServerReflectionResponse resp;
    ASSERT_TRUE(stream->Read(&resp));
    std::set<std::string> names;
    for (const auto& s : resp.list_services_response().service()) names.insert(s.name());
    EXPECT_TRUE(names.count("grpc.health.v1.Health"));
    EXPECT_TRUE(names.count("gantry.common.v1.Admin"));
    EXPECT_TRUE(stream->Finish().ok());
}

TEST_P(FoundationTest, MetricsEndpointCountsRpcs) {
    ServiceProcess p({Binary(GetParam())});
    ASSERT_TRUE(p.ok()) << p.error();
    Health(p.endpoint("grpc"));
    std::string url = p.endpoint("metrics");  // http://127.0.0.1:PORT/metrics
    ASSERT_EQ(url.rfind("http://", 0), 0u) << url;
    const auto host_port = url.substr(7, url.find('/', 7) - 7);
    httplib::Client client("http://" + host_port);
    // The interceptor records a call when the call object is destroyed, which may be just after the
    // client saw the response: poll briefly instead of racing it.
    const std::string expected = "gantry_rpc_requests_total{code=\"OK\",method=\"/grpc.health.v1.Health/Check\"";
    auto res = client.Get("/metrics");
    for (int attempt = 0; attempt < 100 && !(res && res->body.find(expected) != std::string::npos); ++attempt) {
        std::this_thread::sleep_for(20ms);
        res = client.Get("/metrics");
    }
    ASSERT_TRUE(res) << "no answer from " << url;
    EXPECT_EQ(res->status, 200);
    EXPECT_NE(res->body.find(expected), std::string::npos) << res->body.substr(0, 2000);
    EXPECT_NE(res->body.find("gantry_rpc_duration_seconds_bucket"), std::string::npos);
}

TEST_P(FoundationTest, AuthRefusesMissingAndWrongTokens) {
    const std::string token = "test-token-aaaaaaaaaaaaaaaa";
    const std::string reader = "read-token-bbbbbbbbbbbbbbbb";
    ServiceProcess p({Binary(GetParam()), {}, {{EnvPrefix(GetParam()) + "_SERVER_AUTH_TOKENS", token + "," + reader + ":read"}}});
    ASSERT_TRUE(p.ok()) << p.error();
    auto stub = common::v1::Admin::NewStub(grpc::CreateChannel(p.endpoint("grpc"), grpc::InsecureChannelCredentials()));
    auto call = [&](const std::string& auth, common::v1::GetServiceInfoResponse* resp) {
        grpc::ClientContext ctx;
        if (!auth.empty()) ctx.AddMetadata("authorization", auth);
        common::v1::GetServiceInfoRequest req;
        return stub->GetServiceInfo(&ctx, req, resp);
    };
    common::v1::GetServiceInfoResponse resp;
    EXPECT_EQ(call("", &resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
    const auto wrong = call("Bearer not-the-token-cccccccccccc", &resp);
    EXPECT_EQ(wrong.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(wrong.error_message(), "invalid bearer token");
    ASSERT_TRUE(call("Bearer " + token, &resp).ok());
    EXPECT_EQ(resp.service(), GetParam());
    EXPECT_TRUE(resp.auth_required());
    EXPECT_EQ(resp.role(), "admin");
    ASSERT_TRUE(call("Bearer " + reader, &resp).ok());
    EXPECT_EQ(resp.role(), "read");
    // Health stays open for probes, and no token value reaches the log.
    EXPECT_EQ(Health(p.endpoint("grpc")), grpc::health::v1::HealthCheckResponse::SERVING);
    const auto logs = p.Logs();
    EXPECT_EQ(logs.find(token), std::string::npos);
    EXPECT_EQ(logs.find("not-the-token"), std::string::npos);
}

TEST_P(FoundationTest, SigtermDrainsAndExitsZero) {
    ServiceProcess p({Binary(GetParam()), {"--log-format", "json"}});
    ASSERT_TRUE(p.ok()) << p.error();
    const auto code = p.Stop(SIGTERM, 6000ms);  // drain deadline 5000 ms + margin
    ASSERT_TRUE(code.has_value()) << "did not exit within the drain deadline";
    EXPECT_EQ(*code, 0);
    EXPECT_NE(p.Logs().find("\"msg\":\"received SIGTERM"), std::string::npos) << p.Logs();
}

TEST_P(FoundationTest, BadConfigExitsTwoNamingTheKey) {
    const auto dir = std::filesystem::temp_directory_path() / ("gantry-badcfg-" + GetParam());
    std::filesystem::create_directories(dir);
    const auto file = (dir / "config.yaml").string();
    std::ofstream(file) << "server:\n  listne: 127.0.0.1:1\n";
    const auto [code, out] = ServiceProcess::RunToCompletion(Binary(GetParam()), {"--config", file});
    EXPECT_EQ(code, 2);
    EXPECT_NE(out.find("config.yaml:2:3: unknown key 'listne'"), std::string::npos) << out;
    std::filesystem::remove_all(dir);
}

TEST_P(FoundationTest, HelpAndVersion) {
    const auto [code, out] = ServiceProcess::RunToCompletion(Binary(GetParam()), {"--help"});
    EXPECT_EQ(code, 0);
    EXPECT_NE(out.find("Usage: " + GetParam()), std::string::npos);
    EXPECT_NE(out.find(EnvPrefix(GetParam()) + "_SERVER_LISTEN"), std::string::npos);
    const auto [vcode, vout] = ServiceProcess::RunToCompletion(Binary(GetParam()), {"--version"});
    EXPECT_EQ(vcode, 0);
    EXPECT_EQ(vout.rfind(GetParam() + " ", 0), 0u) << vout;
    const auto [bcode, bout] = ServiceProcess::RunToCompletion(Binary(GetParam()), {"--no-such-flag"});
    EXPECT_EQ(bcode, 2);
    EXPECT_NE(bout.find("unknown flag '--no-such-flag'"), std::string::npos) << bout;
}

INSTANTIATE_TEST_SUITE_P(AllServices, FoundationTest,
                         ::testing::Values("resolve-bridge", "db-gateway", "turso-sync", "mcp-adapter"),
                         [](const auto& info) {
                             std::string n = info.param;
                             std::replace(n.begin(), n.end(), '-', '_');
                             return n;
                         });

// TLS and mTLS on one service: the bootstrap is shared, so one is enough.
class TlsTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("gantry-tls-" + std::to_string(getpid()));
        std::filesystem::create_directories(dir_);
        const auto d = dir_.string();
        // A CA, a server certificate for 127.0.0.1 and a client certificate, both signed by the CA.
        const std::string script =
            "cd " + d + " && "
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 1 -subj /CN=gantry-test-ca && "
            "openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost && "
            "printf 'subjectAltName=IP:127.0.0.1,DNS:localhost' > san.ext && "
            "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 1 "
            "-extfile san.ext && "
            "openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj /CN=client && "
            "openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 1";
        ASSERT_EQ(std::system((script + " > /dev/null 2>&1").c_str()), 0) << "openssl failed";
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string Read(const std::string& name) {
        std::ifstream in(dir_ / name);
        return {std::istreambuf_iterator<char>(in), {}};
    }
    std::string Path(const std::string& name) { return (dir_ / name).string(); }
    std::filesystem::path dir_;
};

TEST_F(TlsTest, TlsServesAndPlaintextIsRefused) {
    ServiceProcess p({Binary("db-gateway"),
                      {},
                      {{"GANTRY_DB_GATEWAY_SERVER_TLS_CERT_FILE", Path("server.pem")},
                       {"GANTRY_DB_GATEWAY_SERVER_TLS_KEY_FILE", Path("server.key")}}});
    ASSERT_TRUE(p.ok()) << p.error();
    grpc::SslCredentialsOptions opts;
    opts.pem_root_certs = Read("ca.pem");
    EXPECT_EQ(Health(p.endpoint("grpc"), grpc::SslCredentials(opts)), grpc::health::v1::HealthCheckResponse::SERVING);

    auto stub = grpc::health::v1::Health::NewStub(
        grpc::CreateChannel(p.endpoint("grpc"), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 2s);
    grpc::health::v1::HealthCheckResponse resp;
    EXPECT_FALSE(stub->Check(&ctx, {}, &resp).ok());
}

TEST_F(TlsTest, MutualTlsRequiresAClientCertificate) {
    ServiceProcess p({Binary("db-gateway"),
                      {},
                      {{"GANTRY_DB_GATEWAY_SERVER_TLS_CERT_FILE", Path("server.pem")},
                       {"GANTRY_DB_GATEWAY_SERVER_TLS_KEY_FILE", Path("server.key")},
                       {"GANTRY_DB_GATEWAY_SERVER_TLS_CLIENT_CA_FILE", Path("ca.pem")}}});
    ASSERT_TRUE(p.ok()) << p.error();
    grpc::SslCredentialsOptions with_cert;
    with_cert.pem_root_certs = Read("ca.pem");
    with_cert.pem_private_key = Read("client.key");
    with_cert.pem_cert_chain = Read("client.pem");
    EXPECT_EQ(Health(p.endpoint("grpc"), grpc::SslCredentials(with_cert)),
              grpc::health::v1::HealthCheckResponse::SERVING);

    grpc::SslCredentialsOptions without_cert;
    without_cert.pem_root_certs = Read("ca.pem");
    auto stub = grpc::health::v1::Health::NewStub(
        grpc::CreateChannel(p.endpoint("grpc"), grpc::SslCredentials(without_cert)));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 2s);
    grpc::health::v1::HealthCheckResponse resp;
    EXPECT_FALSE(stub->Check(&ctx, {}, &resp).ok());
}

}  // namespace
}  // namespace gantry
