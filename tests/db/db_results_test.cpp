// Result metadata and row limits on all three backends: column nullability and types (expressions too), and
// max_rows that stops reading (and, for read-only calls on PostgreSQL, stops the server's work).
#include <gtest/gtest.h>

#include "db_backend_test.hpp"

namespace gantry::testing {
namespace {

using common::v1::Column;

class DbResultsTest : public DbBackendTest {
protected:
    /// A table (or view) name unique to this test and backend, dropped first.
    std::string Fresh(const std::string& base, const char* kind = "TABLE") {
        const std::string name = base + "_" + GetParam();
        (void)client_->Execute(db(), std::string("DROP ") + kind + " IF EXISTS " + name);
        return name;
    }
    StatusOr<dbv1::ExecuteResponse> Run(const std::string& sql, int64_t max_rows = 0, bool read_only = false,
                                        const std::string& tx = "") {
        dbv1::ExecuteRequest req;
        req.set_database(db());
        req.set_sql(sql);
        req.set_max_rows(max_rows);
        req.set_transaction_id(tx);
        return client_->Send(req, read_only, 60000);
    }
    /// SELECT of the integers 1..n as column x.
    std::string Series(int64_t n) const {
        const std::string count = std::to_string(n);
        if (db() == "pg") return "SELECT x FROM generate_series(1, " + count + ") AS x";
        if (db() == "maria") return "SELECT CAST(seq AS SIGNED) AS x FROM seq_1_to_" + count;
        return "WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < " + count + ") SELECT x FROM s";
    }
};

TEST_P(DbResultsTest, TableColumnsReportNotNullAsTheTableDeclaresIt) {
    const auto table = Fresh("nn");
    ASSERT_TRUE(client_->Execute(db(), "CREATE TABLE " + table +
                                           " (id int NOT NULL PRIMARY KEY, label varchar(20) NOT NULL, note text)")
                    .ok());
    ASSERT_TRUE(client_->Execute(db(), "INSERT INTO " + table + " VALUES (1, 'a', NULL), (2, 'b', 'x')").ok());
    auto r = Run("SELECT id, label, note FROM " + table + " ORDER BY id");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->columns_size(), 3);
    EXPECT_FALSE(r->columns(0).nullable()) << r->columns(0).DebugString();
    EXPECT_FALSE(r->columns(1).nullable()) << r->columns(1).DebugString();
    EXPECT_TRUE(r->columns(2).nullable()) << r->columns(2).DebugString();
    EXPECT_EQ(r->columns(1).type(), common::v1::VALUE_TYPE_TEXT);
    // The same through a read-only Query, a StreamQuery's first chunk and a repeated (cached) statement.
    auto q = Run("SELECT id, label, note FROM " + table + " ORDER BY id", 0, true);
    ASSERT_TRUE(q.ok()) << q.status().ToString();
    EXPECT_FALSE(q->columns(1).nullable());
    auto again = Run("SELECT id, label, note FROM " + table + " ORDER BY id");
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->columns(1).nullable());
    EXPECT_TRUE(again->columns(2).nullable());
    // The describe of the table agrees.
    auto desc = client_->DescribeTable(db(), table);
    ASSERT_TRUE(desc.ok()) << desc.status().ToString();
    for (int i = 0; i < 3; ++i) EXPECT_EQ(desc->columns(i).nullable(), r->columns(i).nullable()) << i;
}

TEST_P(DbResultsTest, ColumnsThatCanBeNullDespiteANotNullOriginSayNullable) {
    const auto view = Fresh("oj_view", "VIEW");  // first: PostgreSQL keeps a table a view depends on
    const auto table = Fresh("oj");
    ASSERT_TRUE(client_->Execute(db(), "CREATE TABLE " + table + " (id int NOT NULL PRIMARY KEY, label varchar(20) NOT NULL)")
                    .ok());
    ASSERT_TRUE(client_->Execute(db(), "INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b')").ok());
    ASSERT_TRUE(client_->Execute(db(), "CREATE VIEW " + view + " AS SELECT a.id, b.label FROM " + table + " a LEFT JOIN " +
                                           table + " b ON b.id = a.id + 1")
                    .ok());
    for (const std::string& sql :
         {"SELECT b.label FROM " + table + " a LEFT JOIN " + table + " b ON b.id = a.id + 1 ORDER BY a.id",
          "SELECT label FROM " + view + " ORDER BY id",
          "SELECT label FROM " + table + " UNION ALL SELECT NULL"}) {
        auto r = Run(sql);
        ASSERT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
        ASSERT_EQ(r->columns_size(), 1);
        EXPECT_TRUE(r->columns(0).nullable()) << sql;
        bool saw_null = false;
        for (const auto& row : r->rows()) saw_null = saw_null || row.values(0).has_null_value();
        EXPECT_TRUE(saw_null) << sql;
    }
}

TEST_P(DbResultsTest, ExpressionColumnsCarryTheEngineTypeAndItsName) {
    // (A PostgreSQL literal with an exponent is numeric; a cast makes it a double there.)
    const std::string d = db() == "pg" ? "CAST(2.5 AS float8)" : "2.5e0";
    auto r = Run("SELECT count(*) AS n, 1 + 1 AS two, 'x' AS s, " + d + " AS d FROM (SELECT 1 AS one) AS t");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->columns_size(), 4);
    const common::v1::ValueType expected[] = {common::v1::VALUE_TYPE_INT64, common::v1::VALUE_TYPE_INT64,
                                              common::v1::VALUE_TYPE_TEXT, common::v1::VALUE_TYPE_DOUBLE};
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(r->columns(i).type(), expected[i]) << r->columns(i).DebugString();
        EXPECT_FALSE(r->columns(i).database_type().empty()) << r->columns(i).DebugString();
    }
    EXPECT_EQ(r->rows(0).values(0).int64_value(), 1);
    EXPECT_EQ(r->rows(0).values(1).int64_value(), 2);
    EXPECT_EQ(r->rows(0).values(2).text_value(), "x");
    EXPECT_EQ(r->rows(0).values(3).double_value(), 2.5);
}

TEST_P(DbResultsTest, MaxRowsTruncatesAndSaysSoInEveryKindOfCall) {
    // More rows than the PostgreSQL driver drains before it cancels the rest of a read-only call.
    const std::string series = Series(2500);
    for (const bool read_only : {false, true}) {
        auto r = Run(series, 3, read_only);
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        ASSERT_EQ(r->rows_size(), 3);
        EXPECT_TRUE(r->truncated());
        EXPECT_EQ(r->rows(2).values(0).int64_value(), 3);
        auto exact = Run(Series(3), 3, read_only);
        ASSERT_TRUE(exact.ok()) << exact.status().ToString();
        EXPECT_EQ(exact->rows_size(), 3);
        EXPECT_FALSE(exact->truncated());
    }
    // Inside a transaction the truncated statement leaves the transaction usable: its writes commit.
    const auto table = Fresh("trunc");
    ASSERT_TRUE(client_->Execute(db(), "CREATE TABLE " + table + " (v int)").ok());
    auto tx = client_->Begin(db());
    ASSERT_TRUE(tx.ok()) << tx.status().ToString();
    ASSERT_TRUE(Run("INSERT INTO " + table + " VALUES (1)", 0, false, *tx).ok());
    auto in_tx = Run(series, 2, false, *tx);
    ASSERT_TRUE(in_tx.ok()) << in_tx.status().ToString();
    EXPECT_EQ(in_tx->rows_size(), 2);
    EXPECT_TRUE(in_tx->truncated());
    ASSERT_TRUE(Run("INSERT INTO " + table + " VALUES (2)", 0, false, *tx).ok());
    ASSERT_TRUE(client_->Commit(*tx).ok());
    EXPECT_EQ(*client_->Count(db(), "SELECT count(*) FROM " + table), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, DbResultsTest, ::testing::Values("main", "pg", "maria"),
                         [](const auto& info) { return info.param; });

// A read-only call on PostgreSQL stops the server's work at max_rows: a statement that would never end
// returns its first rows. The one-connection pool then runs statements normally: the cancel reached none.
TEST(DbResults, PostgresReadOnlyCallStopsAnEndlessStatementAtMaxRows) {
    GANTRY_REQUIRE_DB_WORLD();
    DbClient client(world.address());
    DbClient reader(world.address(), "read-token-for-tests");
    const std::string endless = "WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s) SELECT x FROM s";
    for (int round = 0; round < 3; ++round) {
        dbv1::ExecuteRequest req;
        req.set_database("tiny");
        req.set_sql(endless);
        req.set_max_rows(4);
        auto r = round == 2 ? reader.Send(req, false, 120000) : client.Send(req, true, 120000);
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        ASSERT_EQ(r->rows_size(), 4);
        EXPECT_TRUE(r->truncated());
        EXPECT_EQ(r->rows(3).values(0).int64_value(), 4);
        for (int i = 0; i < 10; ++i) {
            auto one = client.Execute("tiny", "SELECT 1");
            ASSERT_TRUE(one.ok()) << one.status().ToString();
        }
        auto write = client.Execute("tiny", "CREATE TEMP TABLE t_after_cancel (v int)");
        ASSERT_TRUE(write.ok()) << write.status().ToString();
    }
}

// Types PostgreSQL defines at run time: an enum is text named by the catalog; a domain arrives as its base
// type (the server describes the column so).
TEST(DbResults, PostgresEnumAndDomainColumnsAreTypedAndNamed) {
    GANTRY_REQUIRE_DB_WORLD();
    DbClient client(world.address());
    (void)client.Execute("pg", "DROP DOMAIN IF EXISTS results_posint");
    (void)client.Execute("pg", "DROP TYPE IF EXISTS results_mood");
    ASSERT_TRUE(client.Execute("pg", "CREATE DOMAIN results_posint AS int8 CHECK (VALUE > 0)").ok());
    ASSERT_TRUE(client.Execute("pg", "CREATE TYPE results_mood AS ENUM ('sad', 'ok')").ok());
    auto r = client.Execute("pg", "SELECT 5::results_posint AS p, 'ok'::results_mood AS m");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->columns_size(), 2);
    EXPECT_EQ(r->columns(0).type(), common::v1::VALUE_TYPE_INT64);
    EXPECT_EQ(r->columns(0).database_type(), "int8");
    EXPECT_EQ(r->rows(0).values(0).int64_value(), 5);
    EXPECT_EQ(r->columns(1).type(), common::v1::VALUE_TYPE_TEXT);
    EXPECT_EQ(r->columns(1).database_type(), "results_mood");
    EXPECT_EQ(r->rows(0).values(1).text_value(), "ok");
}

}  // namespace
}  // namespace gantry::testing
