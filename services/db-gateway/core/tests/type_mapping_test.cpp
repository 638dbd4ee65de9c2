#include "gantry/db/type_mapping.hpp"

#include <gtest/gtest.h>

namespace gantry::db {
namespace {

TEST(TypeMapping, CivilDaysRoundTrip) {
    EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
    EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
    for (int64_t d : {-719468, -1, 0, 1, 11016, 19000, 2932896}) {
        const auto c = CivilFromDays(d);
        EXPECT_EQ(DaysFromCivil(c.year(), static_cast<unsigned>(c.month()), static_cast<unsigned>(c.day())), d);
    }
}

TEST(TypeMapping, TimestampsWithAndWithoutZones) {
    auto utc = ParseTimestamp("2024-02-29 12:34:56.789012+00");
    ASSERT_TRUE(utc);
    EXPECT_TRUE(utc->has_time_zone());
    EXPECT_EQ(utc->epoch_micros(), 1709210096789012);
    auto offset = ParseTimestamp("2024-02-29T14:34:56.789012+02:00");
    ASSERT_TRUE(offset);
    EXPECT_EQ(offset->epoch_micros(), utc->epoch_micros());
    EXPECT_EQ(offset->utc_offset_seconds(), 7200);
    auto local = ParseTimestamp("2024-02-29 12:34:56");
    ASSERT_TRUE(local);
    EXPECT_FALSE(local->has_time_zone());
    EXPECT_EQ(local->epoch_micros(), 1709210096000000);
    EXPECT_TRUE(ParseTimestamp("2024-02-29 12:34:56", true)->has_time_zone());
    EXPECT_EQ(FormatTimestamp(*utc, true), "2024-02-29 12:34:56.789012+00:00");
    EXPECT_EQ(FormatTimestamp(*local, true), "2024-02-29 12:34:56.000000");
    common::v1::Timestamp before_epoch;
    before_epoch.set_epoch_micros(-1);
    EXPECT_EQ(FormatTimestamp(before_epoch, false), "1969-12-31 23:59:59.999999");
    EXPECT_FALSE(ParseTimestamp("infinity"));
    EXPECT_FALSE(ParseTimestamp("2023-02-29 00:00:00"));
}

TEST(TypeMapping, DatesAndTimes) {
    auto d = ParseDate("0001-01-01");
    ASSERT_TRUE(d);
    EXPECT_EQ(FormatDate(*d), "0001-01-01");
    EXPECT_FALSE(ParseDate("2024-13-01"));
    auto t = ParseTime("23:59:59.5");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->micros_since_midnight(), 86399500000);
    EXPECT_EQ(FormatTime(*t), "23:59:59.500000");
    auto tz = ParseTime("10:00:00-05:30");
    ASSERT_TRUE(tz);
    EXPECT_TRUE(tz->has_time_zone());
    EXPECT_EQ(tz->utc_offset_seconds(), -19800);
    EXPECT_EQ(FormatTime(*tz), "10:00:00.000000-05:30");
}

TEST(TypeMapping, DecimalAndUuidText) {
    for (auto ok : {"0", "-1.5", "+3.", ".5", "1e10", "NaN", "123456789012345678901234567890.000001"}) {
        EXPECT_TRUE(IsDecimalText(ok)) << ok;
    }
    for (auto bad : {"", "-", "1.2.3", "1e", "abc", "1,5"}) EXPECT_FALSE(IsDecimalText(bad)) << bad;
    EXPECT_TRUE(IsUuidText("123E4567-e89b-12d3-a456-426614174000"));
    EXPECT_FALSE(IsUuidText("123e4567e89b12d3a456426614174000"));
}

TEST(TypeMapping, HexRoundTrip) {
    const std::string bytes("\x00\x01\xfe\xff", 4);
    EXPECT_EQ(HexEncode(bytes), "0001feff");
    EXPECT_EQ(*HexDecode("0001FEff"), bytes);
    EXPECT_FALSE(HexDecode("abc"));
    EXPECT_FALSE(HexDecode("zz"));
}

TEST(TypeMapping, PgArraysBecomeJson) {
    EXPECT_EQ(*PgArrayToJson("{1,2,NULL}", true, false), "[1,2,null]");
    EXPECT_EQ(*PgArrayToJson("{{1,2},{3,4}}", true, false), "[[1,2],[3,4]]");
    EXPECT_EQ(*PgArrayToJson("{a,\"b c\",\"NULL\",\"q\\\"x\"}", false, false), "[\"a\",\"b c\",\"NULL\",\"q\\\"x\"]");
    EXPECT_EQ(*PgArrayToJson("{t,f}", false, true), "[true,false]");
    EXPECT_EQ(*PgArrayToJson("{}", true, false), "[]");
    EXPECT_EQ(*PgArrayToJson("{1.5,NaN}", true, false), "[1.5,\"NaN\"]");
    EXPECT_FALSE(PgArrayToJson("{1,2", true, false).ok());
}

TEST(TypeMapping, DoublesRoundTrip) {
    EXPECT_EQ(std::stod(FormatDouble(0.1)), 0.1);
    EXPECT_EQ(FormatDouble(1e300), "1e+300");
}

}  // namespace
}  // namespace gantry::db
