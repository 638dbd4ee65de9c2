#include "gantry/db/json/schema.hpp"

#include <gtest/gtest.h>

namespace gantry::db::json {
namespace {

using nlohmann::json;

const json kSchema = json::parse(R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "required": ["id", "tags"],
  "properties": {
    "id": {"type": "integer", "minimum": 1},
    "email": {"type": "string", "pattern": "^[^@]+@[^@]+$"},
    "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 3},
    "a/b": {"const": 1},
    "0": {"type": "boolean"},
    "kind": {"if": {"const": "x"}, "then": {"const": "x"}, "else": {"enum": ["y", "z"]}}
  },
  "additionalProperties": false
})");

bool HasViolationAt(const ValidationReport& report, const std::string& pointer) {
    for (const auto& v : report.violations) {
        if (v.instance_path == pointer) return true;
    }
    return false;
}

TEST(SchemaTest, ValidDocumentHasNoViolations) {
    const auto report =
        ValidateAgainstSchema(kSchema, json::parse(R"({"id":3,"tags":["a"],"email":"a@b","kind":"x"})"));
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_TRUE(report->valid);
    EXPECT_TRUE(report->violations.empty());
}

TEST(SchemaTest, EachViolationHasItsJsonPointer) {
    const auto report = ValidateAgainstSchema(
        kSchema, json::parse(R"({"id":0,"tags":["a",7,"c","d"],"email":"nope","a/b":2,"0":"no","kind":"q"})"));
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_FALSE(report->valid);
    for (const char* pointer : {"/id", "/tags/1", "/tags", "/email", "/a~1b", "/0", "/kind"}) {
        EXPECT_TRUE(HasViolationAt(*report, pointer)) << "no violation reported at " << pointer;
    }
    for (const auto& v : report->violations) EXPECT_FALSE(v.message.empty());
}

TEST(SchemaTest, MissingRequiredAndExtraMembersAreAtTheRoot) {
    const auto report = ValidateAgainstSchema(kSchema, json::parse(R"({"tags":[],"extra":1})"));
    ASSERT_TRUE(report.ok());
    EXPECT_FALSE(report->valid);
    EXPECT_TRUE(HasViolationAt(*report, ""));
}

TEST(SchemaTest, BooleanSchemas) {
    EXPECT_TRUE(ValidateAgainstSchema(json(true), json::parse("[1]"))->valid);
    EXPECT_FALSE(ValidateAgainstSchema(json(false), json::parse("[1]"))->valid);
}

TEST(SchemaTest, UnusableSchemasAreInvalidArgument) {
    EXPECT_EQ(ValidateAgainstSchema(json::parse("[1]"), json::object()).status().code(), StatusCode::kInvalidArgument);
    const auto bad_type = ValidateAgainstSchema(json::parse(R"({"type": 12})"), json::object());
    EXPECT_EQ(bad_type.status().code(), StatusCode::kInvalidArgument);
    const auto remote = ValidateAgainstSchema(json::parse(R"({"$ref": "http://example.com/s.json"})"), json::object());
    EXPECT_EQ(remote.status().code(), StatusCode::kInvalidArgument);
}

TEST(SchemaTest, PointerEscaping) {
    EXPECT_EQ(EscapePointerToken("a/b~c"), "a~1b~0c");
}

}  // namespace
}  // namespace gantry::db::json

namespace gantry::db::json {
namespace {

TEST(SchemaRegexLimitTest, LongStringsUnderRegexKeywordsAreRefusedNotCrashing) {
    // std::regex recursion would overflow the stack on a 100 KB subject; the limit refuses it instead.
    const json schema = json::parse(R"({"properties": {"s": {"type": "string", "pattern": "^(a|b)*$"}}})");
    const json long_doc = {{"s", std::string(100000, 'a')}};
    const auto refused = ValidateAgainstSchema(schema, long_doc);
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(refused.status().message().find("\"/s\" is longer than 4096 bytes"), std::string::npos)
        << refused.status().message();
    const json ok_doc = {{"s", std::string(kMaxRegexSubjectBytes, 'a')}};
    const auto checked = ValidateAgainstSchema(schema, ok_doc);
    ASSERT_TRUE(checked.ok()) << checked.status().ToString();
    EXPECT_TRUE(checked->valid);
}

TEST(SchemaRegexLimitTest, LongStringsAreFineWithoutRegexKeywords) {
    const json schema = json::parse(R"({"properties": {"s": {"type": "string", "maxLength": 10}}})");
    const auto report = ValidateAgainstSchema(schema, {{"s", std::string(100000, 'a')}});
    ASSERT_TRUE(report.ok());
    EXPECT_FALSE(report->valid);
}

TEST(SchemaRegexLimitTest, LongMemberNamesAndPatternsAreRefused) {
    const json schema = json::parse(R"({"patternProperties": {"^x": {}}})");
    EXPECT_EQ(ValidateAgainstSchema(schema, {{std::string(5000, 'x'), 1}}).status().code(),
              StatusCode::kInvalidArgument);
    const json long_pattern = {{"pattern", std::string(kMaxPatternBytes + 1, 'a')}};
    EXPECT_EQ(ValidateAgainstSchema(long_pattern, json("a")).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gantry::db::json

namespace gantry::db::json {
namespace {

TEST(SchemaRegexLimitTest, NestedQuantifiersAreRefused) {
    for (const char* pattern : {"(a+)+$", "^(a*)*b", "(x|y+){2,}", "((ab)*c?)+", "(?:a+)*"}) {
        const auto result = ValidateAgainstSchema({{"pattern", pattern}}, json("aaaa"));
        EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << pattern;
        EXPECT_NE(result.status().message().find("exponential"), std::string::npos) << pattern;
    }
    const auto in_properties =
        ValidateAgainstSchema({{"patternProperties", {{"(a+)+", json::object()}}}}, json::object());
    EXPECT_EQ(in_properties.status().code(), StatusCode::kInvalidArgument);
    for (const char* pattern :
         {"^(a|b)*$", "^[a-z]+(-[a-z]+)?$", "^\\(+\\)*$", "^[(+]*$", "(ab)+", "^\\d{3}-\\d{4}$"}) {
        EXPECT_TRUE(ValidateAgainstSchema({{"pattern", pattern}}, json("x")).ok()) << pattern;
    }
}

}  // namespace
}  // namespace gantry::db::json
