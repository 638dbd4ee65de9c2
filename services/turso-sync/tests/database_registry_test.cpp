#include "gantry/turso/database_registry.hpp"

#include <gtest/gtest.h>

namespace gantry::turso {
namespace {

struct Log {
    int rollbacks = 0;
    int commits = 0;
};

class FakeTransaction final : public Transaction {
public:
    explicit FakeTransaction(Log& log) : log_(log) {}
    ~FakeTransaction() override {
        if (open_) ++log_.rollbacks;
    }
    StatusOr<StmtResult> Execute(const Stmt&) override { return StmtResult{}; }
    Status Commit() override {
        open_ = false;
        ++log_.commits;
        return Status::Ok();
    }
    Status Rollback() override {
        open_ = false;
        ++log_.rollbacks;
        return Status::Ok();
    }

private:
    Log& log_;
    bool open_ = true;
};

class FakeDatabase final : public Database {
public:
    FakeDatabase(DatabaseConfig config, Log& log) : config_(std::move(config)), log_(log) {}
    const DatabaseConfig& config() const override { return config_; }
    StatusOr<ExecOutcome> Execute(const Stmt&) override { return ExecOutcome{}; }
    StatusOr<BatchOutcome> RunBatch(const Batch&) override { return BatchOutcome{}; }
    StatusOr<std::unique_ptr<Transaction>> Begin() override {
        return std::unique_ptr<Transaction>(new FakeTransaction(log_));
    }
    StatusOr<SyncReport> Sync() override { return SyncReport{}; }
    StatusOr<bool> IsReadOnly(const Stmt&) override { return true; }
    SyncStats Stats() const override { return {}; }

private:
    DatabaseConfig config_;
    Log& log_;
};

class RegistryTest : public ::testing::Test {
protected:
    DatabaseRegistry MakeRegistry() {
        return DatabaseRegistry(
            "main",
            [this](const DatabaseConfig& c) -> StatusOr<std::unique_ptr<Database>> {
                return std::unique_ptr<Database>(new FakeDatabase(c, log_));
            },
            std::chrono::seconds(60), [this] { return now_; });
    }
    static DatabaseConfig Config(const std::string& name, const std::string& path) {
        DatabaseConfig c;
        c.name = name;
        c.path = path;
        return c;
    }
    Log log_;
    std::chrono::steady_clock::time_point now_{};
};

TEST_F(RegistryTest, OpenIsIdempotentAndConflictsAreNamed) {
    auto registry = MakeRegistry();
    ASSERT_TRUE(registry.Open(Config("main", "/a.db")).ok());
    EXPECT_TRUE(registry.Open(Config("main", "/a.db")).ok());
    EXPECT_EQ(registry.Open(Config("main", "/b.db")).status().code(), StatusCode::kAlreadyExists);
    auto same_file = registry.Open(Config("other", "/a.db"));
    EXPECT_EQ(same_file.status().code(), StatusCode::kAlreadyExists);
    EXPECT_NE(same_file.status().message().find("'main'"), std::string::npos);
    EXPECT_TRUE(registry.Get("").ok()) << "empty name = the default database";
    auto missing = registry.Get("nope");
    EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
    EXPECT_NE(missing.status().message().find("open: main"), std::string::npos);
    EXPECT_TRUE(registry.Close("main").ok());
    EXPECT_EQ(registry.Close("main").code(), StatusCode::kNotFound);
}

TEST_F(RegistryTest, TransactionsEndOnceAndIdleOnesAreRolledBack) {
    auto registry = MakeRegistry();
    ASSERT_TRUE(registry.Open(Config("main", "/a.db")).ok());
    auto committed = registry.BeginTransaction("main");
    ASSERT_TRUE(committed.ok());
    EXPECT_TRUE(registry.FindTransaction(*committed).ok());
    EXPECT_TRUE(registry.EndTransaction(*committed, true).ok());
    EXPECT_EQ(log_.commits, 1);
    EXPECT_EQ(registry.EndTransaction(*committed, true).code(), StatusCode::kNotFound);

    auto forgotten = registry.BeginTransaction("main");
    auto active = registry.BeginTransaction("main");
    now_ += std::chrono::seconds(45);
    ASSERT_TRUE(registry.FindTransaction(*active).ok());  // used: stays alive
    now_ += std::chrono::seconds(30);
    EXPECT_TRUE(registry.FindTransaction(*active).ok());
    auto gone = registry.FindTransaction(*forgotten);
    EXPECT_EQ(gone.status().reason(), "TRANSACTION_NOT_FOUND");
    EXPECT_EQ(log_.rollbacks, 1) << "the idle transaction was rolled back";
    registry.CloseAll();
    EXPECT_EQ(log_.rollbacks, 2) << "shutdown rolls back what is still open";
}

}  // namespace
}  // namespace gantry::turso
