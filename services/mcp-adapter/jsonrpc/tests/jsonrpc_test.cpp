#include "gantry/mcp/jsonrpc.hpp"

#include <gtest/gtest.h>

namespace gantry::mcp::jsonrpc {
namespace {

int ErrorCode(const Parsed& parsed) {
    EXPECT_FALSE(parsed.message.has_value());
    return parsed.error.at("error").at("code").get<int>();
}

TEST(JsonRpcParse, RequestWithIntegerAndStringIds) {
    auto a = Parse(R"({"jsonrpc":"2.0","id":7,"method":"ping"})");
    ASSERT_TRUE(a.message);
    EXPECT_TRUE(a.message->is_request());
    EXPECT_EQ(a.message->id, 7);
    EXPECT_EQ(a.message->method, "ping");
    EXPECT_TRUE(a.message->params.is_null());

    auto b = Parse(R"({"jsonrpc":"2.0","id":"abc","method":"tools/list","params":{"cursor":"x"}})");
    ASSERT_TRUE(b.message);
    EXPECT_EQ(b.message->id, "abc");
    EXPECT_EQ(b.message->params.at("cursor"), "x");
}

TEST(JsonRpcParse, NotificationAndResponse) {
    auto n = Parse(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
    ASSERT_TRUE(n.message);
    EXPECT_EQ(n.message->kind, Message::Kind::kNotification);

    auto r = Parse(R"({"jsonrpc":"2.0","id":3,"result":{}})");
    ASSERT_TRUE(r.message);
    EXPECT_EQ(r.message->kind, Message::Kind::kResponse);
}

TEST(JsonRpcParse, BadJsonIsParseError) {
    auto p = Parse("{\"jsonrpc\":\"2.0\",");
    EXPECT_EQ(ErrorCode(p), kParseError);
    EXPECT_TRUE(p.error.at("id").is_null());
    EXPECT_EQ(ErrorCode(Parse("")), kParseError);
    EXPECT_EQ(ErrorCode(Parse("\xff\xfe")), kParseError);
}

TEST(JsonRpcParse, WrongShapesAreInvalidRequests) {
    EXPECT_EQ(ErrorCode(Parse("[]")), kInvalidRequest);
    EXPECT_EQ(ErrorCode(Parse(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])")), kInvalidRequest);
    EXPECT_EQ(ErrorCode(Parse("42")), kInvalidRequest);
    EXPECT_EQ(ErrorCode(Parse(R"({"id":1,"method":"ping"})")), kInvalidRequest);
    EXPECT_EQ(ErrorCode(Parse(R"({"jsonrpc":"1.0","id":1,"method":"ping"})")), kInvalidRequest);
    EXPECT_EQ(ErrorCode(Parse(R"({"jsonrpc":"2.0","id":1,"method":5})")), kInvalidRequest);
    EXPECT_EQ(ErrorCode(Parse(R"({"jsonrpc":"2.0","id":1,"method":""})")), kInvalidRequest);
    EXPECT_EQ(ErrorCode(Parse(R"({"jsonrpc":"2.0","id":1})")), kInvalidRequest);
}

TEST(JsonRpcParse, IdMustBeStringOrInteger) {
    for (const char* text : {R"({"jsonrpc":"2.0","id":null,"method":"ping"})",
                             R"({"jsonrpc":"2.0","id":1.5,"method":"ping"})",
                             R"({"jsonrpc":"2.0","id":true,"method":"ping"})",
                             R"({"jsonrpc":"2.0","id":{"a":1},"method":"ping"})"}) {
        auto p = Parse(text);
        EXPECT_EQ(ErrorCode(p), kInvalidRequest) << text;
        EXPECT_TRUE(p.error.at("id").is_null()) << text;
    }
}

TEST(JsonRpcParse, NonObjectParamsKeepTheRequestId) {
    auto p = Parse(R"({"jsonrpc":"2.0","id":9,"method":"tools/list","params":[1,2]})");
    EXPECT_EQ(ErrorCode(p), kInvalidParams);
    EXPECT_EQ(p.error.at("id"), 9);
    EXPECT_EQ(ErrorCode(Parse(R"({"jsonrpc":"2.0","method":"x","params":"s"})")), kInvalidRequest);
}

TEST(JsonRpcParse, DeepNestingIsRefusedBeforeParsing) {
    const auto nested = [](int depth) {
        return R"({"jsonrpc":"2.0","id":1,"method":"x","params":{"a":)" + std::string(depth, '[') +
               std::string(depth, ']') + "}}";
    };
    EXPECT_TRUE(Parse(nested(kMaxNestingDepth - 2)).message);
    EXPECT_EQ(ErrorCode(Parse(nested(kMaxNestingDepth))), kInvalidRequest);
    EXPECT_EQ(ErrorCode(Parse(nested(1000000))), kInvalidRequest);
    // Brackets inside strings (escaped quotes too) do not count.
    const std::string in_string = R"({"jsonrpc":"2.0","id":1,"method":"x","params":{"a":"\"[[[[)" +
                                  std::string(1000, '[') + R"("}})";
    EXPECT_TRUE(Parse(in_string).message) << Parse(in_string).error;
}

TEST(JsonRpcErrors, StatusMapsThroughTheCommonTable) {
    auto e = MakeError(4, InvalidArgumentError("bad level").WithReason("BAD_LEVEL"));
    EXPECT_EQ(e.at("error").at("code"), kInvalidParams);
    EXPECT_EQ(e.at("error").at("message"), "bad level");
    EXPECT_EQ(e.at("error").at("data").at("reason"), "BAD_LEVEL");
    EXPECT_EQ(MakeError(4, UnimplementedError("x")).at("error").at("code"), kMethodNotFound);
    EXPECT_EQ(MakeError(4, UnavailableError("x")).at("error").at("code"), kInternalError);
}

TEST(JsonRpcSerialize, OneLineAndNeverThrowsOnBadUtf8) {
    Json j{{"text", "a\nb"}, {"bad", std::string("\xff")}};
    const auto line = Serialize(j);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_NE(line.find("\\n"), std::string::npos);
    EXPECT_NE(IdKey(Json(1)), IdKey(Json("1")));
}

}  // namespace
}  // namespace gantry::mcp::jsonrpc
