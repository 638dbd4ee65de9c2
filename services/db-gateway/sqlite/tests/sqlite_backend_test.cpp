// The SQLite backend against a real database file: types, parameters, transactions, read-only mode,
// errors, cancellation, catalog and bulk insert.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "gantry/db/sqlite_driver.hpp"

namespace gantry::db {
namespace {

using namespace std::chrono_literals;

class Collect final : public RowSink {
public:
    Status OnColumns(std::vector<Column> c) override {
        columns = std::move(c);
        return Status::Ok();
    }
    bool OnRow(Row&& row) override {
        rows.push_back(std::move(row));
        return true;
    }
    std::vector<Column> columns;
    std::vector<Row> rows;
};

class VectorSource final : public RowSource {
public:
    explicit VectorSource(std::vector<Row> rows) : rows_(std::move(rows)) {}
    bool Next(Row& row, Status&) override {
        if (next_ >= rows_.size()) return false;
        row = rows_[next_++];
        return true;
    }

private:
    std::vector<Row> rows_;
    size_t next_ = 0;
};

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

Value Null() {
    Value out;
    out.set_null_value(google::protobuf::NULL_VALUE);
    return out;
}

class SqliteBackendTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("gantry_sqlite_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        DriverOptions o;
        o.database = "main";
        o.dsn = (dir_ / "sub" / "main.db").string();
        o.statement_cache = {2, std::chrono::minutes(1)};
        o.cache_counters = &counters_;
        auto driver = MakeSqliteDriver(o);
        ASSERT_TRUE(driver.ok()) << driver.status().ToString();
        driver_ = std::move(*driver);
        auto conn = driver_->Connect();
        ASSERT_TRUE(conn.ok()) << conn.status().ToString();
        conn_ = std::move(*conn);
    }
    void TearDown() override {
        conn_.reset();
        std::filesystem::remove_all(dir_);
    }
    StatusOr<ExecResult> Exec(const std::string& sql, const std::vector<Value>& params = {}) {
        Collect sink;
        return conn_->Execute(sql, params, sink);
    }

    std::filesystem::path dir_;
    StatementCacheCounters counters_;
    std::unique_ptr<Driver> driver_;
    std::unique_ptr<Connection> conn_;
};

TEST_F(SqliteBackendTest, OpensInWalModeCreatingTheDirectory) {
    Collect sink;
    ASSERT_TRUE(conn_->Execute("PRAGMA journal_mode", {}, sink).ok());
    ASSERT_EQ(sink.rows.size(), 1u);
    EXPECT_EQ(sink.rows[0].values(0).text_value(), "wal");
}

TEST_F(SqliteBackendTest, TypedRoundTripByDeclaredType) {
    ASSERT_TRUE(Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, b BOOLEAN, d DECIMAL(20,6), ts TIMESTAMP, dt DATE, "
                     "tm TIME, j JSON, u UUID, bin BLOB, txt TEXT, r REAL)")
                    .ok());
    std::vector<Value> p(10);
    p[0].set_bool_value(true);
    p[1].set_decimal_value("1234.5");
    p[2].mutable_timestamp_value()->set_epoch_micros(1709210096789012);
    p[2].mutable_timestamp_value()->set_has_time_zone(true);
    p[3].mutable_date_value()->set_year(2024);
    p[3].mutable_date_value()->set_month(2);
    p[3].mutable_date_value()->set_day(29);
    p[4].mutable_time_value()->set_micros_since_midnight(3723000001);
    p[5].set_json_value("{\"a\":[1,2]}");
    p[6].set_uuid_value("123e4567-e89b-12d3-a456-426614174000");
    p[7].set_bytes_value(std::string("\x00\xff", 2));
    p[8].set_text_value("");
    p[9].set_double_value(0.1);
    auto ins = Exec("INSERT INTO t (b, d, ts, dt, tm, j, u, bin, txt, r) VALUES (?,?,?,?,?,?,?,?,?,?)", p);
    ASSERT_TRUE(ins.ok()) << ins.status().ToString();
    EXPECT_EQ(ins->rows_affected, 1);
    EXPECT_EQ(ins->last_insert_id, 1);
    ASSERT_TRUE(Exec("INSERT INTO t (txt) VALUES (NULL)").ok());
    Collect sink;
    ASSERT_TRUE(conn_->Execute("SELECT b, d, ts, dt, tm, j, u, bin, txt, r FROM t ORDER BY id", {}, sink).ok());
    ASSERT_EQ(sink.rows.size(), 2u);
    const auto& r = sink.rows[0];
    EXPECT_TRUE(r.values(0).bool_value());
    EXPECT_EQ(r.values(1).decimal_value(), "1234.5");
    EXPECT_EQ(r.values(2).timestamp_value().epoch_micros(), 1709210096789012);
    EXPECT_TRUE(r.values(2).timestamp_value().has_time_zone());
    EXPECT_EQ(r.values(3).date_value().day(), 29);
    EXPECT_EQ(r.values(4).time_value().micros_since_midnight(), 3723000001);
    EXPECT_EQ(r.values(5).json_value(), "{\"a\":[1,2]}");
    EXPECT_EQ(r.values(6).uuid_value(), "123e4567-e89b-12d3-a456-426614174000");
    EXPECT_EQ(r.values(7).bytes_value(), std::string("\x00\xff", 2));
    EXPECT_TRUE(r.values(8).has_text_value());  // empty text is not NULL
    EXPECT_EQ(r.values(8).text_value(), "");
    EXPECT_EQ(r.values(9).double_value(), 0.1);
    EXPECT_TRUE(sink.rows[1].values(8).has_null_value());
    EXPECT_EQ(sink.columns[1].type(), common::v1::VALUE_TYPE_DECIMAL);
    EXPECT_EQ(sink.columns[1].database_type(), "DECIMAL(20,6)");
}

TEST_F(SqliteBackendTest, ParameterCountMismatchIsRefused) {
    const auto r = Exec("SELECT ?, ?", {Int(1)});
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().reason(), "PARAMETER_COUNT_MISMATCH");
}

TEST_F(SqliteBackendTest, MoreThanOneStatementIsRefused) {
    EXPECT_EQ(Exec("SELECT 1; SELECT 2").status().code(), StatusCode::kInvalidArgument);
    EXPECT_TRUE(Exec("SELECT 1;  ").ok());
}

TEST_F(SqliteBackendTest, InjectionThroughAParameterStaysData) {
    ASSERT_TRUE(Exec("CREATE TABLE users (name TEXT)").ok());
    ASSERT_TRUE(Exec("INSERT INTO users VALUES (?)", {Txt("x'); DROP TABLE users; --")}).ok());
    Collect sink;
    ASSERT_TRUE(conn_->Execute("SELECT name FROM users", {}, sink).ok());
    ASSERT_EQ(sink.rows.size(), 1u);
    EXPECT_EQ(sink.rows[0].values(0).text_value(), "x'); DROP TABLE users; --");
}

TEST_F(SqliteBackendTest, ErrorsMapToCodes) {
    ASSERT_TRUE(Exec("CREATE TABLE u (id INTEGER PRIMARY KEY, v TEXT NOT NULL)").ok());
    ASSERT_TRUE(Exec("INSERT INTO u VALUES (1, 'a')").ok());
    EXPECT_EQ(Exec("INSERT INTO u VALUES (1, 'b')").status().code(), StatusCode::kAlreadyExists);
    EXPECT_EQ(Exec("INSERT INTO u VALUES (2, NULL)").status().reason(), "NOT_NULL_VIOLATION");
    EXPECT_EQ(Exec("SELECT * FROM missing").status().code(), StatusCode::kNotFound);
    EXPECT_EQ(Exec("SELEC 1").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SqliteBackendTest, AttachAndDetachAreRefusedAndCreateNoFile) {
    const auto target = dir_ / "attached.db";
    const std::string attach = "ATTACH DATABASE '" + target.string() + "' AS other";
    // Read-only (as Query runs it) and read-write alike, and through a parameter too.
    ASSERT_TRUE(conn_->Begin({Isolation::kDefault, true}).ok());
    const auto ro = Exec(attach);
    EXPECT_EQ(ro.status().code(), StatusCode::kInvalidArgument) << ro.status().ToString();
    EXPECT_EQ(ro.status().reason(), "ATTACH_REFUSED");
    ASSERT_TRUE(conn_->Rollback().ok());
    const auto rw = Exec(attach);
    EXPECT_EQ(rw.status().code(), StatusCode::kInvalidArgument) << rw.status().ToString();
    EXPECT_EQ(rw.status().reason(), "ATTACH_REFUSED");
    EXPECT_NE(rw.status().message().find("ATTACH"), std::string::npos) << rw.status().message();
    EXPECT_EQ(Exec("ATTACH DATABASE ? AS other", {Txt(target.string())}).status().reason(), "ATTACH_REFUSED");
    EXPECT_EQ(Exec("DETACH DATABASE other").status().reason(), "ATTACH_REFUSED");
    // VACUUM INTO would create its file too; a plain VACUUM (which attaches a nameless temporary database) works.
    const auto into = Exec("VACUUM INTO '" + target.string() + "'");
    EXPECT_EQ(into.status().code(), StatusCode::kInvalidArgument) << into.status().ToString();
    EXPECT_EQ(into.status().reason(), "ATTACH_REFUSED");
    EXPECT_FALSE(std::filesystem::exists(target));
    EXPECT_TRUE(Exec("VACUUM").ok());
    // The connection still works, and only its own database is there.
    Collect sink;
    ASSERT_TRUE(conn_->Execute("SELECT name FROM pragma_database_list ORDER BY seq", {}, sink).ok());
    ASSERT_EQ(sink.rows.size(), 1u);
    EXPECT_EQ(sink.rows[0].values(0).text_value(), "main");
}

TEST_F(SqliteBackendTest, OnlyAStatementThatInsertedReportsALastInsertId) {
    ASSERT_TRUE(Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)").ok());
    const auto ins = Exec("INSERT INTO t (v) VALUES ('a')");
    ASSERT_TRUE(ins.ok()) << ins.status().ToString();
    ASSERT_TRUE(ins->last_insert_id.has_value());
    EXPECT_EQ(*ins->last_insert_id, 1);
    for (const char* sql : {"UPDATE t SET v = 'b'", "DELETE FROM t WHERE id = 1"}) {
        const auto r = Exec(sql);
        ASSERT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
        EXPECT_EQ(r->rows_affected, 1) << sql;
        EXPECT_FALSE(r->last_insert_id.has_value()) << sql << " reported " << *r->last_insert_id;
    }
    const auto ignored = Exec("INSERT OR IGNORE INTO t (id, v) VALUES (2, 'c')");
    ASSERT_TRUE(ignored.ok());
    EXPECT_EQ(*ignored->last_insert_id, 2);
    const auto none = Exec("INSERT OR IGNORE INTO t (id, v) VALUES (2, 'd')");
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->last_insert_id.has_value());
    // An UPDATE whose trigger inserts is still no insert of its own.
    ASSERT_TRUE(Exec("CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT)").ok());
    ASSERT_TRUE(Exec("CREATE TRIGGER t_upd AFTER UPDATE ON t BEGIN INSERT INTO audit (what) VALUES ('u'); END").ok());
    const auto upd = Exec("UPDATE t SET v = 'e' WHERE id = 2");
    ASSERT_TRUE(upd.ok());
    EXPECT_FALSE(upd->last_insert_id.has_value());
    // SQL's own last_insert_rowid() keeps its meaning across calls.
    Collect sink;
    ASSERT_TRUE(conn_->Execute("SELECT last_insert_rowid()", {}, sink).ok());
    EXPECT_EQ(sink.rows[0].values(0).int64_value(), 2);
    ASSERT_TRUE(Exec("CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER)").ok());
    const auto child = Exec("INSERT INTO child (parent) VALUES (last_insert_rowid())");
    ASSERT_TRUE(child.ok());
    EXPECT_EQ(*child->last_insert_id, 1);
    Collect parent;
    ASSERT_TRUE(conn_->Execute("SELECT parent FROM child", {}, parent).ok());
    EXPECT_EQ(parent.rows[0].values(0).int64_value(), 2);
    // A new table's first row has rowid 1 again, as the previous insert did: still an insert.
    ASSERT_TRUE(Exec("CREATE TABLE fresh (id INTEGER PRIMARY KEY, v TEXT)").ok());
    const auto first = Exec("INSERT INTO fresh (v) VALUES ('x')");
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(first->last_insert_id.has_value());
    EXPECT_EQ(*first->last_insert_id, 1);
    // A failed statement leaves the connection's last insert rowid as it was.
    EXPECT_FALSE(Exec("INSERT INTO fresh (id, v) VALUES (1, 'dup')").ok());
    Collect after;
    ASSERT_TRUE(conn_->Execute("SELECT last_insert_rowid()", {}, after).ok());
    EXPECT_EQ(after.rows[0].values(0).int64_value(), 1);
}

TEST_F(SqliteBackendTest, ReadOnlyTransactionRefusesWritesThenTheConnectionWritesAgain) {
    ASSERT_TRUE(Exec("CREATE TABLE t (v INTEGER)").ok());
    ASSERT_TRUE(conn_->Begin({Isolation::kDefault, true}).ok());
    const auto w = Exec("INSERT INTO t VALUES (1)");
    EXPECT_EQ(w.status().code(), StatusCode::kPermissionDenied) << w.status().ToString();
    ASSERT_TRUE(conn_->Rollback().ok());
    EXPECT_TRUE(Exec("INSERT INTO t VALUES (1)").ok());
}

TEST_F(SqliteBackendTest, RollbackDiscardsAndResetEndsALeftoverTransaction) {
    ASSERT_TRUE(Exec("CREATE TABLE t (v INTEGER)").ok());
    ASSERT_TRUE(conn_->Begin({}).ok());
    ASSERT_TRUE(Exec("INSERT INTO t VALUES (1)").ok());
    ASSERT_TRUE(conn_->Rollback().ok());
    ASSERT_TRUE(conn_->Begin({}).ok());
    ASSERT_TRUE(Exec("INSERT INTO t VALUES (2)").ok());
    ASSERT_TRUE(conn_->Reset().ok());
    Collect sink;
    ASSERT_TRUE(conn_->Execute("SELECT count(*) FROM t", {}, sink).ok());
    EXPECT_EQ(sink.rows[0].values(0).int64_value(), 0);
}

TEST_F(SqliteBackendTest, StatementCacheHitsAndEvicts) {
    ASSERT_TRUE(Exec("SELECT 1").ok());
    ASSERT_TRUE(Exec("SELECT 1").ok());
    ASSERT_TRUE(Exec("SELECT 2").ok());
    ASSERT_TRUE(Exec("SELECT 3").ok());  // capacity 2: evicts SELECT 1
    EXPECT_EQ(counters_.hits, 1);
    EXPECT_EQ(counters_.misses, 3);
    EXPECT_EQ(counters_.evictions, 1);
}

TEST_F(SqliteBackendTest, CancelInterruptsALongStatement) {
    std::thread canceller([&] {
        std::this_thread::sleep_for(100ms);
        conn_->Cancel();
    });
    const auto r = Exec("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c");
    canceller.join();
    EXPECT_EQ(r.status().code(), StatusCode::kCancelled);
    EXPECT_TRUE(Exec("SELECT 1").ok());
}

TEST_F(SqliteBackendTest, CatalogListsAndDescribes) {
    ASSERT_TRUE(Exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'x')").ok());
    ASSERT_TRUE(Exec("CREATE VIEW v AS SELECT id FROM items").ok());
    auto tables = conn_->ListTables("");
    ASSERT_TRUE(tables.ok());
    ASSERT_EQ(tables->size(), 2u);
    EXPECT_EQ((*tables)[0].name, "items");
    EXPECT_EQ((*tables)[1].kind, "view");
    auto cols = conn_->DescribeTable("items");
    ASSERT_TRUE(cols.ok());
    ASSERT_EQ(cols->size(), 2u);
    EXPECT_TRUE((*cols)[0].primary_key);
    EXPECT_EQ((*cols)[0].type, common::v1::VALUE_TYPE_INT64);
    EXPECT_FALSE((*cols)[1].nullable);
    EXPECT_EQ((*cols)[1].default_value, "'x'");
    EXPECT_TRUE(conn_->DescribeTable("missing")->empty());
}

TEST_F(SqliteBackendTest, BulkInsertIsOneTransactionAndAllOrNothing) {
    ASSERT_TRUE(Exec("CREATE TABLE b (id INTEGER PRIMARY KEY, name TEXT)").ok());
    std::vector<Row> rows;
    for (int i = 1; i <= 1000; ++i) {
        Row r;
        *r.add_values() = Int(i);
        *r.add_values() = i % 2 ? Txt("n" + std::to_string(i)) : Null();
        rows.push_back(r);
    }
    VectorSource source(rows);
    auto n = conn_->BulkInsert("b", {"id", "name"}, source);
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    EXPECT_EQ(*n, 1000);
    VectorSource duplicate({rows[5], rows[0]});  // second row collides
    Row fresh;
    *fresh.add_values() = Int(5000);
    *fresh.add_values() = Txt("new");
    VectorSource mixed({fresh, rows[0]});
    EXPECT_EQ(conn_->BulkInsert("b", {"id", "name"}, mixed).status().code(), StatusCode::kAlreadyExists);
    Collect sink;
    ASSERT_TRUE(conn_->Execute("SELECT count(*) FROM b", {}, sink).ok());
    EXPECT_EQ(sink.rows[0].values(0).int64_value(), 1000);
}

}  // namespace
}  // namespace gantry::db
