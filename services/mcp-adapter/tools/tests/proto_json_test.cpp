#include "gantry/client/proto_json.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "gantry/common/v1/value.pb.h"
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

// BytesToJson prints by reflection; the protobuf library's printer (BytesToJsonReference) is the reference.
void ExpectSameAsReference(const google::protobuf::Message& m) {
    const auto bytes = m.SerializeAsString();
    auto fast = BytesToJson(bytes, m.GetDescriptor());
    auto reference = BytesToJsonReference(bytes, m.GetDescriptor());
    ASSERT_TRUE(fast.ok()) << fast.status().message();
    ASSERT_TRUE(reference.ok()) << reference.status().message();
    EXPECT_EQ(fast->dump(), reference->dump());  // the same text, not only equal values (0 is not 0.0)
}

TEST(ProtoJson, PrintsLikeTheProtobufPrinterEmptyMessages) {
    ExpectSameAsReference(EchoRequest());
    ExpectSameAsReference(EchoResponse());
    ExpectSameAsReference(TreeNode());
    ExpectSameAsReference(StatsResponse());
    ExpectSameAsReference(gantry::common::v1::Row());
    ExpectSameAsReference(gantry::common::v1::Column());
}

TEST(ProtoJson, PrintsLikeTheProtobufPrinterEveryFieldKind) {
    EchoRequest r;
    r.set_message("h\u00e9llo \"quoted\"\n");
    r.set_repeat(-3);
    r.set_big(std::numeric_limits<int64_t>::min());
    r.set_shout(true);
    r.set_mood(MOOD_GRUMPY);
    r.add_tags("a");
    r.add_tags("");
    r.mutable_point()->set_x(1.5);
    r.mutable_point()->set_y(-0.1);
    (*r.mutable_counts())["k"] = 3;
    (*r.mutable_counts())["j"] = 0;
    r.set_blob(std::string("\x00\xff\x10\x7f", 4));
    r.mutable_at()->set_seconds(1767323045);
    r.mutable_at()->set_nanos(120000000);
    r.set_group(0);  // a oneof member set to its default is still printed
    r.set_note("");  // proto3 optional, set to its default
    r.mutable_limit()->set_value(0);
    auto& fields = *r.mutable_extra()->mutable_fields();
    fields["n"].set_number_value(2.25);
    fields["s"].set_string_value("x");
    fields["b"].set_bool_value(false);
    fields["z"].set_null_value(google::protobuf::NULL_VALUE);
    fields["l"].mutable_list_value()->add_values()->set_number_value(1);
    (*fields["o"].mutable_struct_value()->mutable_fields())["inner"].set_string_value("y");
    r.add_path()->set_x(2);
    r.add_path();
    r.set_big_unsigned(std::numeric_limits<uint64_t>::max());
    r.set_ratio(0.1f);
    ExpectSameAsReference(r);

    EchoResponse response;
    response.set_text("t");
    *response.mutable_request() = r;
    ExpectSameAsReference(response);
}

TEST(ProtoJson, PrintsLikeTheProtobufPrinterEdgeValues) {
    for (const std::string blob : {"", "a", "ab", "abc", "abcd"}) {
        EchoRequest r;
        r.set_blob(blob);
        ExpectSameAsReference(r);
    }
    for (const int nanos : {0, 1, 1000, 1000000, 999999999}) {
        for (const int64_t seconds : {int64_t{0}, int64_t{-1}, int64_t{-62135596800}, int64_t{253402300799}, int64_t{951782400}}) {
            EchoRequest r;
            r.mutable_at()->set_seconds(seconds);
            r.mutable_at()->set_nanos(nanos);
            ExpectSameAsReference(r);
        }
    }
    for (const float ratio : {0.0f, 1e-7f, 3.4028235e38f, std::numeric_limits<float>::quiet_NaN(),
                              -std::numeric_limits<float>::infinity()}) {
        EchoRequest r;
        r.set_ratio(ratio);
        r.mutable_point()->set_x(std::numeric_limits<double>::infinity());
        ExpectSameAsReference(r);
    }
    EchoRequest unknown_enum;
    unknown_enum.set_mood(static_cast<Mood>(42));
    ExpectSameAsReference(unknown_enum);
    TreeNode tree;
    tree.set_name("root");
    tree.add_children()->add_children()->set_name("leaf");
    ExpectSameAsReference(tree);
}

// The rows of db-gateway's and turso-sync's query results (the test links no service protos, so that the tool
// registry tests see the fixture's tools only).
TEST(ProtoJson, PrintsLikeTheProtobufPrinterDatabaseValues) {
    gantry::common::v1::Column column;
    column.set_name("v");
    column.set_type(gantry::common::v1::VALUE_TYPE_TEXT);
    column.set_database_type("TEXT");
    column.set_nullable(true);
    ExpectSameAsReference(column);
    gantry::common::v1::Row row;
    row.add_values()->set_null_value(google::protobuf::NULL_VALUE);
    row.add_values()->set_bool_value(false);
    row.add_values()->set_int64_value(0);
    row.add_values()->set_double_value(-2.5e-300);
    row.add_values()->set_double_value(1e15);
    row.add_values()->set_double_value(3);
    row.add_values()->set_decimal_value("1.10");
    row.add_values()->set_text_value("one");
    row.add_values()->set_bytes_value("xyz");
    row.add_values()->mutable_timestamp_value()->set_epoch_micros(-1);
    row.add_values()->mutable_date_value()->set_year(2026);
    row.add_values()->mutable_time_value();
    row.add_values()->set_json_value("{}");
    row.add_values()->set_uuid_value("00000000-0000-0000-0000-000000000000");
    row.add_values();  // no kind set
    ExpectSameAsReference(row);
}

TEST(ProtoJson, ValuesTheFastPrinterLeavesToTheProtobufPrinter) {
    EchoRequest r;
    r.mutable_at()->set_seconds(253402300800);  // past year 9999: the protobuf printer refuses it
    auto fast = BytesToJson(r.SerializeAsString(), EchoRequest::descriptor());
    auto reference = BytesToJsonReference(r.SerializeAsString(), EchoRequest::descriptor());
    EXPECT_EQ(fast.ok(), reference.ok());
    EXPECT_EQ(fast.status().code(), reference.status().code());
    EchoRequest empty_value;
    (*empty_value.mutable_extra()->mutable_fields())["unset"];
    ExpectSameAsReference(empty_value);
}

// JsonToBytes converts plain arguments by reflection and hands everything else to the protobuf parser; either
// way the bytes (or the refusal) must be those of the protobuf parser alone.
void ExpectSameBytesAsReference(const Json& arguments, const google::protobuf::Descriptor* type) {
    auto fast = JsonToBytes(arguments, type);
    auto reference = JsonToBytesReference(arguments, type);
    ASSERT_EQ(fast.ok(), reference.ok()) << arguments.dump() << ": " << fast.status().message() << " / "
                                         << reference.status().message();
    if (!fast.ok()) {
        EXPECT_EQ(fast.status().message(), reference.status().message());
        return;
    }
    // The same message; the protobuf parser writes fields in the order of the JSON keys, a message in field order.
    std::unique_ptr<google::protobuf::Message> a(
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
    std::unique_ptr<google::protobuf::Message> b(a->New());
    ASSERT_TRUE(a->ParseFromString(*fast));
    ASSERT_TRUE(b->ParseFromString(*reference));
    EXPECT_EQ(a->SerializeAsString(), b->SerializeAsString()) << arguments.dump();
}

TEST(ProtoJson, ParsesLikeTheProtobufParser) {
    const auto* echo = EchoRequest::descriptor();
    for (const auto& arguments : {
             Json{{"message", "hi"}, {"repeat", 2}, {"shout", true}, {"mood", "MOOD_HAPPY"}, {"tags", {"a", ""}}},
             Json{{"big", 9007199254740993}, {"big_unsigned", 18446744073709551615ULL}, {"ratio", 0.1}},
             Json{{"bigUnsigned", 0}, {"ratio", 3}, {"point", {{"x", 1.5}, {"y", -2}}}},
             Json{{"path", {{{"x", 1}}, Json::object()}}, {"group", 0}, {"note", ""}},
             Json{{"user", "ann"}, {"repeat", -2147483648}},
             Json{{"message", "h\u00e9llo"}, {"point", Json::object()}},
             // handed to the protobuf parser: it accepts these, or refuses them with its own words
             Json{{"big", "42"}},
             Json{{"repeat", 1.0}},
             Json{{"repeat", 2147483648}},
             Json{{"big_unsigned", -1}},
             Json{{"ratio", 1e300}},
             Json{{"mood", 1}},
             Json{{"mood", "MOOD_SLEEPY"}},
             Json{{"message", nullptr}},
             Json{{"blob", "aGk="}},
             Json{{"counts", {{"k", 3}}}},
             Json{{"at", "2026-01-02T03:04:05Z"}},
             Json{{"limit", 5}},
             Json{{"extra", {{"a", {1, "b", nullptr}}}}},
             Json{{"user", "ann"}, {"group", 1}},
             Json{{"big_unsigned", 1}, {"bigUnsigned", 2}},
             Json{{"tags", {"a", nullptr}}},
             Json{{"tags", "a"}},
             Json{{"point", {{"z", 1}}}},
             Json{{"nope", 1}},
             Json{{"shout", "yes"}},
         }) {
        ExpectSameBytesAsReference(arguments, echo);
    }
    ExpectSameBytesAsReference(Json{{"name", "root"}, {"children", {{{"name", "leaf"}}}}}, TreeNode::descriptor());
}

}  // namespace
}  // namespace gantry::client
