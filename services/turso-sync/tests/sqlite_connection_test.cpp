#include "gantry/turso/sqlite_connection.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace gantry::turso {
namespace {

namespace fs = std::filesystem;

class SqliteConnectionTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("gantry-sqlite-conn-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        auto c = SqliteConnection::Open((dir_ / "main.db").string(), SqliteConnection::Access::kReadWrite);
        ASSERT_TRUE(c.ok()) << c.status().ToString();
        conn_ = std::move(*c);
        ASSERT_TRUE(conn_->ExecScript("CREATE TABLE t(id INTEGER PRIMARY KEY, u TEXT UNIQUE, n TEXT NOT NULL)").ok());
        ASSERT_TRUE(conn_->ExecScript("INSERT INTO t VALUES (1, 'a', 'x')").ok());
    }
    void TearDown() override {
        conn_.reset();
        fs::remove_all(dir_);
    }
    StatusOr<StmtResult> Run(const std::string& sql) { return conn_->Execute({sql, {}, {}, true}); }
    static void ExpectRefused(const Status& st, const std::string& what) {
        EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << what << ": " << st.ToString();
        EXPECT_EQ(st.reason(), "ATTACH_REFUSED") << what << ": " << st.ToString();
        EXPECT_NE(st.message().find("ATTACH"), std::string::npos) << st.message();
    }
    fs::path dir_;
    std::unique_ptr<SqliteConnection> conn_;
};

TEST_F(SqliteConnectionTest, AttachInAStatementIsRefusedEverywhereAndCreatesNoFile) {
    const std::string file = (dir_ / "sneaky.db").string();
    const std::string attach = "ATTACH DATABASE '" + file + "' AS sneaky";
    ExpectRefused(Run(attach).status(), "Execute");
    ExpectRefused(Run("  /* hidden */ attach '" + file + "' as s2;").status(), "Execute, lower case after a comment");
    ExpectRefused(conn_->Execute({"ATTACH ? AS s3", {file}, {}, false}).status(), "Execute with a parameter");
    ExpectRefused(conn_->IsReadOnly(attach).status(), "IsReadOnly");
    ExpectRefused(conn_->ExecScript("SELECT 1; " + attach), "ExecScript");
    Batch batch;
    batch.steps.push_back({std::nullopt, {"SELECT 1", {}, {}, true}});
    batch.steps.push_back({std::nullopt, {attach, {}, {}, false}});
    const BatchResult result = conn_->RunBatch(batch);
    ASSERT_EQ(result.steps.size(), 2u);
    EXPECT_FALSE(result.steps[0].error);
    ASSERT_TRUE(result.steps[1].error);
    EXPECT_EQ(result.steps[1].error->code, "ATTACH_REFUSED");
    EXPECT_FALSE(fs::exists(file));
    // Inside a transaction too.
    ASSERT_TRUE(conn_->ExecScript("BEGIN").ok());
    ExpectRefused(Run(attach).status(), "Execute in a transaction");
    ASSERT_TRUE(conn_->ExecScript("ROLLBACK").ok());
    EXPECT_FALSE(fs::exists(file));
    // Other statements still work, and a refusal leaves no trace on the next error.
    EXPECT_EQ(Run("SELECT count(*) FROM t")->rows.size(), 1u);
    EXPECT_EQ(Run("SELEC 1").status().reason(), "SQL_ERROR");
}

TEST_F(SqliteConnectionTest, OnlyAttachAttachesAndDetachIsRefused) {
    const std::string file = (dir_ / "own.db").string();
    ASSERT_TRUE(conn_->Attach(file, "own").ok());
    EXPECT_TRUE(fs::exists(file));
    ASSERT_TRUE(conn_->ExecScript("CREATE TABLE own.kv(k TEXT)").ok());
    ExpectRefused(Run("DETACH DATABASE own").status(), "DETACH");
    ExpectRefused(conn_->ExecScript("DETACH own"), "DETACH in a script");
    EXPECT_TRUE(Run("SELECT * FROM own.kv").ok()) << "still attached";
    // The permission ends with Attach.
    ExpectRefused(Run("ATTACH ':memory:' AS later").status(), "ATTACH after Attach");
    EXPECT_TRUE(conn_->Attach(":memory:", "odd\"name").ok());
}

TEST_F(SqliteConnectionTest, ErrorCodesFollowTheErrorCodesDoc) {
    auto missing = Run("SELECT * FROM no_such_table_here");
    EXPECT_EQ(missing.status().code(), StatusCode::kNotFound) << missing.status().ToString();
    EXPECT_EQ(missing.status().reason(), "UNDEFINED_TABLE");
    EXPECT_NE(missing.status().message().find("no_such_table_here"), std::string::npos);
    EXPECT_EQ(conn_->IsReadOnly("SELECT * FROM no_such_table_here").status().code(), StatusCode::kNotFound);

    auto unique = Run("INSERT INTO t VALUES (2, 'a', 'y')");
    EXPECT_EQ(unique.status().code(), StatusCode::kAlreadyExists) << unique.status().ToString();
    EXPECT_EQ(unique.status().reason(), "UNIQUE_VIOLATION");
    EXPECT_NE(unique.status().message().find("UNIQUE"), std::string::npos);
    auto primary = Run("INSERT INTO t VALUES (1, 'b', 'y')");
    EXPECT_EQ(primary.status().code(), StatusCode::kAlreadyExists) << primary.status().ToString();
    EXPECT_EQ(primary.status().reason(), "UNIQUE_VIOLATION");

    // Other errors keep their codes.
    auto not_null = Run("INSERT INTO t VALUES (3, 'c', NULL)");
    EXPECT_EQ(not_null.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(not_null.status().reason(), "CONSTRAINT_VIOLATION");
    auto column = Run("SELECT nope FROM t");
    EXPECT_EQ(column.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(column.status().reason(), "SQL_ERROR");
    auto syntax = Run("SELEC 1");
    EXPECT_EQ(syntax.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(syntax.status().reason(), "SQL_ERROR");
}

TEST_F(SqliteConnectionTest, VacuumCompactsButVacuumIntoIsRefusedAndCreatesNoFile) {
    ASSERT_TRUE(conn_
                    ->ExecScript("CREATE TABLE big(x BLOB); INSERT INTO big VALUES (randomblob(200000)); "
                                 "DELETE FROM big")
                    .ok());
    const auto before = fs::file_size(dir_ / "main.db");
    ASSERT_TRUE(Run("VACUUM").ok());
    EXPECT_LT(fs::file_size(dir_ / "main.db"), before);
    EXPECT_EQ(*conn_->IntegrityCheck(), "ok");
    const std::string copy = (dir_ / "copy.db").string();
    ExpectRefused(Run("VACUUM INTO '" + copy + "'").status(), "VACUUM INTO");
    EXPECT_FALSE(fs::exists(copy));
}

TEST(IsVacuum, RecognizesTheStatementBehindWhiteSpaceAndComments) {
    for (const char* sql : {"VACUUM", "vacuum main", "  -- tidy\n VACUUM", "/* x */vacuum;", "VACUUM INTO 'f'"}) {
        EXPECT_TRUE(IsVacuum(sql)) << sql;
    }
    for (const char* sql : {"", "SELECT 'VACUUM'", "vacuumed", "VACUUM_LOG", "-- VACUUM", "/* VACUUM */ SELECT 1"}) {
        EXPECT_FALSE(IsVacuum(sql)) << sql;
    }
}

}  // namespace
}  // namespace gantry::turso
