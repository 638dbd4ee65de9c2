#include "mariadb_values.hpp"

#include <gtest/gtest.h>

namespace gantry::db::mariadb {
namespace {

MYSQL_FIELD Field(enum_field_types type, unsigned flags = 0, unsigned charset = 45) {
    MYSQL_FIELD f{};
    f.type = type;
    f.flags = flags;
    f.charsetnr = charset;
    return f;
}

TEST(MariaDbValues, ColumnTypes) {
    EXPECT_EQ(ColumnType(Field(MYSQL_TYPE_LONGLONG)), common::v1::VALUE_TYPE_INT64);
    EXPECT_EQ(ColumnType(Field(MYSQL_TYPE_LONGLONG, UNSIGNED_FLAG)), common::v1::VALUE_TYPE_DECIMAL);
    EXPECT_EQ(ColumnType(Field(MYSQL_TYPE_NEWDECIMAL)), common::v1::VALUE_TYPE_DECIMAL);
    EXPECT_EQ(ColumnType(Field(MYSQL_TYPE_BLOB, 0, 63)), common::v1::VALUE_TYPE_BYTES);
    EXPECT_EQ(ColumnType(Field(MYSQL_TYPE_BLOB)), common::v1::VALUE_TYPE_TEXT);
    EXPECT_EQ(ColumnType(Field(MYSQL_TYPE_DATETIME)), common::v1::VALUE_TYPE_TIMESTAMP);
    EXPECT_EQ(ColumnTypeName(Field(MYSQL_TYPE_LONGLONG, UNSIGNED_FLAG)), "BIGINT UNSIGNED");
    EXPECT_EQ(ColumnTypeName(Field(MYSQL_TYPE_VAR_STRING, 0, 63)), "VARBINARY");
}

TEST(MariaDbValues, DecodesUnsignedBigintExactlyAndTimestampsAsUtc) {
    EXPECT_EQ(DecodeInt(Field(MYSQL_TYPE_LONGLONG, UNSIGNED_FLAG), -1).decimal_value(), "18446744073709551615");
    EXPECT_EQ(DecodeInt(Field(MYSQL_TYPE_LONG, UNSIGNED_FLAG), -1).int64_value(), 4294967295LL);
    auto ts = DecodeBytes(Field(MYSQL_TYPE_TIMESTAMP), "2024-01-02 03:04:05.000001");
    ASSERT_TRUE(ts.ok());
    EXPECT_TRUE(ts->timestamp_value().has_time_zone());
    auto dt = DecodeBytes(Field(MYSQL_TYPE_DATETIME), "2024-01-02 03:04:05");
    EXPECT_FALSE(dt->timestamp_value().has_time_zone());
    EXPECT_EQ(DecodeBytes(Field(MYSQL_TYPE_DATE), "0000-00-00")->text_value(), "0000-00-00");
    EXPECT_EQ(DecodeBytes(Field(MYSQL_TYPE_NEWDECIMAL), "-1.50")->decimal_value(), "-1.50");
    EXPECT_EQ(DecodeBytes(Field(MYSQL_TYPE_BLOB, 0, 63), std::string("\0\1", 2))->bytes_value(), std::string("\0\1", 2));
}

TEST(MariaDbValues, BindsParametersByType) {
    std::vector<common::v1::Value> params(4);
    params[0].set_int64_value(5);
    params[1].set_bytes_value("ab");
    params[2].set_null_value(google::protobuf::NULL_VALUE);
    params[3].mutable_timestamp_value()->set_epoch_micros(0);
    ParamBuffers b;
    BindParams(params, b);
    EXPECT_EQ(b.binds[0].buffer_type, MYSQL_TYPE_LONGLONG);
    EXPECT_EQ(*static_cast<long long*>(b.binds[0].buffer), 5);
    EXPECT_EQ(b.binds[1].buffer_type, MYSQL_TYPE_BLOB);
    EXPECT_EQ(b.binds[1].buffer_length, 2u);
    EXPECT_EQ(b.binds[2].buffer_type, MYSQL_TYPE_NULL);
    EXPECT_EQ(std::string(static_cast<char*>(b.binds[3].buffer), b.binds[3].buffer_length),
              "1970-01-01 00:00:00.000000");
}

}  // namespace
}  // namespace gantry::db::mariadb
