#include "gantry/db/parameters.hpp"

#include <gtest/gtest.h>

namespace gantry::db {
namespace {

Value Int(int64_t v) {
    Value out;
    out.set_int64_value(v);
    return out;
}

Value Txt(const std::string& s) {
    Value out;
    out.set_text_value(s);
    return out;
}

TEST(BindParameters, PositionalPassThrough) {
    auto b = BindParameters(Dialect::kPostgres, "SELECT $1", {Int(1)}, {});
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->sql, "SELECT $1");
    EXPECT_EQ(b->params.size(), 1u);
}

TEST(BindParameters, NamedBecomeDollarNumbersOnPostgresReusingRepeats) {
    auto b = BindParameters(Dialect::kPostgres, "SELECT :a, :b, :a", {}, {{"a", Int(1)}, {"b", Txt("x")}});
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    EXPECT_EQ(b->sql, "SELECT $1, $2, $1");
    ASSERT_EQ(b->params.size(), 2u);
    EXPECT_EQ(b->params[1].text_value(), "x");
}

TEST(BindParameters, NamedBecomeQuestionMarksElsewhere) {
    auto b = BindParameters(Dialect::kMariaDb, "SELECT :a, :b, :a", {}, {{"a", Int(1)}, {"b", Int(2)}});
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->sql, "SELECT ?, ?, ?");
    ASSERT_EQ(b->params.size(), 3u);
    EXPECT_EQ(b->params[2].int64_value(), 1);
}

TEST(BindParameters, LeavesStringsCommentsQuotedNamesAndCastsAlone) {
    const std::string sql =
        "SELECT ':x', \":x\", $$ :x $$, $t$ :x $t$, x::text /* :x */ -- :x\n, :x";
    auto b = BindParameters(Dialect::kPostgres, sql, {}, {{"x", Int(5)}});
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    EXPECT_EQ(b->sql, "SELECT ':x', \":x\", $$ :x $$, $t$ :x $t$, x::text /* :x */ -- :x\n, $1");
}

TEST(BindParameters, MariaDbBackslashEscapesAndBackticks) {
    auto b = BindParameters(Dialect::kMariaDb, "SELECT 'it\\'s :x', `:x`, :x", {}, {{"x", Int(5)}});
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    EXPECT_EQ(b->sql, "SELECT 'it\\'s :x', `:x`, ?");
}

TEST(BindParameters, MissingAndUnusedNamesAreRefused) {
    auto missing = BindParameters(Dialect::kSqlite, "SELECT :a, :b", {}, {{"a", Int(1)}});
    EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(missing.status().message().find(":b"), std::string::npos);
    auto unused = BindParameters(Dialect::kSqlite, "SELECT :a", {}, {{"a", Int(1)}, {"zz", Int(2)}});
    EXPECT_EQ(unused.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(unused.status().message().find("zz"), std::string::npos);
}

TEST(BindParameters, MixingPositionalAndNamedIsRefused) {
    auto b = BindParameters(Dialect::kSqlite, "SELECT ?, :a", {Int(1)}, {{"a", Int(1)}});
    EXPECT_EQ(b.status().code(), StatusCode::kInvalidArgument);
}

TEST(ValidateValue, RefusesMalformedTypedValues) {
    Value unset;
    EXPECT_EQ(ValidateValue(unset, "parameter 1").code(), StatusCode::kInvalidArgument);
    Value dec;
    dec.set_decimal_value("12.5.1");
    EXPECT_EQ(ValidateValue(dec, "p").code(), StatusCode::kInvalidArgument);
    dec.set_decimal_value("-12.50");
    EXPECT_TRUE(ValidateValue(dec, "p").ok());
    Value uuid;
    uuid.set_uuid_value("not-a-uuid");
    EXPECT_EQ(ValidateValue(uuid, "p").code(), StatusCode::kInvalidArgument);
    uuid.set_uuid_value("123e4567-e89b-12d3-a456-426614174000");
    EXPECT_TRUE(ValidateValue(uuid, "p").ok());
    Value json;
    json.set_json_value("{\"a\":");
    EXPECT_EQ(ValidateValue(json, "p").code(), StatusCode::kInvalidArgument);
    Value date;
    date.mutable_date_value()->set_year(2023);
    date.mutable_date_value()->set_month(2);
    date.mutable_date_value()->set_day(29);
    EXPECT_EQ(ValidateValue(date, "p").code(), StatusCode::kInvalidArgument);
}

TEST(MayNullOriginColumns, SpotsOuterJoinsSetOperationsAndGroupingSetsOutsideLiterals) {
    EXPECT_FALSE(MayNullOriginColumns(Dialect::kPostgres, "SELECT a.id FROM a JOIN b ON b.id = a.id WHERE a.x = $1"));
    EXPECT_TRUE(MayNullOriginColumns(Dialect::kPostgres, "SELECT b.id FROM a LEFT JOIN b ON b.id = a.id"));
    EXPECT_TRUE(MayNullOriginColumns(Dialect::kMariaDb, "select b.id from a right outer join b using (id)"));
    EXPECT_TRUE(MayNullOriginColumns(Dialect::kSqlite, "SELECT id FROM a FULL JOIN b USING (id)"));
    EXPECT_TRUE(MayNullOriginColumns(Dialect::kSqlite, "SELECT id FROM a UNION ALL SELECT NULL"));
    EXPECT_TRUE(MayNullOriginColumns(Dialect::kPostgres, "SELECT id FROM a INTERSECT SELECT id FROM b"));
    EXPECT_TRUE(MayNullOriginColumns(Dialect::kPostgres, "SELECT id FROM a EXCEPT SELECT id FROM b"));
    EXPECT_TRUE(MayNullOriginColumns(Dialect::kPostgres, "SELECT k, count(*) FROM a GROUP BY ROLLUP (k)"));
    EXPECT_TRUE(MayNullOriginColumns(Dialect::kPostgres, "SELECT k FROM a GROUP BY CUBE (k)"));
    EXPECT_TRUE(MayNullOriginColumns(Dialect::kPostgres, "SELECT k FROM a GROUP BY GROUPING SETS ((k), ())"));
    // Inside strings, quoted identifiers and comments the words do not count; within longer words neither.
    EXPECT_FALSE(MayNullOriginColumns(Dialect::kPostgres,
                                      "SELECT 'left join', \"union\" /* full */ FROM lefty -- right\n WHERE fuller"));
    EXPECT_FALSE(MayNullOriginColumns(Dialect::kMariaDb, "SELECT `left` FROM t # union\n"));
}

}  // namespace
}  // namespace gantry::db
