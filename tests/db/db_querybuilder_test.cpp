// ExecuteStatement: a statement tree instead of SQL, built by the gateway for the target database's dialect and
// run. This is also where the builder's PostgreSQL and MariaDB SQL meets real servers: joins, CTEs (a
// recursive one too), a window function, upserts and RETURNING, each checked by the rows they give.
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "db_backend_test.hpp"

namespace gantry::testing {
namespace {

class DbQueryBuilderTest : public DbBackendTest {
protected:
    void SetUp() override {
        DbBackendTest::SetUp();
        if (HasFatalFailure()) return;
        users_ = "qb_users_" + db();
        orders_ = "qb_orders_" + db();
        (void)client_->Execute(db(), "DROP TABLE IF EXISTS " + orders_);
        (void)client_->Execute(db(), "DROP TABLE IF EXISTS " + users_);
        ASSERT_TRUE(client_->Execute(db(), "CREATE TABLE " + users_ +
                                               " (id int PRIMARY KEY, name varchar(50) NOT NULL UNIQUE, manager_id int, "
                                               "age int)")
                        .ok());
        ASSERT_TRUE(
            client_->Execute(db(), "CREATE TABLE " + orders_ + " (id int PRIMARY KEY, user_id int NOT NULL, total int NOT NULL)")
                .ok());
    }
    /// `text` is a gantry.db.v1.SqlStatement in protobuf text format; USERS and ORDERS stand for the tables.
    StatusOr<dbv1::ExecuteResponse> Run(std::string text, bool read_only = false) {
        for (const auto& [from, to] : {std::pair<std::string, std::string>{"USERS", users_}, {"ORDERS", orders_}}) {
            for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
                text.replace(at, from.size(), to);
            }
        }
        dbv1::ExecuteStatementRequest req;
        req.set_database(db());
        req.set_read_only(read_only);
        if (!google::protobuf::TextFormat::ParseFromString(text, req.mutable_statement())) {
            return InvalidArgumentError("the test's statement does not parse: " + text);
        }
        return client_->ExecuteStatement(req);
    }
    /// Every row as "v1|v2|..." with integers, decimals and text printed plainly and NULL as "null".
    static std::vector<std::string> Rows(const dbv1::ExecuteResponse& r) {
        std::vector<std::string> out;
        for (const auto& row : r.rows()) {
            std::string line;
            for (int i = 0; i < row.values_size(); ++i) {
                const auto& v = row.values(i);
                line += i ? "|" : "";
                if (v.has_int64_value()) line += std::to_string(v.int64_value());
                else if (v.has_decimal_value()) line += v.decimal_value();
                else if (v.has_text_value()) line += v.text_value();
                else if (v.has_null_value()) line += "null";
                else line += v.ShortDebugString();
            }
            out.push_back(line);
        }
        return out;
    }
    static std::vector<std::string> Sorted(std::vector<std::string> rows) {
        std::sort(rows.begin(), rows.end());
        return rows;
    }
    std::string users_;
    std::string orders_;
};

using Lines = std::vector<std::string>;

constexpr const char* kInsertUsers = R"pb(
  insert {
    table { name: "USERS" }
    columns: [ "id", "name", "manager_id", "age" ]
    rows { values { value { int64_value: 1 } } values { value { text_value: "ann" } } values { value { null_value: NULL_VALUE } } values { value { int64_value: 50 } } }
    rows { values { value { int64_value: 2 } } values { value { text_value: "bob" } } values { value { int64_value: 1 } } values { value { int64_value: 40 } } }
    rows { values { value { int64_value: 3 } } values { value { text_value: "cid" } } values { value { int64_value: 2 } } values { value { int64_value: 30 } } }
    rows { values { value { int64_value: 4 } } values { value { text_value: "dee" } } values { value { int64_value: 2 } } values { value { int64_value: 20 } } }
    returning { expr { column { name: "id" } } }
  })pb";

constexpr const char* kInsertOrders = R"pb(
  insert {
    table { name: "ORDERS" }
    columns: [ "id", "user_id", "total" ]
    rows { values { value { int64_value: 10 } } values { value { int64_value: 1 } } values { value { int64_value: 100 } } }
    rows { values { value { int64_value: 11 } } values { value { int64_value: 1 } } values { value { int64_value: 50 } } }
    rows { values { value { int64_value: 12 } } values { value { int64_value: 2 } } values { value { int64_value: 70 } } }
    rows { values { value { int64_value: 13 } } values { value { int64_value: 3 } } values { value { int64_value: 30 } } }
  })pb";

TEST_P(DbQueryBuilderTest, BuiltStatementsRunOnTheRealServerAndGiveTheExpectedRows) {
    auto users = Run(kInsertUsers);
    ASSERT_TRUE(users.ok()) << users.status().ToString();
    EXPECT_EQ(Sorted(Rows(*users)), (Lines{"1", "2", "3", "4"}));  // INSERT ... RETURNING
    auto orders = Run(kInsertOrders);
    ASSERT_TRUE(orders.ok()) << orders.status().ToString();
    EXPECT_EQ(orders->rows_affected(), 4);

    // Inner join with GROUP BY and an aggregate, read-only through Query.
    auto spent = Run(R"pb(select {
        columns { expr { column { table: "u" name: "name" } } }
        columns { expr { function { name: "SUM" args { column { table: "o" name: "total" } } } } alias: "spent" }
        from { table { name: "USERS" } alias: "u" }
        joins { kind: INNER table { table { name: "ORDERS" } alias: "o" }
                on { binary { op: EQ left { column { table: "o" name: "user_id" } } right { column { table: "u" name: "id" } } } } }
        group_by { column { table: "u" name: "name" } }
        order_by { expr { column { table: "u" name: "name" } } }
      })pb",
                     true);
    ASSERT_TRUE(spent.ok()) << spent.status().ToString();
    EXPECT_EQ(Rows(*spent), (Lines{"ann|150", "bob|70", "cid|30"}));

    // Left join keeping the user without orders.
    auto lonely = Run(R"pb(select {
        columns { expr { column { table: "u" name: "name" } } }
        from { table { name: "USERS" } alias: "u" }
        joins { kind: LEFT table { table { name: "ORDERS" } alias: "o" }
                on { binary { op: EQ left { column { table: "o" name: "user_id" } } right { column { table: "u" name: "id" } } } } }
        where { is_null { operand { column { table: "o" name: "id" } } } }
      })pb");
    ASSERT_TRUE(lonely.ok()) << lonely.status().ToString();
    EXPECT_EQ(Rows(*lonely), (Lines{"dee"}));

    // A CTE with a parameter in its WHERE.
    auto big = Run(R"pb(select {
        with { ctes { name: "big" query {
          columns { expr { column { name: "user_id" } } }
          from { table { name: "ORDERS" } }
          where { binary { op: GE left { column { name: "total" } } right { value { int64_value: 50 } } } } } } }
        columns { expr { function { name: "COUNT" args { star {} } } } alias: "n" }
        from { table { name: "big" } }
      })pb");
    ASSERT_TRUE(big.ok()) << big.status().ToString();
    EXPECT_EQ(Rows(*big), (Lines{"3"}));

    // A recursive CTE walking the management chain.
    auto chain = Run(R"pb(select {
        with { recursive: true ctes { name: "chain" columns: [ "id", "depth" ] query {
          columns { expr { column { name: "id" } } }
          columns { expr { value { int64_value: 0 } } }
          from { table { name: "USERS" } }
          where { is_null { operand { column { name: "manager_id" } } } }
          set_operations { kind: UNION_ALL select {
            columns { expr { column { table: "u" name: "id" } } }
            columns { expr { binary { op: ADD left { column { table: "c" name: "depth" } } right { value { int64_value: 1 } } } } }
            from { table { name: "USERS" } alias: "u" }
            joins { kind: INNER table { table { name: "chain" } alias: "c" }
                    on { binary { op: EQ left { column { table: "u" name: "manager_id" } } right { column { table: "c" name: "id" } } } } } } } } } }
        columns { expr { column { name: "id" } } }
        columns { expr { column { name: "depth" } } }
        from { table { name: "chain" } }
        order_by { expr { column { name: "id" } } }
      })pb");
    ASSERT_TRUE(chain.ok()) << chain.status().ToString();
    EXPECT_EQ(Rows(*chain), (Lines{"1|0", "2|1", "3|2", "4|2"}));

    // A window function.
    auto ranked = Run(R"pb(select {
        columns { expr { column { name: "id" } } }
        columns { expr { function { name: "ROW_NUMBER" over {
          partition_by { column { name: "user_id" } }
          order_by { expr { column { name: "total" } } descending: true } } } } alias: "rn" }
        from { table { name: "ORDERS" } }
        order_by { expr { column { name: "id" } } }
      })pb");
    ASSERT_TRUE(ranked.ok()) << ranked.status().ToString();
    EXPECT_EQ(Rows(*ranked), (Lines{"10|1", "11|2", "12|1", "13|1"}));

    // Upsert: the name collides, so the existing row takes the proposed age.
    auto upsert = Run(R"pb(insert {
        table { name: "USERS" }
        columns: [ "id", "name", "age" ]
        rows { values { value { int64_value: 5 } } values { value { text_value: "ann" } } values { value { int64_value: 51 } } }
        upsert { conflict_columns: "name" updates { column: "age" value { excluded: "age" } } }
      })pb");
    ASSERT_TRUE(upsert.ok()) << upsert.status().ToString();
    auto ages = Run(R"pb(select {
        columns { expr { column { name: "name" } } }
        columns { expr { column { name: "age" } } }
        from { table { name: "USERS" } }
        order_by { expr { column { name: "id" } } }
      })pb");
    ASSERT_TRUE(ages.ok()) << ages.status().ToString();
    EXPECT_EQ(Rows(*ages), (Lines{"ann|51", "bob|40", "cid|30", "dee|20"}));
    // An upsert that keeps the existing row.
    auto keep = Run(R"pb(insert {
        table { name: "USERS" }
        columns: [ "id", "name", "age" ]
        rows { values { value { int64_value: 6 } } values { value { text_value: "bob" } } values { value { int64_value: 99 } } }
        upsert { conflict_columns: "name" }
      })pb");
    ASSERT_TRUE(keep.ok()) << keep.status().ToString();
    EXPECT_EQ(*client_->Count(db(), "SELECT age FROM " + users_ + " WHERE name = 'bob'"), 40);

    // UPDATE ... RETURNING: PostgreSQL and SQLite; the MySQL dialect refuses it before anything runs.
    const char* kUpdate = R"pb(update {
        table { name: "USERS" }
        set { column: "age" value { binary { op: ADD left { column { name: "age" } } right { value { int64_value: 1 } } } } }
        where { binary { op: EQ left { column { name: "name" } } right { value { text_value: "bob" } } } }
        returning { expr { column { name: "age" } } }
      })pb";
    auto updated = Run(kUpdate);
    if (db() == "maria") {
        EXPECT_EQ(updated.status().code(), StatusCode::kInvalidArgument) << updated.status().ToString();
        EXPECT_EQ(*client_->Count(db(), "SELECT age FROM " + users_ + " WHERE name = 'bob'"), 40);
    } else {
        ASSERT_TRUE(updated.ok()) << updated.status().ToString();
        EXPECT_EQ(Rows(*updated), (Lines{"41"}));
    }

    // DELETE ... RETURNING (MariaDB has it for DELETE too).
    auto deleted = Run(R"pb(delete {
        table { name: "ORDERS" }
        where { binary { op: LT left { column { name: "total" } } right { value { int64_value: 40 } } } }
        returning { expr { column { name: "id" } } }
      })pb");
    ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
    EXPECT_EQ(Rows(*deleted), (Lines{"13"}));
    EXPECT_EQ(*client_->Count(db(), "SELECT count(*) FROM " + orders_), 3);

    // Query refuses a built write like any other.
    auto refused = Run(R"pb(delete { table { name: "ORDERS" } })pb", true);
    EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied) << refused.status().ToString();
    EXPECT_EQ(*client_->Count(db(), "SELECT count(*) FROM " + orders_), 3);
}

TEST_P(DbQueryBuilderTest, ATreeTheDialectCannotExpressIsRefusedBeforeAnythingRuns) {
    dbv1::ExecuteStatementRequest req;
    req.set_database(db());
    EXPECT_EQ(client_->ExecuteStatement(req).status().code(), StatusCode::kInvalidArgument);  // no statement
    req.mutable_statement()->mutable_select()->mutable_from()->mutable_table()->set_name(users_);
    auto all = client_->ExecuteStatement(req);
    ASSERT_TRUE(all.ok()) << all.status().ToString();
    EXPECT_EQ(all->columns_size(), 4);
    auto* join = req.mutable_statement()->mutable_select()->add_joins();
    join->set_kind(dbv1::SqlJoin::FULL);
    join->mutable_table()->mutable_table()->set_name(orders_);
    join->mutable_on()->mutable_value()->set_bool_value(true);
    auto full = client_->ExecuteStatement(req);
    if (db() == "maria") {
        EXPECT_EQ(full.status().code(), StatusCode::kInvalidArgument) << full.status().ToString();
    } else {
        EXPECT_TRUE(full.ok()) << full.status().ToString();
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, DbQueryBuilderTest, ::testing::Values("main", "pg", "maria"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gantry::testing
