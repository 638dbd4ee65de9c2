#include "gantry/turso/push_batch.hpp"

#include <gtest/gtest.h>

#include "gantry/turso/sqlite_connection.hpp"

namespace gantry::turso {
namespace {

std::vector<Stmt> TwoInserts() {
    return {{"INSERT INTO t VALUES (1)", {}, {}, false}, {"INSERT INTO t VALUES (2)", {}, {}, false}};
}

TEST(PushBatch, CommitRunsOnlyWhenEveryStepSucceeded) {
    const PushPlan plan = BuildPushBatch(TwoInserts(), "client-1", 17);
    const auto& steps = plan.batch.steps;
    ASSERT_EQ(steps.size(), 7u);  // BEGIN, marker table, 2 changes, marker upsert, COMMIT, ROLLBACK
    EXPECT_EQ(steps[0].stmt.sql, "BEGIN");
    EXPECT_EQ(plan.first_change_step, 2u);
    EXPECT_EQ(plan.commit_step, 5u);
    EXPECT_EQ(steps[5].stmt.sql, "COMMIT");
    for (size_t i = 1; i <= 5; ++i) {
        ASSERT_TRUE(steps[i].condition.has_value());
        EXPECT_EQ(steps[i].condition->kind, BatchCond::Kind::kOk);
        EXPECT_EQ(steps[i].condition->step, i - 1) << "each step waits for the one before";
    }
    EXPECT_EQ(steps[4].stmt.args[0], Value(std::string("client-1")));
    EXPECT_EQ(steps[4].stmt.args[1], Value(int64_t{17}));
    EXPECT_EQ(steps[6].stmt.sql, "ROLLBACK");
}

/// Runs the plan on a real SQLite connection, which evaluates conditions as Hrana servers do.
TEST(PushBatch, AFailingChangeRollsEverythingBackOnARealEngine) {
    auto conn = SqliteConnection::Open(":memory:", SqliteConnection::Access::kReadWrite);
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE(
        (*conn)
            ->ExecScript("CREATE TABLE t(x INTEGER PRIMARY KEY, u TEXT UNIQUE); INSERT INTO t VALUES (9, 'dup')")
            .ok());
    std::vector<Stmt> changes = {{"INSERT INTO t VALUES (1, 'a')", {}, {}, false},
                                 {"INSERT INTO t VALUES (2, 'dup')", {}, {}, false}};
    const PushPlan plan = BuildPushBatch(changes, "c", 2);
    const BatchResult result = (*conn)->RunBatch(plan.batch);
    Status st = CheckPushOutcome(plan, result);
    EXPECT_EQ(st.code(), StatusCode::kAborted);
    EXPECT_NE(st.message().find("change 2"), std::string::npos) << st.message();
    EXPECT_NE(st.message().find("UNIQUE"), std::string::npos) << st.message();
    EXPECT_TRUE(result.steps[plan.commit_step].skipped());
    EXPECT_TRUE((*conn)->autocommit()) << "the ROLLBACK step closed the transaction";
    auto rows = (*conn)->Execute({"SELECT count(*) FROM t", {}, {}, true});
    EXPECT_EQ(std::get<int64_t>(rows->rows[0][0]), 1) << "the first change was rolled back too";
    auto marker =
        (*conn)->Execute({"SELECT count(*) FROM sqlite_schema WHERE name = 'turso_sync_last_change_id'", {}, {}, true});
    EXPECT_EQ(std::get<int64_t>(marker->rows[0][0]), 0);
}

TEST(PushBatch, ASuccessfulPushCommitsAndRecordsTheMarker) {
    auto conn = SqliteConnection::Open(":memory:", SqliteConnection::Access::kReadWrite);
    ASSERT_TRUE((*conn)->ExecScript("CREATE TABLE t(x INTEGER PRIMARY KEY)").ok());
    const PushPlan plan = BuildPushBatch(TwoInserts(), "c", 5);
    const BatchResult result = (*conn)->RunBatch(plan.batch);
    EXPECT_TRUE(CheckPushOutcome(plan, result).ok());
    EXPECT_TRUE(result.steps.back().skipped()) << "no ROLLBACK after a COMMIT";
    EXPECT_EQ(ParseLastPushed((*conn)->Execute(LastPushedQuery("c"))).value(), 5);
    EXPECT_EQ(ParseLastPushed((*conn)->Execute(LastPushedQuery("other"))).value(), 0);
}

TEST(PushBatch, ABeginThatFailsDoesNotRollBackSomeoneElsesTransaction) {
    auto conn = SqliteConnection::Open(":memory:", SqliteConnection::Access::kReadWrite);
    ASSERT_TRUE((*conn)->ExecScript("CREATE TABLE t(x INTEGER PRIMARY KEY); BEGIN; INSERT INTO t VALUES (100)").ok());
    const PushPlan plan = BuildPushBatch(TwoInserts(), "c", 5);
    const BatchResult result = (*conn)->RunBatch(plan.batch);
    EXPECT_FALSE(CheckPushOutcome(plan, result).ok());
    EXPECT_TRUE(result.steps.back().skipped());
    EXPECT_FALSE((*conn)->autocommit()) << "the other transaction is still open";
}

TEST(PushBatch, MissingMarkerTableMeansNothingPushedYet) {
    StatusOr<StmtResult> missing = InvalidArgumentError("Parse error: no such table: turso_sync_last_change_id");
    EXPECT_EQ(ParseLastPushed(missing).value(), 0);
    StatusOr<StmtResult> down = UnavailableError("refused");
    EXPECT_EQ(ParseLastPushed(down).status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace gantry::turso
