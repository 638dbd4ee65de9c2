#include "gantry/resolve/python_protocol.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "gantry/resolve/v1/projects.pb.h"
#include "gantry/resolve/v1/timelines.pb.h"

namespace gantry::resolve {
namespace {

TEST(PythonProtocolTest, CallCarriesMethodAndSnakeCaseParamsWithDefaults) {
    v1::AppendClipsRequest request;
    request.set_timeline_id("t1");
    auto* clip = request.add_clips();
    clip->set_clip_id("c1");
    clip->set_end_frame(24);
    const auto json = nlohmann::json::parse(EncodeCall("AppendClips", request));
    EXPECT_EQ(json["method"], "AppendClips");
    EXPECT_EQ(json["params"]["timeline_id"], "t1");
    EXPECT_EQ(json["params"]["clips"][0]["end_frame"], 24);
    EXPECT_EQ(json["params"]["clips"][0]["track_index"], 0);           // primitives always present
    EXPECT_FALSE(json["params"]["clips"][0].contains("start_frame"));  // unset optional fields absent
}

TEST(PythonProtocolTest, OkReplyFillsTheResponse) {
    v1::CreateProjectResponse response;
    ASSERT_TRUE(
        DecodeReply("CreateProject", R"({"ok":true,"result":{"project":{"name":"A","is_current":true}}})", response)
            .ok());
    EXPECT_EQ(response.project().name(), "A");
    EXPECT_TRUE(response.project().is_current());
}

TEST(PythonProtocolTest, ErrorReplyKeepsCodeAndMessage) {
    v1::CreateProjectResponse response;
    const auto status =
        DecodeReply("CreateProject", R"({"ok":false,"code":"ALREADY_EXISTS","message":"taken"})", response);
    EXPECT_EQ(status.code(), StatusCode::kAlreadyExists);
    EXPECT_EQ(status.message(), "taken");
    EXPECT_EQ(DecodeReply("X", R"({"ok":false,"code":"WHAT","message":"m"})", response).code(), StatusCode::kUnknown);
}

TEST(PythonProtocolTest, MalformedRepliesAreInternalErrorsNamingTheMethod) {
    v1::CreateProjectResponse response;
    const auto garbage = DecodeReply("CreateProject", "not json", response);
    EXPECT_EQ(garbage.code(), StatusCode::kInternal);
    EXPECT_NE(garbage.message().find("CreateProject"), std::string::npos);
    const auto wrong_shape = DecodeReply("CreateProject", R"({"ok":true,"result":{"no_such_field":1}})", response);
    EXPECT_EQ(wrong_shape.code(), StatusCode::kInternal);
    EXPECT_NE(wrong_shape.message().find("does not fit"), std::string::npos);
}

TEST(PythonProtocolTest, ConnectReply) {
    const auto up = DecodeConnectReply("embedded", R"({"ok":true,"result":{"product":"P","version":"20.1"}})");
    EXPECT_TRUE(up.available);
    EXPECT_EQ(up.backend, "embedded");
    EXPECT_EQ(up.product, "P");
    const auto down = DecodeConnectReply("embedded", R"({"ok":false,"code":"UNAVAILABLE","message":"not running"})");
    EXPECT_FALSE(down.available);
    EXPECT_EQ(down.reason, "embedded: not running");
}

}  // namespace
}  // namespace gantry::resolve
