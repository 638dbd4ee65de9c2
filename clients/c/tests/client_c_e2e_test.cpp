// The C shim against a real db-gateway (SQLite, its embedded default): JSON calls, streams, errors with
// the service's reason and metadata, the bearer token.

#include <gtest/gtest.h>

#include <csignal>

#include "c_test_util.hpp"
#include "gantry/testing/service_process.hpp"

namespace gantry::client_c::testing {
namespace {

using Json = nlohmann::json;

constexpr int kCancelled = 1;
constexpr int kAlreadyExists = 6;
constexpr int kUnauthenticated = 16;
constexpr const char* kToken = "client-c-e2e-token-0123456789";
constexpr const char* kExecute = "/gantry.db.v1.Database/Execute";

class ClientCAgainstDbGateway : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        service_ = new gantry::testing::ServiceProcess(
            {GANTRY_BIN_DIR "/db-gateway", {}, {{"GANTRY_DB_GATEWAY_SERVER_AUTH_TOKENS", kToken}}});
        ASSERT_TRUE(service_->ok()) << service_->error();
    }
    static void TearDownTestSuite() {
        EXPECT_EQ(service_->Stop(SIGTERM, std::chrono::seconds(10)), 0);
        delete service_;
        service_ = nullptr;
    }
    void SetUp() override {
        ASSERT_TRUE(service_->ok());
        client_ = Open(service_->endpoint("grpc"), kToken);
        ASSERT_NE(client_, nullptr);
    }
    Outcome Sql(const std::string& sql, const Json& params = Json::array()) {
        return Call(client_.get(), kExecute, Json{{"sql", sql}, {"params", params}}.dump());
    }

    static gantry::testing::ServiceProcess* service_;
    ClientPtr client_;
};

gantry::testing::ServiceProcess* ClientCAgainstDbGateway::service_ = nullptr;

TEST_F(ClientCAgainstDbGateway, TypedValuesRoundTripAsJson) {
    ASSERT_EQ(Sql("CREATE TABLE round_trip (id INTEGER PRIMARY KEY, big INTEGER, note TEXT)").code, 0);
    const auto insert = Sql("INSERT INTO round_trip (id, big, note) VALUES (?, ?, ?)",
                            Json::array({{{"int64_value", "1"}},
                                         {{"int64_value", "9007199254740993"}},
                                         {{"null_value", "NULL_VALUE"}}}));
    ASSERT_EQ(insert.code, 0) << insert.message;
    EXPECT_EQ(insert.response.at("rows_affected"), "1");

    const auto select = Call(client_.get(), "/gantry.db.v1.Database/Query",
                             Json{{"sql", "SELECT id, big, note FROM round_trip"}}.dump());
    ASSERT_EQ(select.code, 0) << select.message;
    ASSERT_EQ(select.response.at("columns").size(), 3u);
    EXPECT_EQ(select.response.at("columns").at(1).at("name"), "big");
    const auto& values = select.response.at("rows").at(0).at("values");
    EXPECT_EQ(values.at(1), Json({{"int64_value", "9007199254740993"}}));
    EXPECT_EQ(values.at(2), Json({{"null_value", nullptr}}));  // google.protobuf.NullValue prints as JSON null
}

TEST_F(ClientCAgainstDbGateway, ServiceErrorsCarryCodeReasonAndMetadata) {
    ASSERT_EQ(Sql("CREATE TABLE unique_things (id INTEGER PRIMARY KEY)").code, 0);
    ASSERT_EQ(Sql("INSERT INTO unique_things (id) VALUES (1)").code, 0);
    const auto duplicate = Sql("INSERT INTO unique_things (id) VALUES (1)");
    EXPECT_EQ(duplicate.code, kAlreadyExists);
    EXPECT_EQ(duplicate.code_name, "ALREADY_EXISTS");
    EXPECT_EQ(duplicate.reason, "UNIQUE_VIOLATION");
    EXPECT_NE(duplicate.message.find("UNIQUE"), std::string::npos) << duplicate.message;
    EXPECT_TRUE(duplicate.metadata.is_object());
}

TEST_F(ClientCAgainstDbGateway, MissingTokenIsUnauthenticatedWithItsReason) {
    auto anonymous = Open(service_->endpoint("grpc"));
    const auto out = Call(anonymous.get(), kExecute, R"({"sql": "SELECT 1"})");
    EXPECT_EQ(out.code, kUnauthenticated);
    EXPECT_EQ(out.reason, "AUTH_TOKEN_MISSING");
}

TEST_F(ClientCAgainstDbGateway, CommonServicesAnswer) {
    const auto info = Call(client_.get(), "/gantry.common.v1.Admin/GetServiceInfo", "");
    ASSERT_EQ(info.code, 0) << info.message;
    EXPECT_EQ(info.response.at("service"), "db-gateway");
    const auto health = Call(client_.get(), "/grpc.health.v1.Health/Check", "{}");
    ASSERT_EQ(health.code, 0) << health.message;
    EXPECT_EQ(health.response.at("status"), "SERVING");
}

TEST_F(ClientCAgainstDbGateway, StreamsEveryMessageInOrder) {
    const Json request{{"sql", "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5) "
                               "SELECT x FROM n"},
                       {"chunk_rows", 2}};
    const auto out = Stream(client_.get(), "/gantry.db.v1.Database/StreamQuery", request.dump());
    ASSERT_EQ(out.code, 0) << out.message;
    std::vector<std::string> xs;
    for (const auto& chunk : out.stream) {
        for (const auto& row : chunk.at("rows")) xs.push_back(row.at("values").at(0).at("int64_value"));
    }
    EXPECT_EQ(xs, (std::vector<std::string>{"1", "2", "3", "4", "5"}));
    EXPECT_GE(out.stream.size(), 3u);
}

TEST_F(ClientCAgainstDbGateway, CallbackCanStopAStream) {
    const Json request{{"sql", "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100) "
                               "SELECT x FROM n"},
                       {"chunk_rows", 1}};
    const auto out = Stream(client_.get(), "/gantry.db.v1.Database/StreamQuery", request.dump(), 2);
    EXPECT_EQ(out.code, kCancelled);
    EXPECT_EQ(out.stream.size(), 2u);
}

}  // namespace
}  // namespace gantry::client_c::testing
