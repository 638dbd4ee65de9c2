#include "gantry/mcp/json_schema.hpp"

#include <gtest/gtest.h>

#include "gantry/mcp_fixture/v1/fixture.pb.h"

namespace gantry::mcp {
namespace {

using Json = nlohmann::json;
using namespace gantry::mcp_fixture::v1;

// Whether any object in `j` has one of the keys clients reject.
bool HasForbiddenKeyword(const Json& j) {
    if (j.is_object()) {
        for (const char* k : {"$ref", "$defs", "oneOf", "anyOf", "allOf"}) {
            if (j.contains(k)) return true;
        }
    }
    if (j.is_structured()) {
        for (const auto& v : j) {
            if (HasForbiddenKeyword(v)) return true;
        }
    }
    return false;
}

TEST(JsonSchema, ScalarsEnumsAndDocs) {
    const auto s = InputSchema(EchoRequest::descriptor());
    EXPECT_EQ(s.at("type"), "object");
    EXPECT_EQ(s.at("additionalProperties"), false);
    const auto& p = s.at("properties");
    EXPECT_EQ(p.at("message"), (Json{{"type", "string"}, {"description", "the text to echo back"}}));
    EXPECT_EQ(p.at("repeat").at("type"), "integer");
    EXPECT_EQ(p.at("repeat").at("maximum"), INT32_MAX);
    EXPECT_EQ(p.at("shout").at("type"), "boolean");
    EXPECT_EQ(p.at("ratio").at("type"), "number");
    EXPECT_EQ(p.at("mood").at("enum"), (Json{"MOOD_UNSPECIFIED", "MOOD_HAPPY", "MOOD_GRUMPY"}));
    EXPECT_EQ(p.at("blob").at("contentEncoding"), "base64");
    EXPECT_EQ(p.at("big_unsigned").at("minimum"), 0);
}

TEST(JsonSchema, SixtyFourBitIntegersAreNumbersInAndStringsOut) {
    EXPECT_EQ(InputSchema(EchoRequest::descriptor()).at("properties").at("big").at("type"), "integer");
    const auto out = OutputSchema(EchoResponse::descriptor()).at("properties").at("request").at("properties");
    EXPECT_EQ(out.at("big").at("type"), "string");
    EXPECT_EQ(out.at("big").at("pattern"), "^-?[0-9]+$");
    EXPECT_FALSE(OutputSchema(EchoResponse::descriptor()).contains("additionalProperties"));
}

TEST(JsonSchema, RepeatedMapsNestedAndWellKnownTypes) {
    const auto p = InputSchema(EchoRequest::descriptor()).at("properties");
    EXPECT_EQ(p.at("tags"), (Json{{"type", "array"}, {"items", {{"type", "string"}}}}));
    EXPECT_EQ(p.at("counts").at("type"), "object");
    EXPECT_EQ(p.at("counts").at("additionalProperties").at("type"), "integer");
    EXPECT_EQ(p.at("point").at("properties").at("x").at("type"), "number");
    EXPECT_EQ(p.at("path").at("items").at("properties").at("y").at("type"), "number");
    EXPECT_EQ(p.at("at").at("format"), "date-time");
    EXPECT_EQ(p.at("limit").at("type"), "integer");
    EXPECT_EQ(p.at("extra").at("type"), "object");
}

TEST(JsonSchema, OneofsAreDescribedNotEncoded) {
    const auto s = InputSchema(EchoRequest::descriptor());
    EXPECT_TRUE(s.at("properties").contains("user"));
    EXPECT_TRUE(s.at("properties").contains("group"));
    EXPECT_TRUE(s.at("properties").contains("note"));  // proto3 optional: a synthetic oneof, not described
    EXPECT_EQ(s.at("description"), "Set at most one of each group: user, group.");
    EXPECT_FALSE(HasForbiddenKeyword(s));
}

TEST(JsonSchema, ARecursiveMessageIsWrittenOutOnceAndThenReferredTo) {
    const auto s = InputSchema(TreeNode::descriptor());
    EXPECT_FALSE(HasForbiddenKeyword(s));
    EXPECT_EQ(s.at("additionalProperties"), false);
    EXPECT_EQ(s.at("properties").at("name").at("type"), "string");
    // The children are TreeNodes again: a plain object that says so, open to any properties, not another copy.
    EXPECT_EQ(s.at("properties").at("children").at("items"),
              (Json{{"type", "object"},
                    {"description",
                     "a TreeNode (same shape as the top-level object; recursive messages are written out once)"}}));
    const auto out = OutputSchema(TreeNode::descriptor());
    EXPECT_EQ(out.at("properties").at("children").at("items").at("type"), "object");
    EXPECT_FALSE(out.at("properties").at("children").at("items").contains("properties"));
}

TEST(JsonSchema, StreamingResultsAreAnArrayOfMessages) {
    const auto s = StreamOutputSchema(CountEvent::descriptor());
    EXPECT_EQ(s.at("type"), "object");
    EXPECT_EQ(s.at("properties").at("messages").at("items").at("properties").at("value").at("type"), "integer");
}

TEST(JsonSchema, EmptyMessageTakesNoArguments) {
    EXPECT_EQ(InputSchema(StatsRequest::descriptor()),
              (Json{{"type", "object"}, {"properties", Json::object()}, {"additionalProperties", false}}));
}

}  // namespace
}  // namespace gantry::mcp
