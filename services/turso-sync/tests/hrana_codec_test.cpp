#include "gantry/turso/hrana_codec.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace gantry::turso::hrana {
namespace {

using nlohmann::json;

TEST(HranaCodec, EncodesValuesAsTheSpecSays) {
    Stmt stmt{
        "SELECT ?, ?, ?, ?, ?", {Null{}, int64_t{9007199254740993}, 1.5, std::string("x"), Blob{1, 2, 255}}, {}, true};
    stmt.named_args.push_back({":n", int64_t{7}});
    const json j = json::parse(EncodePipeline(std::nullopt, {ExecuteRequest{stmt}}));
    EXPECT_TRUE(j["baton"].is_null());
    const json& s = j["requests"][0]["stmt"];
    EXPECT_EQ(j["requests"][0]["type"], "execute");
    EXPECT_EQ(s["args"][0], json({{"type", "null"}}));
    EXPECT_EQ(s["args"][1]["value"], "9007199254740993");  // integers travel as strings, losslessly
    EXPECT_EQ(s["args"][2]["value"], 1.5);
    EXPECT_EQ(s["args"][3]["value"], "x");
    EXPECT_EQ(s["args"][4]["base64"], "AQL/");
    EXPECT_EQ(s["named_args"][0]["name"], ":n");
    EXPECT_EQ(s["want_rows"], true);
}

TEST(HranaCodec, EncodesBatchConditionsAndClose) {
    Batch batch;
    batch.steps.push_back({std::nullopt, {"BEGIN", {}, {}, false}});
    batch.steps.push_back(
        {BatchCond::And({BatchCond::Ok(0), BatchCond::Not(BatchCond::Error(0))}), {"X", {}, {}, false}});
    batch.steps.push_back({BatchCond::Or({BatchCond::IsAutocommit()}), {"Y", {}, {}, false}});
    const json j = json::parse(EncodePipeline(std::string("b1"), {BatchRequest{batch}, CloseRequest{}}));
    EXPECT_EQ(j["baton"], "b1");
    const json& steps = j["requests"][0]["batch"]["steps"];
    EXPECT_TRUE(steps[0]["condition"].is_null());
    EXPECT_EQ(steps[1]["condition"]["type"], "and");
    EXPECT_EQ(steps[1]["condition"]["conds"][0], json({{"type", "ok"}, {"step", 0}}));
    EXPECT_EQ(steps[1]["condition"]["conds"][1]["cond"], json({{"type", "error"}, {"step", 0}}));
    EXPECT_EQ(steps[2]["condition"]["conds"][0]["type"], "is_autocommit");
    EXPECT_EQ(j["requests"][1], json({{"type", "close"}}));
}

TEST(HranaCodec, DecodesTheTursodbAnswerFromTheBrief) {
    const std::string body =
        R"({"baton":null,"base_url":null,"results":[{"type":"ok","response":{"type":"execute","result":{"cols":[{"name":"id","decltype":"INTEGER"},{"name":"name","decltype":"TEXT"},{"name":"b","decltype":"BLOB"},{"name":"f","decltype":"REAL"},{"name":"n","decltype":null}],"rows":[[{"type":"integer","value":"1"},{"type":"text","value":"alice"},{"type":"blob","base64":"AQL/"},{"type":"float","value":1.5},{"type":"null"}]],"affected_row_count":0,"last_insert_rowid":null,"replication_index":null,"rows_read":0,"rows_written":0,"query_duration_ms":0.0}}}]})";
    auto r = DecodePipeline(body, {ExecuteRequest{}});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_FALSE(r->baton.has_value());
    const auto& result = std::get<StmtResult>(r->results[0].response);
    ASSERT_EQ(result.cols.size(), 5u);
    EXPECT_EQ(result.cols[1].decltype_, "TEXT");
    EXPECT_FALSE(result.cols[4].decltype_.has_value());
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(std::get<int64_t>(result.rows[0][0]), 1);
    EXPECT_EQ(std::get<std::string>(result.rows[0][1]), "alice");
    EXPECT_EQ(std::get<Blob>(result.rows[0][2]), (Blob{1, 2, 255}));
    EXPECT_DOUBLE_EQ(std::get<double>(result.rows[0][3]), 1.5);
    EXPECT_TRUE(std::holds_alternative<Null>(result.rows[0][4]));
    EXPECT_FALSE(result.last_insert_rowid.has_value());
}

TEST(HranaCodec, DecodesPerRequestErrorsAndBatchSteps) {
    const std::string body =
        R"({"baton":"b2","results":[{"type":"error","error":{"message":"Parse error: no such table: nosuch","code":"PREPARE_ERROR"}},)"
        R"({"type":"ok","response":{"type":"batch","result":{"step_results":[{"cols":[],"rows":[]},null,null],"step_errors":[null,{"message":"boom"},null]}}}]})";
    Batch three;
    three.steps.resize(3);
    auto r = DecodePipeline(body, {ExecuteRequest{}, BatchRequest{three}});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->baton, "b2");
    ASSERT_TRUE(r->results[0].error.has_value());
    EXPECT_EQ(r->results[0].error->code, "PREPARE_ERROR");
    const auto& batch = std::get<BatchResult>(r->results[1].response);
    EXPECT_TRUE(batch.steps[0].result.has_value());
    EXPECT_EQ(batch.steps[1].error->message, "boom");
    EXPECT_TRUE(batch.steps[2].skipped());
}

TEST(HranaCodec, RefusesMalformedAnswersWithAClearMessage) {
    EXPECT_EQ(DecodePipeline("not json", {ExecuteRequest{}}).status().code(), StatusCode::kUnavailable);
    auto wrong_count = DecodePipeline(R"({"results":[]})", {ExecuteRequest{}});
    EXPECT_NE(wrong_count.status().message().find("0 results for 1 requests"), std::string::npos);
    auto bad_type = DecodePipeline(
        R"({"results":[{"type":"ok","response":{"type":"execute","result":{"rows":[[{"type":"decimal","value":"1"}]]}}}]})",
        {ExecuteRequest{}});
    EXPECT_NE(bad_type.status().message().find("unknown Hrana value type 'decimal'"), std::string::npos);
}

TEST(HranaCodec, DescribesErrorBodies) {
    EXPECT_EQ(DescribeErrorBody(R"({"message":"nope","code":"X"})"), "nope");
    EXPECT_EQ(DescribeErrorBody("Internal Server Error: unknown variant `close`\n"),
              "Internal Server Error: unknown variant `close`");
    EXPECT_EQ(DescribeErrorBody(""), "(empty body)");
}

TEST(BatchConditions, EvaluateAsHranaDefines) {
    std::vector<StepOutcome> done(2);
    done[0].result = StmtResult{};
    done[1].error = StmtError{"x", ""};
    EXPECT_TRUE(EvaluateCondition(BatchCond::Ok(0), done, true));
    EXPECT_FALSE(EvaluateCondition(BatchCond::Ok(1), done, true));
    EXPECT_TRUE(EvaluateCondition(BatchCond::Error(1), done, true));
    EXPECT_FALSE(EvaluateCondition(BatchCond::Ok(5), done, true));  // a later step is neither ok nor error
    EXPECT_TRUE(EvaluateCondition(BatchCond::And({BatchCond::Ok(0), BatchCond::Error(1)}), done, true));
    EXPECT_FALSE(EvaluateCondition(BatchCond::Or({BatchCond::Ok(1), BatchCond::Error(0)}), done, true));
    EXPECT_TRUE(EvaluateCondition(BatchCond::Not(BatchCond::IsAutocommit()), done, false));
}

}  // namespace
}  // namespace gantry::turso::hrana
