#include "gantry/turso/changeset_sql.hpp"

#include <gtest/gtest.h>

#include "gantry/turso/outbox.hpp"
#include "gantry/turso/session_capture.hpp"
#include "gantry/turso/sqlite_connection.hpp"

namespace gantry::turso {
namespace {

class CaptureTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto c = SqliteConnection::Open(":memory:", SqliteConnection::Access::kReadWrite);
        ASSERT_TRUE(c.ok());
        conn_ = std::move(*c);
        ASSERT_TRUE(Outbox::Attach(*conn_, ":memory:").ok());
        ASSERT_TRUE(conn_->ExecScript("CREATE TABLE kv(k TEXT PRIMARY KEY, v TEXT, n INTEGER)").ok());
    }
    StatusOr<int> Write(const std::string& sql) {
        return CaptureWrite(*conn_, sql, [&] { return conn_->Execute({sql, {}, {}, false}).status(); });
    }
    std::vector<Stmt> Replay() {
        auto entries = Outbox::List(*conn_);
        std::vector<Stmt> out;
        for (const auto& e : *entries) {
            if (e.kind == OutboxEntry::Kind::kSql) {
                out.push_back({e.payload, {}, {}, false});
                continue;
            }
            auto stmts = ChangesetToStatements(conn_->raw(), e.payload);
            EXPECT_TRUE(stmts.ok()) << stmts.status().ToString();
            for (auto& s : *stmts) out.push_back(s);
        }
        return out;
    }
    std::unique_ptr<SqliteConnection> conn_;
};

TEST_F(CaptureTest, InsertUpdateDeleteBecomeReplayableStatements) {
    ASSERT_EQ(Write("INSERT INTO kv VALUES ('a', 'one', 1)").value(), 1);
    ASSERT_TRUE(Write("UPDATE kv SET v = 'uno' WHERE k = 'a'").ok());
    ASSERT_TRUE(Write("INSERT INTO kv VALUES ('b', 'two', 2)").ok());
    ASSERT_TRUE(Write("DELETE FROM kv WHERE k = 'b'").ok());
    const auto stmts = Replay();
    ASSERT_EQ(stmts.size(), 4u);
    EXPECT_EQ(
        stmts[0].sql,
        R"(INSERT INTO "kv" ("k","v","n") VALUES (?,?,?) ON CONFLICT ("k") DO UPDATE SET "v" = excluded."v","n" = excluded."n")");
    EXPECT_EQ(stmts[1].sql, R"(UPDATE "kv" SET "v" = ? WHERE "k" = ?)");
    EXPECT_EQ(stmts[1].args, (std::vector<Value>{std::string("uno"), std::string("a")}));
    EXPECT_EQ(stmts[3].sql, R"(DELETE FROM "kv" WHERE "k" = ?)");

    // Replaying on another database reproduces the state.
    auto other = SqliteConnection::Open(":memory:", SqliteConnection::Access::kReadWrite);
    ASSERT_TRUE((*other)->ExecScript("CREATE TABLE kv(k TEXT PRIMARY KEY, v TEXT, n INTEGER)").ok());
    for (const auto& s : stmts) ASSERT_TRUE((*other)->Execute(s).ok()) << s.sql;
    auto rows = (*other)->Execute({"SELECT k, v, n FROM kv", {}, {}, true});
    ASSERT_EQ(rows->rows.size(), 1u);
    EXPECT_EQ(rows->rows[0], (std::vector<Value>{std::string("a"), std::string("uno"), int64_t{1}}));
}

TEST_F(CaptureTest, SchemaChangesAreQueuedAsSql) {
    ASSERT_EQ(Write("CREATE TABLE extra(id INTEGER PRIMARY KEY)").value(), 1);
    const auto stmts = Replay();
    ASSERT_EQ(stmts.size(), 1u);
    EXPECT_EQ(stmts[0].sql, "CREATE TABLE extra(id INTEGER PRIMARY KEY)");
}

TEST_F(CaptureTest, SchemaChangeWithoutItsSqlIsRefusedAndRolledBack) {
    auto r = CaptureWrite(*conn_, "", [&] { return conn_->ExecScript("CREATE TABLE hidden(x)"); });
    EXPECT_EQ(r.status().reason(), "OFFLINE_BATCH_DDL");
    EXPECT_EQ(Outbox::Count(*conn_).value(), 0u);
    auto exists = conn_->Execute({"SELECT count(*) FROM sqlite_schema WHERE name = 'hidden'", {}, {}, true});
    EXPECT_EQ(std::get<int64_t>(exists->rows[0][0]), 0);
}

TEST_F(CaptureTest, AFailedWriteQueuesNothingAndChangesNothing) {
    ASSERT_TRUE(Write("INSERT INTO kv VALUES ('a', 'one', 1)").ok());
    EXPECT_FALSE(Write("INSERT INTO kv VALUES ('a', 'again', 2)").ok());
    EXPECT_EQ(Outbox::Count(*conn_).value(), 1u);
    EXPECT_TRUE(conn_->autocommit());
}

TEST_F(CaptureTest, DiffOfAWorkingCopyTurnsTheOldIntoTheNew) {
    ASSERT_TRUE(conn_->ExecScript("INSERT INTO kv VALUES ('keep', 'k', 1), ('gone', 'g', 2), ('edit', 'e', 3)").ok());
    ASSERT_TRUE(conn_->Attach(":memory:", "old").ok());
    ASSERT_TRUE(conn_
                    ->ExecScript("CREATE TABLE old.kv(k TEXT PRIMARY KEY, v TEXT, n INTEGER);"
                                 "INSERT INTO old.kv VALUES ('keep', 'k', 1), ('edit', 'E', 3), ('new', 'n', 4)")
                    .ok());
    // The diff is what turns old.kv into main.kv.
    auto changeset = DiffAgainst(*conn_, "old");
    ASSERT_TRUE(changeset.ok()) << changeset.status().ToString();
    auto stmts = ChangesetToStatements(conn_->raw(), *changeset);
    ASSERT_TRUE(stmts.ok());
    EXPECT_EQ(stmts->size(), 3u);  // insert 'gone', update 'edit', delete 'new'
    for (const auto& s : *stmts) {
        std::string sql = s.sql;
        sql.replace(sql.find("\"kv\""), 4, "old.\"kv\"");
        ASSERT_TRUE(conn_->Execute({sql, s.args, {}, false}).ok()) << sql;
    }
    auto same =
        conn_->Execute({"SELECT count(*) FROM (SELECT * FROM main.kv EXCEPT SELECT * FROM old.kv)", {}, {}, true});
    EXPECT_EQ(std::get<int64_t>(same->rows[0][0]), 0);
}

TEST(QuoteIdentifier, DoublesQuotes) { EXPECT_EQ(QuoteIdentifier("a\"b"), "\"a\"\"b\""); }

}  // namespace
}  // namespace gantry::turso
