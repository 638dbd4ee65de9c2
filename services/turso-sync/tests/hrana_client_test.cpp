#include "gantry/turso/hrana_client.hpp"

#include <gtest/gtest.h>

#include "fake_http_client.hpp"

namespace gantry::turso {
namespace {

using testing::FakeHttpClient;

constexpr char kOkExecute[] =
    R"({"baton":null,"results":[{"type":"ok","response":{"type":"execute","result":{"cols":[],"rows":[[{"type":"integer","value":"2"}]]}}}]})";
constexpr char kOkExecuteAndClose[] =
    R"({"baton":null,"results":[{"type":"ok","response":{"type":"execute","result":{"cols":[],"rows":[]}}},{"type":"ok","response":{"type":"close"}}]})";

TEST(HranaClient, PipelineOnlyServerGetsNoCloseAndNoStreams) {
    FakeHttpClient http;
    http.Reply(404, "");  // GET /v3
    http.Reply(404, "");  // GET /v2
    http.Reply(200, kOkExecute);
    HranaClient client(http, "http://h:1", std::chrono::milliseconds(1000));
    auto r = client.Execute({"SELECT 2", {}, {}, true});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(std::get<int64_t>(r->rows[0][0]), 2);
    ASSERT_EQ(http.requests.size(), 3u);
    EXPECT_EQ(http.requests[0].url, "http://h:1/v3");
    EXPECT_EQ(http.requests[0].method, "GET");
    EXPECT_TRUE(http.requests[0].idempotent);
    EXPECT_EQ(http.requests[2].url, "http://h:1/v2/pipeline");
    EXPECT_FALSE(http.requests[2].idempotent);
    EXPECT_EQ(http.requests[2].body.find("close"), std::string::npos);
    EXPECT_EQ(client.OpenStream().status().reason(), "REMOTE_NO_STREAMS");
}

TEST(HranaClient, V3ServerGetsCloseInTheSamePipeline) {
    FakeHttpClient http;
    http.Reply(200, "");  // GET /v3
    http.Reply(200, kOkExecuteAndClose);
    HranaClient client(http, "https://db", std::chrono::milliseconds(1000));
    ASSERT_TRUE(client.Execute({"CREATE TABLE t(x)", {}, {}, false}).ok());
    EXPECT_EQ(http.requests[1].url, "https://db/v3/pipeline");
    EXPECT_NE(http.requests[1].body.find(R"({"type":"close"})"), std::string::npos);
}

TEST(HranaClient, ServerThatRejectsCloseIsDowngradedAndTheRequestResentOnce) {
    FakeHttpClient http;
    http.Reply(200, "");  // claims /v3
    http.Reply(500,
               "Internal Server Error: Failed to parse pipeline request: unknown variant `close`, expected "
               "`execute` or `batch`");
    http.Reply(200, kOkExecute);
    http.Reply(200, kOkExecute);
    HranaClient client(http, "http://h", std::chrono::milliseconds(1000));
    ASSERT_TRUE(client.Execute({"SELECT 2", {}, {}, true}).ok());
    ASSERT_TRUE(client.Execute({"SELECT 2", {}, {}, true}).ok());
    ASSERT_EQ(http.requests.size(), 4u);
    EXPECT_NE(http.requests[1].body.find("close"), std::string::npos);
    EXPECT_EQ(http.requests[2].body.find("close"), std::string::npos);
    EXPECT_EQ(http.requests[3].body.find("close"), std::string::npos);  // remembered
}

TEST(HranaClient, SqlErrorsAndHttpErrorsAreTold) {
    FakeHttpClient http;
    http.Reply(404, "");
    http.Reply(404, "");
    http.Reply(
        200,
        R"({"baton":null,"results":[{"type":"error","error":{"message":"no such table: x","code":"PREPARE_ERROR"}}]})");
    http.Reply(401, R"({"message":"token expired"})");
    HranaClient client(http, "http://h", std::chrono::milliseconds(1000));
    auto sql = client.Execute({"SELECT * FROM x", {}, {}, true});
    EXPECT_EQ(sql.status().code(), StatusCode::kNotFound);  // as a missing table is locally and in db-gateway
    EXPECT_EQ(sql.status().reason(), "UNDEFINED_TABLE");
    EXPECT_EQ(sql.status().metadata().at("remote_code"), "PREPARE_ERROR");
    auto auth = client.Execute({"SELECT 1", {}, {}, true});
    EXPECT_EQ(auth.status().code(), StatusCode::kUnauthenticated);
    EXPECT_NE(auth.status().message().find("token expired"), std::string::npos);
}

TEST(HranaClient, UnreachableServerIsUnavailable) {
    FakeHttpClient http;
    http.Fail(UnavailableError("connection refused"));
    HranaClient client(http, "http://h", std::chrono::milliseconds(1000));
    auto r = client.Execute({"SELECT 1", {}, {}, true});
    EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
    EXPECT_NE(r.status().message().find("connection refused"), std::string::npos);
}

TEST(HranaClient, StreamsCarryTheBatonAndFollowBaseUrl) {
    FakeHttpClient http;
    http.Reply(200, "");  // /v3
    http.Reply(
        200,
        R"({"baton":"b1","base_url":"http://other","results":[{"type":"ok","response":{"type":"execute","result":{}}}]})");
    http.Reply(200, R"({"baton":"b2","results":[{"type":"ok","response":{"type":"execute","result":{}}}]})");
    http.Reply(200, R"({"baton":null,"results":[{"type":"ok","response":{"type":"close"}}]})");
    HranaClient client(http, "http://h", std::chrono::milliseconds(1000));
    auto stream = client.OpenStream();
    ASSERT_TRUE(stream.ok());
    ASSERT_TRUE(stream->Execute({"BEGIN", {}, {}, false}).ok());
    ASSERT_TRUE(stream->Execute({"INSERT INTO t VALUES (1)", {}, {}, false}).ok());
    ASSERT_TRUE(stream->Close().ok());
    EXPECT_NE(http.requests[1].body.find(R"("baton":null)"), std::string::npos);
    EXPECT_NE(http.requests[2].body.find(R"("baton":"b1")"), std::string::npos);
    EXPECT_EQ(http.requests[2].url, "http://other/v3/pipeline");
    EXPECT_NE(http.requests[3].body.find(R"("baton":"b2")"), std::string::npos);
    EXPECT_FALSE(stream->open());
}

TEST(HranaClient, RemoteSqliteErrorsMapAsLocalOnes) {
    auto unique = SqlError({"UNIQUE constraint failed: u.v", "SQLITE_CONSTRAINT_UNIQUE"});
    EXPECT_EQ(unique.code(), StatusCode::kAlreadyExists);
    EXPECT_EQ(unique.reason(), "UNIQUE_VIOLATION");
    EXPECT_EQ(unique.metadata().at("remote_code"), "SQLITE_CONSTRAINT_UNIQUE");
    auto primary = SqlError({"UNIQUE constraint failed: u.id", "SQLITE_CONSTRAINT_PRIMARYKEY"});
    EXPECT_EQ(primary.code(), StatusCode::kAlreadyExists);
    EXPECT_EQ(primary.reason(), "UNIQUE_VIOLATION");
    auto missing = SqlError({"SQLite error: no such table: nosuch", "SQLITE_ERROR"});
    EXPECT_EQ(missing.code(), StatusCode::kNotFound);
    EXPECT_EQ(missing.reason(), "UNDEFINED_TABLE");
    // Other errors, and constraint errors the remote does not name, stay INVALID_ARGUMENT.
    for (const StmtError& e : {StmtError{"NOT NULL constraint failed: u.v", "SQLITE_CONSTRAINT_NOTNULL"},
                               StmtError{"UNIQUE constraint failed: u.v", "SQLITE_CONSTRAINT"},
                               StmtError{"near \"SELEC\": syntax error", "SQLITE_ERROR"}, StmtError{"", ""}}) {
        EXPECT_EQ(SqlError(e).code(), StatusCode::kInvalidArgument) << e.message;
        EXPECT_EQ(SqlError(e).reason(), "SQL_ERROR") << e.message;
    }
}

}  // namespace
}  // namespace gantry::turso
