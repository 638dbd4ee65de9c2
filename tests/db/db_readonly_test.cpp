// PostgreSQL read-only calls (Query, and Execute by a read-role caller) send BEGIN READ ONLY, the statement and
// COMMIT in one pipeline. Every outcome is the one the three separate round trips gave (compared with the same
// statement in an explicit read-only transaction), and the one-connection pool "tiny" keeps its connection (the
// same server backend) idle and outside any transaction afterwards; only a cancel closes it.
#include <gtest/gtest.h>

#include "db_env.hpp"

namespace gantry::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kDb = "tiny";

class DbReadOnlyPipeline : public ::testing::Test {
protected:
    void SetUp() override {
        auto& world = DbWorld::Get();
        ASSERT_TRUE(world.ok()) << world.error();
        admin_ = std::make_unique<DbClient>(world.address());
        reader_ = std::make_unique<DbClient>(world.address(), "read-token-for-tests");
        auto pid = Backend();
        ASSERT_TRUE(pid.ok()) << pid.status().ToString();
        pid_ = *pid;
    }

    StatusOr<int64_t> Backend() { return admin_->Count(kDb, "SELECT pg_backend_pid()"); }

    /// Query (or, with `read_role`, Execute by a read-role caller).
    StatusOr<dbv1::ExecuteResponse> ReadOnly(const std::string& sql, bool read_role = false, int64_t max_rows = 0,
                                             int deadline_ms = 20000) {
        dbv1::ExecuteRequest req;
        req.set_database(kDb);
        req.set_sql(sql);
        req.set_max_rows(max_rows);
        return read_role ? reader_->Send(req, false, deadline_ms) : admin_->Send(req, true, deadline_ms);
    }

    /// The statement in an explicit read-only transaction: BEGIN, the statement and ROLLBACK each a round trip.
    Status InExplicitReadOnlyTransaction(const std::string& sql) {
        auto tx = admin_->Begin(kDb, true);
        if (!tx.ok()) return tx.status();
        auto r = admin_->Execute(kDb, sql, {}, *tx);
        (void)admin_->Rollback(*tx);
        return r.status();
    }

    void ExpectSameError(const Status& got, const Status& want) {
        EXPECT_FALSE(got.ok());
        EXPECT_EQ(got.code(), want.code()) << got.ToString() << " vs " << want.ToString();
        EXPECT_EQ(got.reason(), want.reason());
        EXPECT_EQ(got.message(), want.message());
        EXPECT_EQ(got.metadata(), want.metadata());
    }

    /// The connection is the one from before (`same_backend`) and idle: no transaction left open.
    void ExpectClean(bool same_backend = true) {
        auto pid = Backend();
        ASSERT_TRUE(pid.ok()) << pid.status().ToString();
        if (same_backend) {
            EXPECT_EQ(*pid, pid_);
        }
        // A read-only transaction left open would show here, an aborted one fail every statement.
        auto r = admin_->Execute(kDb, "SELECT current_setting('transaction_read_only')");
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        EXPECT_EQ(r->rows(0).values(0).text_value(), "off");
        auto write = admin_->Execute(kDb, "CREATE TEMP TABLE ro_pipe_probe (v int)");
        EXPECT_TRUE(write.ok()) << write.status().ToString();
    }

    std::unique_ptr<DbClient> admin_;
    std::unique_ptr<DbClient> reader_;
    int64_t pid_ = 0;
};

TEST_F(DbReadOnlyPipeline, ReadsRowsAndKeepsTheConnection) {
    for (const bool read_role : {false, true}) {
        for (int i = 0; i < 3; ++i) {  // the first call prepares, the next ones use the cached statement
            auto r = ReadOnly("SELECT x, 'v' || x AS label FROM generate_series(1, 3) AS x", read_role);
            ASSERT_TRUE(r.ok()) << r.status().ToString();
            ASSERT_EQ(r->rows_size(), 3);
            EXPECT_EQ(r->rows(2).values(0).int64_value(), 3);
            EXPECT_EQ(r->rows(2).values(1).text_value(), "v3");
            EXPECT_FALSE(r->truncated());
        }
    }
    auto in_tx = ReadOnly("SELECT current_setting('transaction_read_only')");
    ASSERT_TRUE(in_tx.ok()) << in_tx.status().ToString();
    EXPECT_EQ(in_tx->rows(0).values(0).text_value(), "on");
    ExpectClean();
}

TEST_F(DbReadOnlyPipeline, WriteIsRefusedAsBefore) {
    ASSERT_TRUE(admin_->Execute(kDb, "DROP TABLE IF EXISTS ro_pipe_items").ok());
    ASSERT_TRUE(admin_->Execute(kDb, "CREATE TABLE ro_pipe_items (id int)").ok());
    const std::string insert = "INSERT INTO ro_pipe_items VALUES (1)";
    const Status want = InExplicitReadOnlyTransaction(insert);
    EXPECT_EQ(want.code(), StatusCode::kPermissionDenied) << want.ToString();
    EXPECT_EQ(want.reason(), "READ_ONLY_TRANSACTION");
    for (const bool read_role : {false, true}) {
        ExpectSameError(ReadOnly(insert, read_role).status(), want);
        ExpectSameError(ReadOnly("CREATE TABLE ro_pipe_other (v int)", read_role).status(),
                        InExplicitReadOnlyTransaction("CREATE TABLE ro_pipe_other (v int)"));
    }
    EXPECT_EQ(*admin_->Count(kDb, "SELECT count(*) FROM ro_pipe_items"), 0);
    ExpectClean();
}

TEST_F(DbReadOnlyPipeline, SyntaxErrorAsBefore) {
    const Status want = InExplicitReadOnlyTransaction("SELEC 1");
    ASSERT_FALSE(want.ok());
    ExpectSameError(ReadOnly("SELEC 1").status(), want);
    ExpectSameError(ReadOnly("SELEC 1", true).status(), want);
    ExpectClean();
}

TEST_F(DbReadOnlyPipeline, ErrorMidResultAsBefore) {
    // Two rows, then division by zero.
    const std::string sql = "SELECT 10 / (3 - x) FROM generate_series(1, 5) AS x";
    const Status want = InExplicitReadOnlyTransaction(sql);
    ASSERT_FALSE(want.ok());
    EXPECT_EQ(want.metadata().at("sqlstate"), "22012");
    for (int i = 0; i < 2; ++i) ExpectSameError(ReadOnly(sql, i == 1).status(), want);
    ExpectClean();
}

TEST_F(DbReadOnlyPipeline, MaxRowsTruncatesWithAndWithoutCancellingTheRest) {
    // 10 rows: the rest is read and dropped. 200,000 rows: the rest is cancelled and the transaction rolled back;
    // the cancel reaches nothing after it (the connection is kept and works).
    for (const int64_t total : {10, 200000}) {
        for (const bool read_role : {false, true}) {
            auto r = ReadOnly("SELECT x FROM generate_series(1, " + std::to_string(total) + ") AS x", read_role, 3);
            ASSERT_TRUE(r.ok()) << r.status().ToString();
            ASSERT_EQ(r->rows_size(), 3);
            EXPECT_TRUE(r->truncated());
            EXPECT_EQ(r->rows(2).values(0).int64_value(), 3);
            for (int i = 0; i < 5; ++i) {
                auto one = admin_->Execute(kDb, "SELECT 1");
                ASSERT_TRUE(one.ok()) << one.status().ToString();
            }
        }
    }
    ExpectClean();
}

TEST_F(DbReadOnlyPipeline, DeadlineCancelsTheStatementAndTheNextCallWorks) {
    for (const bool read_role : {false, true}) {
        const auto start = std::chrono::steady_clock::now();
        auto r = ReadOnly("SELECT pg_sleep(20)", read_role, 0, 500);
        EXPECT_EQ(r.status().code(), StatusCode::kDeadlineExceeded) << r.status().ToString();
        EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
        // A cancelled connection is closed, not reused: the next call gets a new one.
        ExpectClean(false);
        auto again = ReadOnly("SELECT 1");
        ASSERT_TRUE(again.ok()) << again.status().ToString();
    }
}

TEST_F(DbReadOnlyPipeline, StatementTheServerForgotIsPreparedAgain) {
    ASSERT_TRUE(admin_->Execute(kDb, "DROP TABLE IF EXISTS ro_pipe_shape").ok());
    ASSERT_TRUE(admin_->Execute(kDb, "CREATE TABLE ro_pipe_shape (id int)").ok());
    const std::string select = "SELECT * FROM ro_pipe_shape";
    ASSERT_TRUE(ReadOnly(select).ok());
    // A client's DEALLOCATE ALL: the statement is gone from the server (26000); the call prepares it again.
    ASSERT_TRUE(admin_->Execute(kDb, "DEALLOCATE ALL").ok());
    auto again = ReadOnly(select);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    // The result shape changes under the cached statement (0A000): the call prepares it again.
    ASSERT_TRUE(admin_->Execute(kDb, "ALTER TABLE ro_pipe_shape ADD COLUMN extra int").ok());
    auto reshaped = ReadOnly(select, true);
    ASSERT_TRUE(reshaped.ok()) << reshaped.status().ToString();
    EXPECT_EQ(reshaped->columns_size(), 2);
    ExpectClean();
}

}  // namespace
}  // namespace gantry::testing
