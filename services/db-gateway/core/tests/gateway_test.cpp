#include "gantry/db/gateway.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "fake_connection.hpp"

namespace gantry::db {
namespace {

using namespace std::chrono_literals;
using testing::FakeDriver;
using testing::FakeServer;

class GatewayTest : public ::testing::Test {
protected:
    void SetUp() override {
        DatabaseConfig db;
        db.name = "main";
        db.driver = "fake";
        db.pool.max_connections = 2;
        db.pool.acquire_timeout = 200ms;
        db.max_rows = 5;
        db.transaction_idle_timeout = 150ms;
        GatewayConfig config;
        config.databases.push_back(db);
        gateway_ = std::make_unique<Gateway>(
            config,
            std::map<std::string, DriverFactory>{
                {"fake", [this](const DriverOptions&) -> StatusOr<std::unique_ptr<Driver>> {
                     return std::unique_ptr<Driver>(std::make_unique<FakeDriver>(server_));
                 }}},
            registry_);
        ASSERT_TRUE(gateway_->Start().ok());
    }
    void TearDown() override { gateway_->Stop(); }

    v1::ExecuteRequest Req(const std::string& sql, const std::string& tx = "") {
        v1::ExecuteRequest r;
        r.set_sql(sql);
        r.set_transaction_id(tx);
        return r;
    }

    std::shared_ptr<FakeServer> server_ = std::make_shared<FakeServer>();
    prometheus::Registry registry_;
    std::unique_ptr<Gateway> gateway_;
    CallContext ctx_;
};

TEST_F(GatewayTest, ReadOnlyAccessRunsInAReadOnlyTransaction) {
    v1::ExecuteResponse resp;
    ASSERT_TRUE(gateway_->Execute(ctx_, Access::kReadOnly, Req("SELECT 1"), resp).ok());
    EXPECT_EQ(server_->Log(), (std::vector<std::string>{"BEGIN READ ONLY", "SELECT 1", "COMMIT"}));
    v1::ExecuteResponse denied;
    const auto st = gateway_->Execute(ctx_, Access::kReadOnly, Req("INSERT x"), denied);
    EXPECT_EQ(st.code(), StatusCode::kPermissionDenied);
    EXPECT_EQ(server_->Log().back(), "ROLLBACK");
}

TEST_F(GatewayTest, ReadWriteAccessRunsBareAndReportsAffectedRowsAndInsertId) {
    v1::ExecuteResponse resp;
    ASSERT_TRUE(gateway_->Execute(ctx_, Access::kReadWrite, Req("INSERT x"), resp).ok());
    EXPECT_EQ(server_->Log(), std::vector<std::string>{"INSERT x"});
    EXPECT_EQ(resp.rows_affected(), 1);
    EXPECT_TRUE(resp.has_last_insert_id());
    EXPECT_EQ(resp.last_insert_id(), 7);
}

TEST_F(GatewayTest, RowsAreCappedAtMaxRowsAndMarkedTruncated) {
    v1::ExecuteResponse resp;
    ASSERT_TRUE(gateway_->Execute(ctx_, Access::kReadWrite, Req("ROWS 10"), resp).ok());
    EXPECT_EQ(resp.rows_size(), 5);
    EXPECT_TRUE(resp.truncated());
    v1::ExecuteResponse exact;
    auto req = Req("ROWS 3");
    req.set_max_rows(3);
    ASSERT_TRUE(gateway_->Execute(ctx_, Access::kReadWrite, req, exact).ok());
    EXPECT_EQ(exact.rows_size(), 3);
    EXPECT_FALSE(exact.truncated());
    ASSERT_EQ(exact.columns_size(), 1);
    EXPECT_EQ(exact.columns(0).name(), "i");
}

TEST_F(GatewayTest, TruncatedReadOnlyCallMayCancelTheRestAndThenRollsBack) {
    // Its own read-only transaction: the rest may be cancelled, and the transaction is rolled back, not committed.
    v1::ExecuteResponse resp;
    ASSERT_TRUE(gateway_->Execute(ctx_, Access::kReadOnly, Req("ROWS 10"), resp).ok());
    EXPECT_EQ(resp.rows_size(), 5);
    EXPECT_TRUE(resp.truncated());
    EXPECT_EQ(server_->Log(), (std::vector<std::string>{"BEGIN READ ONLY", "ROWS 10", "CANCEL REST", "ROLLBACK"}));
    // A read-write call, or one inside a transaction, must read the rest: a cancel could undo its writes.
    server_->log.clear();
    v1::ExecuteResponse rw;
    ASSERT_TRUE(gateway_->Execute(ctx_, Access::kReadWrite, Req("ROWS 10"), rw).ok());
    EXPECT_TRUE(rw.truncated());
    v1::BeginTransactionRequest begin;
    begin.set_read_only(true);
    v1::BeginTransactionResponse tx;
    ASSERT_TRUE(gateway_->BeginTransaction(ctx_, Access::kReadOnly, begin, tx).ok());
    v1::ExecuteResponse in_tx;
    ASSERT_TRUE(gateway_->Execute(ctx_, Access::kReadOnly, Req("ROWS 10", tx.transaction_id()), in_tx).ok());
    EXPECT_TRUE(in_tx.truncated());
    v1::TransactionRequest end;
    end.set_transaction_id(tx.transaction_id());
    ASSERT_TRUE(gateway_->Commit(ctx_, end).ok());
    EXPECT_EQ(server_->Log(), (std::vector<std::string>{"ROWS 10", "BEGIN READ ONLY", "ROWS 10", "COMMIT"}));
}

TEST_F(GatewayTest, StatementTreeIsBuiltForTheDatabaseDialectAndRunWithItsParameters) {
    v1::ExecuteStatementRequest req;
    auto* select = req.mutable_statement()->mutable_select();
    select->mutable_from()->mutable_table()->set_name("t");
    auto* where = select->mutable_where()->mutable_binary();
    where->set_op(v1::SqlBinary::EQ);
    where->mutable_left()->mutable_column()->set_name("id");
    where->mutable_right()->mutable_value()->set_int64_value(42);
    v1::ExecuteResponse resp;
    ASSERT_TRUE(gateway_->ExecuteStatement(ctx_, Access::kReadWrite, req, resp).ok());
    EXPECT_EQ(server_->Log(), std::vector<std::string>{"SELECT * FROM \"t\" WHERE \"id\" = $1"});  // fake = PostgreSQL
    // Read-only access wraps it like any read-only call; a missing or invalid tree is INVALID_ARGUMENT.
    ASSERT_TRUE(gateway_->ExecuteStatement(ctx_, Access::kReadOnly, req, resp).ok());
    EXPECT_EQ(server_->Log().at(1), "BEGIN READ ONLY");
    v1::ExecuteStatementRequest empty_tree;
    empty_tree.mutable_statement();
    EXPECT_EQ(gateway_->ExecuteStatement(ctx_, Access::kReadWrite, empty_tree, resp).code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(gateway_->ExecuteStatement(ctx_, Access::kReadWrite, v1::ExecuteStatementRequest(), resp).code(),
              StatusCode::kInvalidArgument);
    EXPECT_EQ(server_->Log().size(), 4u);
}

TEST_F(GatewayTest, UnknownDatabaseIsNotFoundListingTheConfiguredOnes) {
    auto req = Req("SELECT 1");
    req.set_database("nope");
    v1::ExecuteResponse resp;
    const auto st = gateway_->Execute(ctx_, Access::kReadWrite, req, resp);
    EXPECT_EQ(st.code(), StatusCode::kNotFound);
    EXPECT_NE(st.message().find("configured: main"), std::string::npos);
}

TEST_F(GatewayTest, TransactionPinsOneConnectionAcrossCalls) {
    v1::BeginTransactionRequest begin;
    v1::BeginTransactionResponse tx;
    ASSERT_TRUE(gateway_->BeginTransaction(ctx_, Access::kReadWrite, begin, tx).ok());
    EXPECT_EQ(tx.transaction_id().rfind("tx_", 0), 0u);
    for (int i = 0; i < 3; ++i) {
        v1::ExecuteResponse resp;
        ASSERT_TRUE(gateway_->Execute(ctx_, Access::kReadWrite, Req("INSERT x", tx.transaction_id()), resp).ok());
    }
    EXPECT_EQ(server_->connects, 1);
    v1::TransactionRequest end;
    end.set_transaction_id(tx.transaction_id());
    ASSERT_TRUE(gateway_->Commit(ctx_, end).ok());
    EXPECT_EQ(server_->Log().back(), "COMMIT");
    // Ending an ended transaction is FAILED_PRECONDITION, not ABORTED: a client retrying an ABORTED
    // transaction would apply its writes twice.
    const auto again = gateway_->Commit(ctx_, end);
    EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(again.reason(), "TRANSACTION_ENDED");
    EXPECT_NE(again.message().find("committed"), std::string::npos);
    const auto rollback = gateway_->Rollback(ctx_, end);
    EXPECT_EQ(rollback.code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(rollback.reason(), "TRANSACTION_ENDED");
    v1::ExecuteResponse late;
    EXPECT_EQ(gateway_->Execute(ctx_, Access::kReadWrite, Req("INSERT x", tx.transaction_id()), late).code(),
              StatusCode::kFailedPrecondition);
    v1::TransactionRequest unknown;
    unknown.set_transaction_id("tx_nope");
    EXPECT_EQ(gateway_->Rollback(ctx_, unknown).code(), StatusCode::kNotFound);
}

TEST_F(GatewayTest, ReadOnlyCallerCannotUseAReadWriteTransaction) {
    v1::BeginTransactionResponse tx;
    ASSERT_TRUE(gateway_->BeginTransaction(ctx_, Access::kReadWrite, {}, tx).ok());
    v1::ExecuteResponse resp;
    EXPECT_EQ(gateway_->Execute(ctx_, Access::kReadOnly, Req("SELECT 1", tx.transaction_id()), resp).code(),
              StatusCode::kPermissionDenied);
    v1::BeginTransactionResponse ro;
    ASSERT_TRUE(gateway_->BeginTransaction(ctx_, Access::kReadOnly, {}, ro).ok());
    EXPECT_EQ(server_->Log().back(), "BEGIN READ ONLY");
}

TEST_F(GatewayTest, IdleTransactionIsRolledBackAndItsConnectionReturned) {
    v1::BeginTransactionResponse tx;
    ASSERT_TRUE(gateway_->BeginTransaction(ctx_, Access::kReadWrite, {}, tx).ok());
    // The background maintenance (every 200 ms) or this explicit pass rolls it back after 150 ms idle.
    for (int i = 0; i < 100 && server_->Log().back() != "ROLLBACK"; ++i) {
        std::this_thread::sleep_for(20ms);
        gateway_->Maintain();
    }
    EXPECT_EQ(server_->Log().back(), "ROLLBACK");
    v1::ExecuteResponse resp;
    const auto st = gateway_->Execute(ctx_, Access::kReadWrite, Req("SELECT 1", tx.transaction_id()), resp);
    EXPECT_EQ(st.code(), StatusCode::kAborted);
    EXPECT_NE(st.message().find("without a call"), std::string::npos) << st.message();
    v1::GetPoolStatsResponse stats;
    ASSERT_TRUE(gateway_->GetPoolStats({}, stats).ok());
    EXPECT_EQ(stats.pools(0).in_use(), 0);
    EXPECT_EQ(stats.pools(0).open_transactions(), 0);
}

TEST_F(GatewayTest, DeadlineCancelsTheRunningStatement) {
    CallContext ctx;
    ctx.deadline = std::chrono::steady_clock::now() + 100ms;
    v1::ExecuteResponse resp;
    const auto start = std::chrono::steady_clock::now();
    const auto st = gateway_->Execute(ctx, Access::kReadWrite, Req("SLEEP"), resp);
    EXPECT_EQ(st.code(), StatusCode::kDeadlineExceeded);
    EXPECT_EQ(server_->cancels, 1);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
    // The cancelled connection is not reused (a late cancel could hit its next statement).
    v1::ExecuteResponse next;
    ASSERT_TRUE(gateway_->Execute(ctx_, Access::kReadWrite, Req("SELECT 1"), next).ok());
    EXPECT_EQ(server_->connects, 2);
}

TEST_F(GatewayTest, ClientCancellationCancelsTheRunningStatement) {
    CallContext ctx;
    std::atomic<bool> cancelled{false};
    ctx.cancelled = [&] { return cancelled.load(); };
    std::thread canceller([&] {
        std::this_thread::sleep_for(50ms);
        cancelled = true;
    });
    v1::ExecuteResponse resp;
    const auto st = gateway_->Execute(ctx, Access::kReadWrite, Req("SLEEP"), resp);
    canceller.join();
    EXPECT_EQ(st.code(), StatusCode::kCancelled);
}

TEST_F(GatewayTest, StreamSendsChunksAndStopsWhenTheClientGoesAway) {
    v1::StreamQueryRequest req;
    req.set_sql("ROWS 25");
    req.set_chunk_rows(10);
    std::vector<int> sizes;
    ASSERT_TRUE(gateway_
                    ->StreamQuery(ctx_, Access::kReadWrite, req,
                                  [&](const v1::QueryChunk& c) {
                                      sizes.push_back(c.rows_size());
                                      return true;
                                  })
                    .ok());
    EXPECT_EQ(sizes, (std::vector<int>{10, 10, 5}));
    int chunks = 0;
    const auto st = gateway_->StreamQuery(ctx_, Access::kReadWrite, req, [&](const v1::QueryChunk&) {
        return ++chunks < 2;
    });
    EXPECT_EQ(st.code(), StatusCode::kCancelled);
    EXPECT_EQ(chunks, 2);
}

TEST_F(GatewayTest, AtomicBatchRollsBackOnFailureAndNamesTheStatement) {
    v1::ExecuteBatchRequest req;
    req.set_atomic(true);
    req.add_statements()->set_sql("INSERT a");
    req.add_statements()->set_sql("BREAK");
    v1::ExecuteBatchResponse resp;
    const auto st = gateway_->ExecuteBatch(ctx_, Access::kReadWrite, req, resp);
    EXPECT_EQ(st.code(), StatusCode::kUnavailable);
    EXPECT_NE(st.message().find("statement 2 of 2"), std::string::npos) << st.message();
    EXPECT_EQ(st.metadata().at("statement_index"), "1");
    const auto log = server_->Log();
    EXPECT_EQ(log.front(), "BEGIN");
    EXPECT_EQ(std::count(log.begin(), log.end(), "COMMIT"), 0);
}

TEST_F(GatewayTest, BulkInsertCountsRowsAndRefusesRaggedRows) {
    std::vector<v1::BulkInsertRequest> messages(2);
    messages[0].set_table("t");
    messages[0].add_columns("a");
    messages[0].add_rows()->add_values()->set_int64_value(1);
    messages[1].add_rows()->add_values()->set_int64_value(2);
    size_t next = 0;
    auto read = [&](v1::BulkInsertRequest& m) {
        if (next >= messages.size()) return false;
        m = messages[next++];
        return true;
    };
    v1::BulkInsertResponse resp;
    ASSERT_TRUE(gateway_->BulkInsert(ctx_, read, resp).ok());
    EXPECT_EQ(resp.rows_inserted(), 2);
    messages[1].mutable_rows(0)->add_values()->set_int64_value(3);
    next = 0;
    const auto st = gateway_->BulkInsert(ctx_, read, resp);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(st.message().find("row 2 has 2 values but 1 columns"), std::string::npos) << st.message();
}

TEST_F(GatewayTest, DescribeOfAMissingTableIsNotFound) {
    v1::DescribeTableRequest req;
    req.set_table("missing");
    v1::DescribeTableResponse resp;
    EXPECT_EQ(gateway_->DescribeTable(ctx_, req, resp).code(), StatusCode::kNotFound);
    req.set_table("t");
    ASSERT_TRUE(gateway_->DescribeTable(ctx_, req, resp).ok());
    EXPECT_TRUE(resp.columns(0).primary_key());
}

}  // namespace
}  // namespace gantry::db
