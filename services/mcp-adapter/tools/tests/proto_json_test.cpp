#include "gantry/client/proto_json.hpp"

#include <gtest/gtest.h>

#include "gantry/mcp_fixture/v1/fixture.pb.h"

namespace gantry::client {
namespace {

using Json = nlohmann::json;
using namespace gantry::mcp_fixture::v1;

TEST(ProtoJson, ArgumentsBecomeARequestMessage) {
    auto m = JsonToMessage(Json{{"message", "hi"},
                                {"repeat", 2},
                                {"big", 9007199254740993},
                                {"mood", "MOOD_HAPPY"},
                                {"tags", {"a", "b"}},
                                {"point", {{"x", 1.5}}},
                                {"counts", {{"k", 3}}},
                                {"blob", "aGk="},
                                {"at", "2026-01-02T03:04:05Z"},
                                {"user", "ann"}},
                           EchoRequest::descriptor());
    ASSERT_TRUE(m.ok()) << m.status().message();
    const auto& r = dynamic_cast<const EchoRequest&>(**m);
    EXPECT_EQ(r.message(), "hi");
    EXPECT_EQ(r.repeat(), 2);
    EXPECT_EQ(r.big(), 9007199254740993LL);
    EXPECT_EQ(r.mood(), MOOD_HAPPY);
    EXPECT_EQ(r.tags_size(), 2);
    EXPECT_EQ(r.point().x(), 1.5);
    EXPECT_EQ(r.counts().at("k"), 3);
    EXPECT_EQ(r.blob(), "hi");
    EXPECT_EQ(r.at().seconds(), 1767323045);
    EXPECT_EQ(r.user(), "ann");
}

TEST(ProtoJson, NullOrMissingArgumentsAreTheEmptyMessage) {
    auto m = JsonToMessage(nullptr, EchoRequest::descriptor());
    ASSERT_TRUE(m.ok());
    EXPECT_EQ((*m)->ByteSizeLong(), 0u);
}

TEST(ProtoJson, BadArgumentsAreInvalidArgumentNamingTheProblem) {
    auto unknown = JsonToMessage(Json{{"nope", 1}}, EchoRequest::descriptor());
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(unknown.status().message().find("nope"), std::string::npos) << unknown.status().message();

    auto wrong_type = JsonToMessage(Json{{"repeat", "many"}}, EchoRequest::descriptor());
    ASSERT_FALSE(wrong_type.ok());
    EXPECT_EQ(wrong_type.status().code(), StatusCode::kInvalidArgument);

    auto bad_enum = JsonToMessage(Json{{"mood", "MOOD_SLEEPY"}}, EchoRequest::descriptor());
    EXPECT_FALSE(bad_enum.ok());

    auto not_object = JsonToMessage(Json::array(), EchoRequest::descriptor());
    ASSERT_FALSE(not_object.ok());
    EXPECT_EQ(not_object.status().code(), StatusCode::kInvalidArgument);
}

TEST(ProtoJson, ResponsesPrintEveryScalarWithProtoNames) {
    EchoResponse r;
    r.set_text("x");
    r.mutable_request()->set_big(-5);
    r.mutable_request()->set_big_unsigned(7);
    auto j = BytesToJson(r.SerializeAsString(), EchoResponse::descriptor());
    ASSERT_TRUE(j.ok()) << j.status().message();
    EXPECT_EQ(j->at("text"), "x");
    EXPECT_EQ(j->at("request").at("big"), "-5");
    EXPECT_EQ(j->at("request").at("big_unsigned"), "7");
    EXPECT_EQ(j->at("request").at("repeat"), 0);  // unset scalars are printed
    EXPECT_EQ(j->at("request").at("mood"), "MOOD_UNSPECIFIED");
    EXPECT_EQ(j->at("request").at("tags"), Json::array());
}

TEST(ProtoJson, GarbageBytesAreDataLoss) {
    auto j = BytesToJson(std::string("\xff\xff\xff", 3), EchoResponse::descriptor());
    ASSERT_FALSE(j.ok());
    EXPECT_EQ(j.status().code(), StatusCode::kDataLoss);
}

TEST(ProtoJson, RoundTrip) {
    const Json in{{"name", "root"}, {"children", {{{"name", "leaf"}, {"children", Json::array()}}}}};
    auto m = JsonToMessage(in, TreeNode::descriptor());
    ASSERT_TRUE(m.ok());
    auto out = MessageToJson(**m);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(*out, in);
}

}  // namespace
}  // namespace gantry::client
