// Identifier quoting and the errors a malformed or unsupported statement gets.
#include <gtest/gtest.h>

#include "gantry/db/querybuilder/build.hpp"
#include "gantry/db/querybuilder/sql.hpp"

namespace gantry::db::querybuilder {
namespace {

using namespace gantry::db::querybuilder::sql;  // NOLINT(google-build-using-namespace)
using gantry::db::v1::SqlDialect;
using gantry::db::v1::SqlStatement;

constexpr SqlDialect kPg = SqlDialect::SQL_DIALECT_POSTGRESQL;
constexpr SqlDialect kMy = SqlDialect::SQL_DIALECT_MYSQL;
constexpr SqlDialect kLite = SqlDialect::SQL_DIALECT_SQLITE;
constexpr SqlDialect kMs = SqlDialect::SQL_DIALECT_MSSQL;

SqlStatement SelectColumn(std::string column) {
    SqlStatement s;
    *s.mutable_select() = Select({Item(Col(std::move(column)))}, From("t"));
    return s;
}

StatusOr<BuiltQuery> Build(SqlDialect dialect, const SqlSelect& select) {
    SqlStatement s;
    *s.mutable_select() = select;
    return BuildQuery(dialect, s);
}

void ExpectInvalid(const StatusOr<BuiltQuery>& built, std::string_view fragment) {
    ASSERT_FALSE(built.ok()) << "built: " << built->sql;
    EXPECT_EQ(built.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(built.status().message().find(fragment), std::string::npos) << built.status().message();
}

TEST(IdentifierTest, QuotesAreEscapedByDoubling) {
    EXPECT_EQ(BuildQuery(kPg, SelectColumn("we\"ird"))->sql, R"(SELECT "we""ird" FROM "t")");
    EXPECT_EQ(BuildQuery(kLite, SelectColumn("a\"; DROP TABLE t; --"))->sql,
              R"(SELECT "a""; DROP TABLE t; --" FROM "t")");
    EXPECT_EQ(BuildQuery(kMy, SelectColumn("back`tick"))->sql, "SELECT `back``tick` FROM `t`");
    EXPECT_EQ(BuildQuery(kMs, SelectColumn("a]b"))->sql, "SELECT [a]]b] FROM [t]");
    EXPECT_EQ(BuildQuery(kMs, SelectColumn("Grüße 名前"))->sql, "SELECT [Grüße 名前] FROM [t]");
}

TEST(IdentifierTest, UnquotableIdentifiersAreRefused) {
    ExpectInvalid(BuildQuery(kPg, SelectColumn(std::string("nul\0byte", 8))), "control character");
    ExpectInvalid(BuildQuery(kPg, SelectColumn("tab\there")), "control character");
    ExpectInvalid(BuildQuery(kPg, SelectColumn("\xC3\x28")), "not valid UTF-8");
    ExpectInvalid(BuildQuery(kPg, SelectColumn("\xC0\xAF")), "not valid UTF-8");
    ExpectInvalid(BuildQuery(kPg, SelectColumn(std::string(64, 'a'))), "longer than 63 bytes");
    EXPECT_TRUE(BuildQuery(kPg, SelectColumn(std::string(63, 'a'))).ok());
    ExpectInvalid(BuildQuery(kMs, SelectColumn(std::string(129, 'a'))), "longer than 128 bytes");
    ExpectInvalid(BuildQuery(kMy, SelectColumn("trailing ")), "ends with a space");
    const auto built = BuildQuery(kPg, SelectColumn("bad\x01"));
    EXPECT_EQ(built.status().reason(), "INVALID_IDENTIFIER");
}

TEST(ValidationTest, StatementAndDialectMustBeSet) {
    ExpectInvalid(BuildQuery(SqlDialect::SQL_DIALECT_UNSPECIFIED, SelectColumn("a")), "choose a SQL dialect");
    ExpectInvalid(BuildQuery(kPg, SqlStatement()), "the statement is empty");
}

TEST(ValidationTest, ExpressionsMustBeComplete) {
    SqlSelect q = Select({Item(Col("a"))}, From("t"));
    q.mutable_where()->mutable_value();  // a value with no kind
    ExpectInvalid(Build(kPg, q), "has no value set");
    *q.mutable_where() = gantry::db::v1::SqlExpr();
    ExpectInvalid(Build(kPg, q), "expression is empty");
    *q.mutable_where() = In(Col("a"), std::vector<SqlExpr>{});
    ExpectInvalid(Build(kPg, q), "IN needs at least one item");
    *q.mutable_where() = And({});
    ExpectInvalid(Build(kPg, q), "at least one operand");
    *q.mutable_where() = Eq(Col("a"), Excluded("a"));
    ExpectInvalid(Build(kPg, q), "only valid in an upsert");
}

TEST(ValidationTest, FunctionNamesCannotCarrySql) {
    for (const char* name : {"COUNT(*); DROP TABLE t; --", "f x", "1abc", "", "a.b.c"}) {
        ExpectInvalid(Build(kPg, Select({Item(Func(name))}, From("t"))), "function name");
    }
    EXPECT_EQ(Build(kPg, Select({Item(Func("pg_catalog.now"))}))->sql, "SELECT pg_catalog.now()");
}

TEST(ValidationTest, StructuralMistakesAreNamed) {
    SqlSelect join_without_on = Select({}, From("a"));
    join_without_on.add_joins()->mutable_table()->mutable_table()->set_name("b");
    ExpectInvalid(Build(kPg, join_without_on), "needs an ON condition");

    ExpectInvalid(Build(kPg, Select({}, FromSubquery(Select({Item(Val(int64_t{1}))}), ""))), "needs an alias");

    SqlSelect negative = Select({}, From("a"));
    negative.set_limit(-1);
    ExpectInvalid(Build(kPg, negative), "LIMIT must not be negative");

    SqlSelect mssql_offset = Select({}, From("a"));
    mssql_offset.set_offset(3);
    ExpectInvalid(Build(kMs, mssql_offset), "the mssql dialect does not support OFFSET");

    SqlSelect member_limit = Select({}, From("a"));
    auto* op = member_limit.add_set_operations();
    *op->mutable_select() = Select({}, From("b"));
    op->mutable_select()->set_limit(1);
    ExpectInvalid(Build(kPg, member_limit), "UNION/INTERSECT/EXCEPT member");
}

TEST(ValidationTest, InsertShapes) {
    SqlStatement s;
    s.mutable_insert()->mutable_table()->set_name("t");
    ExpectInvalid(BuildQuery(kPg, s), "column list");
    s.mutable_insert()->add_columns("a");
    s.mutable_insert()->add_columns("b");
    ExpectInvalid(BuildQuery(kPg, s), "either VALUES rows or a select");
    *s.mutable_insert()->add_rows()->add_values() = Val(int64_t{1});
    ExpectInvalid(BuildQuery(kPg, s), "row 1 has 1 values for 2 columns");
    *s.mutable_insert()->mutable_rows(0)->add_values() = Val(int64_t{2});
    *s.mutable_insert()->mutable_upsert()->add_updates() = gantry::db::v1::SqlAssignment();
    s.mutable_insert()->mutable_upsert()->mutable_updates(0)->set_column("b");
    *s.mutable_insert()->mutable_upsert()->mutable_updates(0)->mutable_value() = Excluded("b");
    ExpectInvalid(BuildQuery(kPg, s), "needs its conflict_columns");
    ExpectInvalid(BuildQuery(kMs, s), "MERGE) needs conflict_columns");
    EXPECT_TRUE(BuildQuery(kMy, s).ok()) << "MySQL detects conflicts on any unique key";
}

TEST(ValidationTest, UnsupportedFeatureNamesDialectAndFeature) {
    SqlSelect q = Select({}, From("a"));
    auto* join = q.add_joins();
    join->set_kind(gantry::db::v1::SqlJoin::FULL);
    join->mutable_table()->mutable_table()->set_name("b");
    *join->mutable_on() = Eq(Col("a", "id"), Col("b", "id"));
    const auto built = Build(kMy, q);
    ASSERT_FALSE(built.ok());
    EXPECT_EQ(built.status().reason(), "DIALECT_UNSUPPORTED");
    EXPECT_EQ(built.status().metadata().at("dialect"), "mysql");
    EXPECT_EQ(built.status().metadata().at("feature"), "FULL JOIN");
}

TEST(ValidationTest, ValuesNeverEnterTheText) {
    const std::string hostile = "'; DROP TABLE users; --";
    SqlSelect q = Select({}, From("users"));
    *q.mutable_where() = Eq(Col("name"), Val(hostile));
    for (SqlDialect d : {kPg, kMy, kLite, kMs}) {
        const auto built = Build(d, q);
        ASSERT_TRUE(built.ok());
        EXPECT_EQ(built->sql.find("DROP"), std::string::npos) << built->sql;
        ASSERT_EQ(built->parameters.size(), 1u);
        EXPECT_EQ(built->parameters[0].text_value(), hostile);
    }
}

}  // namespace
}  // namespace gantry::db::querybuilder
