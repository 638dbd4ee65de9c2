#include "pg_types.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace gantry::db::pg {
namespace {

TEST(PgTypes, DecodesEachTypeFamily) {
    EXPECT_TRUE(Decode(16, "t")->bool_value());
    EXPECT_EQ(Decode(20, "-9223372036854775808")->int64_value(), INT64_MIN);
    EXPECT_EQ(Decode(701, "0.1")->double_value(), 0.1);
    EXPECT_TRUE(std::isinf(Decode(701, "-Infinity")->double_value()));
    EXPECT_EQ(Decode(1700, "12345678901234567890.000000000001")->decimal_value(), "12345678901234567890.000000000001");
    EXPECT_EQ(Decode(17, "\\x00ff")->bytes_value(), std::string("\x00\xff", 2));
    EXPECT_EQ(Decode(1184, "2024-01-02 03:04:05.5+00")->timestamp_value().epoch_micros(), 1704164645500000);
    EXPECT_TRUE(Decode(1184, "2024-01-02 03:04:05+00")->timestamp_value().has_time_zone());
    EXPECT_FALSE(Decode(1114, "2024-01-02 03:04:05")->timestamp_value().has_time_zone());
    EXPECT_EQ(Decode(1114, "infinity")->text_value(), "infinity");
    EXPECT_EQ(Decode(1082, "2024-01-02")->date_value().month(), 1);
    EXPECT_EQ(Decode(1266, "03:04:05+02")->time_value().utc_offset_seconds(), 7200);
    EXPECT_EQ(Decode(3802, "{\"a\": 1}")->json_value(), "{\"a\": 1}");
    EXPECT_EQ(Decode(2950, "123e4567-e89b-12d3-a456-426614174000")->uuid_value(),
              "123e4567-e89b-12d3-a456-426614174000");
    EXPECT_EQ(Decode(1007, "{1,NULL,3}")->json_value(), "[1,null,3]");
    EXPECT_EQ(Decode(1231, "{1.10,2}")->json_value(), "[\"1.10\",\"2\"]");
    EXPECT_EQ(Decode(1009, "{\"a,b\",c}")->json_value(), "[\"a,b\",\"c\"]");
    EXPECT_EQ(Decode(99999, "(1,2)")->text_value(), "(1,2)");
    EXPECT_FALSE(Decode(20, "x").ok());
    EXPECT_FALSE(Decode(20, "12x").ok());
    EXPECT_FALSE(Decode(20, "").ok());
    EXPECT_FALSE(Decode(20, "9223372036854775808").ok());  // out of range is malformed, not clamped
    EXPECT_EQ(Decode(23, "-42")->int64_value(), -42);
    EXPECT_EQ(Decode(Describe(20), 20, "7")->int64_value(), 7);  // the per-result lookup form
    EXPECT_EQ(Decode(Describe(1700), 1700, "1.50")->decimal_value(), "1.50");
    EXPECT_EQ(Decode(26, "4294967295")->int64_value(), 4294967295);
}

TEST(PgTypes, NamesAndLogicalTypes) {
    EXPECT_EQ(TypeName(23), "int4");
    EXPECT_EQ(TypeName(424242), "oid:424242");
    EXPECT_EQ(Describe(1016).type, common::v1::VALUE_TYPE_JSON);
    EXPECT_EQ(Describe(1700).type, common::v1::VALUE_TYPE_DECIMAL);
}

TEST(PgTypes, EncodesParametersAsText) {
    common::v1::Value v;
    v.set_bool_value(false);
    EXPECT_EQ(EncodeText(v), "f");
    v.mutable_timestamp_value()->set_epoch_micros(0);
    v.mutable_timestamp_value()->set_has_time_zone(true);
    EXPECT_EQ(EncodeText(v), "1970-01-01 00:00:00.000000+00:00");
    v.set_double_value(1.0 / 3);
    EXPECT_EQ(std::stod(EncodeText(v)), 1.0 / 3);
}

TEST(PgTypes, CopyFieldsAreEscaped) {
    std::string out;
    common::v1::Value v;
    v.set_text_value("a\tb\nc\\d");
    AppendCopyField(out, v);
    EXPECT_EQ(out, "a\\tb\\nc\\\\d");
    out.clear();
    v.set_null_value(google::protobuf::NULL_VALUE);
    AppendCopyField(out, v);
    EXPECT_EQ(out, "\\N");
    out.clear();
    v.set_text_value("\\N");  // the text "\N" is not NULL
    AppendCopyField(out, v);
    EXPECT_EQ(out, "\\\\N");
    out.clear();
    v.set_bytes_value(std::string("\x01\xab", 2));
    AppendCopyField(out, v);
    EXPECT_EQ(out, "\\\\x01ab");
}

}  // namespace
}  // namespace gantry::db::pg
