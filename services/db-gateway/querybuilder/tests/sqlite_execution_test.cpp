// Every golden case's SQLite text, prepared and run against a real in-memory SQLite with its parameters.
// (PostgreSQL and MariaDB execution belongs to the db tier.)
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "cases.hpp"
#include "gantry/db/querybuilder/build.hpp"

namespace gantry::db::querybuilder::testing {
namespace {

class SqliteDatabase {
public:
    SqliteDatabase() {
        EXPECT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
        char* error = nullptr;
        EXPECT_EQ(sqlite3_exec(db_, kSqliteSchema, nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
        sqlite3_free(error);
    }
    ~SqliteDatabase() { sqlite3_close(db_); }

    /// Prepares, binds and steps the query to the end; returns the rows' first column as text, or
    /// "error: ..." with SQLite's message.
    std::vector<std::string> Run(const BuiltQuery& query) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db_, query.sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
            return {std::string("error: ") + sqlite3_errmsg(db_)};
        }
        EXPECT_EQ(sqlite3_bind_parameter_count(stmt), static_cast<int>(query.parameters.size()));
        for (size_t i = 0; i < query.parameters.size(); ++i) Bind(stmt, static_cast<int>(i + 1), query.parameters[i]);
        std::vector<std::string> rows;
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            const unsigned char* text = sqlite3_column_text(stmt, 0);
            rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "NULL");
        }
        if (rc != SQLITE_DONE) rows = {std::string("error: ") + sqlite3_errmsg(db_)};
        sqlite3_finalize(stmt);
        return rows;
    }

private:
    static void Bind(sqlite3_stmt* stmt, int index, const gantry::common::v1::Value& value) {
        using Kind = gantry::common::v1::Value::KindCase;
        switch (value.kind_case()) {
            case Kind::kInt64Value: sqlite3_bind_int64(stmt, index, value.int64_value()); break;
            case Kind::kDoubleValue: sqlite3_bind_double(stmt, index, value.double_value()); break;
            case Kind::kBoolValue: sqlite3_bind_int(stmt, index, value.bool_value() ? 1 : 0); break;
            case Kind::kTextValue:
                sqlite3_bind_text(stmt, index, value.text_value().c_str(), -1, SQLITE_TRANSIENT);
                break;
            default: sqlite3_bind_null(stmt, index); break;
        }
    }

    sqlite3* db_ = nullptr;
};

class SqliteExecutionTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(SqliteExecutionTest, RunsOnRealSqlite) {
    const auto built = BuildQuery(SqlDialect::SQL_DIALECT_SQLITE, GetParam().statement);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    SqliteDatabase db;
    const auto rows = db.Run(*built);
    ASSERT_TRUE(rows.empty() || !rows[0].starts_with("error: ")) << rows[0] << "\n" << built->sql;
}

INSTANTIATE_TEST_SUITE_P(Cases, SqliteExecutionTest, ::testing::ValuesIn(GoldenCases()),
                         [](const auto& info) { return info.param.name; });

std::vector<std::string> RunCase(const std::string& name) {
    for (const auto& c : GoldenCases()) {
        if (c.name != name) continue;
        SqliteDatabase db;
        return db.Run(*BuildQuery(SqlDialect::SQL_DIALECT_SQLITE, c.statement));
    }
    return {"error: no case " + name};
}

TEST(SqliteResultsTest, QueriesReturnTheExpectedRows) {
    // Adults not deleted, by name, skipping the first: ada (36) and cy (52) -> cy.
    EXPECT_EQ(RunCase("simple_select"), (std::vector<std::string>{"3"}));
    // The management chain ada -> bob -> cy, by depth.
    EXPECT_EQ(RunCase("recursive_cte"), (std::vector<std::string>{"1", "2", "3"}));
    // Only ada has two orders.
    EXPECT_EQ(RunCase("group_having"), (std::vector<std::string>{"1"}));
    // ada and bob: named in the list, no void order, have orders, aged 10..40; cy has a void order.
    EXPECT_EQ(RunCase("where_tree"), (std::vector<std::string>{"ada", "bob"}));
    EXPECT_EQ(RunCase("ilike"), (std::vector<std::string>{"1"}));
    // Upsert of existing "ada" updates her row and returns her id.
    EXPECT_EQ(RunCase("upsert_update"), (std::vector<std::string>{"1"}));
    EXPECT_EQ(RunCase("delete_returning"), (std::vector<std::string>{"2", "4"}));
    EXPECT_EQ(RunCase("union_limit"), (std::vector<std::string>{"ada", "bob", "cy"}));
}

}  // namespace
}  // namespace gantry::db::querybuilder::testing
