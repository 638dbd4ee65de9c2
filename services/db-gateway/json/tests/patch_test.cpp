// RFC 6902 appendix A and RFC 7396 appendix A examples, atomicity, and diff round trips.
#include "gantry/db/json/patch.hpp"

#include <gtest/gtest.h>

#include "gantry/db/json/document.hpp"

namespace gantry::db::json {
namespace {

using nlohmann::json;

struct PatchExample {
    const char* name;
    const char* document;
    const char* patch;
    const char* expected;  // nullptr: the patch must fail
};

// RFC 6902 appendix A (A.13, a syntactically ambiguous document, is not expressible as parsed JSON).
constexpr PatchExample kRfc6902[] = {
    {"A1_add_object_member", R"({"foo":"bar"})", R"([{"op":"add","path":"/baz","value":"qux"}])",
     R"({"baz":"qux","foo":"bar"})"},
    {"A2_add_array_element", R"({"foo":["bar","baz"]})", R"([{"op":"add","path":"/foo/1","value":"qux"}])",
     R"({"foo":["bar","qux","baz"]})"},
    {"A3_remove_object_member", R"({"baz":"qux","foo":"bar"})", R"([{"op":"remove","path":"/baz"}])",
     R"({"foo":"bar"})"},
    {"A4_remove_array_element", R"({"foo":["bar","qux","baz"]})", R"([{"op":"remove","path":"/foo/1"}])",
     R"({"foo":["bar","baz"]})"},
    {"A5_replace_value", R"({"baz":"qux","foo":"bar"})", R"([{"op":"replace","path":"/baz","value":"boo"}])",
     R"({"baz":"boo","foo":"bar"})"},
    {"A6_move_value", R"({"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}})",
     R"([{"op":"move","from":"/foo/waldo","path":"/qux/thud"}])",
     R"({"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}})"},
    {"A7_move_array_element", R"({"foo":["all","grass","cows","eat"]})",
     R"([{"op":"move","from":"/foo/1","path":"/foo/3"}])", R"({"foo":["all","cows","eat","grass"]})"},
    {"A8_test_success", R"({"baz":"qux","foo":["a",2,"c"]})",
     R"([{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}])",
     R"({"baz":"qux","foo":["a",2,"c"]})"},
    {"A9_test_error", R"({"baz":"qux"})", R"([{"op":"test","path":"/baz","value":"bar"}])", nullptr},
    {"A10_add_nested_member", R"({"foo":"bar"})", R"([{"op":"add","path":"/child","value":{"grandchild":{}}}])",
     R"({"foo":"bar","child":{"grandchild":{}}})"},
    {"A11_ignore_unrecognized", R"({"foo":"bar"})", R"([{"op":"add","path":"/baz","value":"qux","xyz":123}])",
     R"({"foo":"bar","baz":"qux"})"},
    {"A12_add_to_nonexistent_target", R"({"foo":"bar"})", R"([{"op":"add","path":"/baz/bat","value":"qux"}])", nullptr},
    {"A14_escape_ordering", R"({"/":9,"~1":10})", R"([{"op":"test","path":"/~01","value":10}])", R"({"/":9,"~1":10})"},
    {"A15_strings_are_not_numbers", R"({"/":9,"~1":10})", R"([{"op":"test","path":"/~01","value":"10"}])", nullptr},
    {"A16_add_array_value", R"({"foo":["bar"]})", R"([{"op":"add","path":"/foo/-","value":["abc","def"]}])",
     R"({"foo":["bar",["abc","def"]]})"},
};

class Rfc6902Test : public testing::TestWithParam<PatchExample> {};

TEST_P(Rfc6902Test, AppendixA) {
    const auto& example = GetParam();
    const auto result = ApplyJsonPatch(json::parse(example.document), json::parse(example.patch));
    if (example.expected == nullptr) {
        EXPECT_FALSE(result.ok());
        return;
    }
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(*result, json::parse(example.expected));
}

INSTANTIATE_TEST_SUITE_P(Examples, Rfc6902Test, testing::ValuesIn(kRfc6902),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(JsonPatchTest, FailureIsAtomicAndNamesTheOperation) {
    const json document = json::parse(R"({"a":1,"b":[1,2]})");
    const json patch = json::parse(
        R"([{"op":"replace","path":"/a","value":2},{"op":"add","path":"/b/-","value":3},{"op":"remove","path":"/missing"}])");
    const auto result = ApplyJsonPatch(document, patch);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(result.status().message().find("operation 2 (remove)"), std::string::npos) << result.status().message();
    EXPECT_EQ(document, json::parse(R"({"a":1,"b":[1,2]})"));
}

TEST(JsonPatchTest, FailedTestIsFailedPrecondition) {
    const auto result =
        ApplyJsonPatch(json::parse(R"({"v":1})"), json::parse(R"([{"op":"test","path":"/v","value":2}])"));
    EXPECT_EQ(result.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(result.status().reason(), "JSON_PATCH_TEST_FAILED");
}

TEST(JsonPatchTest, MalformedPatches) {
    EXPECT_EQ(ApplyJsonPatch(json::object(), json::object()).status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(ApplyJsonPatch(json::object(), json::parse(R"([{"op":"frobnicate","path":"/a"}])")).status().code(),
              StatusCode::kInvalidArgument);
    EXPECT_EQ(ApplyJsonPatch(json::object(), json::parse(R"([{"path":"/a"}])")).status().code(),
              StatusCode::kInvalidArgument);
}

struct MergeExample {
    const char* target;
    const char* patch;
    const char* result;
};

// RFC 7396 appendix A.
constexpr MergeExample kRfc7396[] = {
    {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
    {R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
    {R"({"a":"b"})", R"({"a":null})", R"({})"},
    {R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
    {R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
    {R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
    {R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})", R"({"a":{"b":"d"}})"},
    {R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
    {R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
    {R"({"a":"b"})", R"(["c"])", R"(["c"])"},
    {R"({"a":"foo"})", R"(null)", R"(null)"},
    {R"({"a":"foo"})", R"("bar")", R"("bar")"},
    {R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
    {R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
    {R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"},
};

TEST(MergePatchTest, Rfc7396AppendixA) {
    for (const auto& example : kRfc7396) {
        EXPECT_EQ(ApplyMergePatch(json::parse(example.target), json::parse(example.patch)), json::parse(example.result))
            << example.target << " + " << example.patch;
    }
}

TEST(DiffTest, DiffThenPatchReproducesTheTarget) {
    const json source = json::parse(R"({"a":1,"b":[1,2,3],"c":{"d":"x"},"gone":true})");
    const json target = json::parse(R"({"a":2,"b":[1,3],"c":{"d":"x","e":null},"new":[{}]})");
    const json diff = JsonDiff(source, target);
    ASSERT_TRUE(diff.is_array());
    EXPECT_FALSE(diff.empty());
    EXPECT_EQ(*ApplyJsonPatch(source, diff), target);
    EXPECT_TRUE(JsonDiff(source, source).empty());
}

TEST(ParseJsonTest, ErrorsNameTheOffsetAndDepthIsBounded) {
    const auto bad = ParseJson(R"({"a": tru})", "document");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("the document is not valid JSON (at byte"), std::string::npos);
    const std::string deep = std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
    const auto too_deep = ParseJson(deep, "patch");
    ASSERT_FALSE(too_deep.ok());
    EXPECT_NE(too_deep.status().message().find("nests deeper than"), std::string::npos);
    const std::string ok_depth = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
    EXPECT_TRUE(ParseJson(ok_depth, "patch").ok());
}

}  // namespace
}  // namespace gantry::db::json
