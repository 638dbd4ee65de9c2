// VACUUM in every mode that keeps a local file: it never corrupts a replica or breaks sync.
#include <fstream>

#include "turso_fixture.hpp"

namespace gantry::testing {
namespace {

using TursoVacuum = TursoInteropTest;

std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

TEST_F(TursoVacuum, AReplicaSendsVacuumToItsRemoteAndItsOwnPagesStayTheServers) {
    server_->Execute("CREATE TABLE big(id INTEGER PRIMARY KEY, payload BLOB)");
    FillBig(*server_, 1, 300);
    server_->Execute("DELETE FROM big WHERE id > 100");
    StartGantry("    rep: {mode: replica, url: \"$URL\", path: \"$DIR/rep.db\"}\n");
    ASSERT_TRUE(Sync("rep").ok());
    const std::string before = ReadFile(dir_ + "/rep.db");
    // The replica's file holds the server's pages, so VACUUM (a write) goes to the remote; the local tursodb
    // refuses it (experimental there), and the answer says so.
    auto r = Exec("rep", "VACUUM");
    EXPECT_EQ(r.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << r.status.error_message();
    EXPECT_NE(r.status.error_message().find("VACUUM"), std::string::npos) << r.status.error_message();
    EXPECT_EQ(ReadFile(dir_ + "/rep.db"), before) << "the replica file was not touched";
    EXPECT_EQ(Column("rep", "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
    server_->Execute("INSERT INTO big (id, payload) VALUES (5000, x'01')");
    ASSERT_TRUE(Sync("rep").ok());
    EXPECT_EQ(Column("rep", "SELECT count(*) FROM big"), std::vector<std::string>{"101"});
    EXPECT_EQ(Column("rep", "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
}

TEST_F(TursoVacuum, AnOfflineWorkingCopyIsVacuumedLocallyWithNothingQueuedAndSyncGoesOn) {
    server_->Execute("CREATE TABLE big(id INTEGER PRIMARY KEY, payload BLOB)");
    FillBig(*server_, 1, 200);
    StartGantry("    off: {mode: offline, url: \"$URL\", path: \"$DIR/off.db\"}\n");
    ASSERT_TRUE(Sync("off").ok());
    ASSERT_TRUE(Exec("off", "DELETE FROM big WHERE id > 50").ok());
    const auto queued = Stats("off").changes_queued();
    const std::string base_before = ReadFile(dir_ + "/off.db-gantry-base");
    const auto size_before = std::filesystem::file_size(dir_ + "/off.db");
    auto r = Exec("off", "  /* compact */ vacuum");
    ASSERT_TRUE(r.ok()) << r.status.error_message();
    EXPECT_EQ(r.response.served_by(), tv1::SERVED_BY_LOCAL);
    EXPECT_LT(std::filesystem::file_size(dir_ + "/off.db"), size_before) << "the working copy was compacted";
    EXPECT_EQ(Stats("off").changes_queued(), queued) << "VACUUM changes no row: nothing to push";
    EXPECT_EQ(ReadFile(dir_ + "/off.db-gantry-base"), base_before) << "the pulled base is never vacuumed";
    EXPECT_EQ(Column("off", "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
    // VACUUM INTO would write a file on the service's host: refused like ATTACH.
    auto into = Exec("off", "VACUUM INTO '" + dir_ + "/copy.db'");
    EXPECT_EQ(into.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(into.status.error_message().find("VACUUM INTO"), std::string::npos) << into.status.error_message();
    EXPECT_FALSE(std::filesystem::exists(dir_ + "/copy.db"));
    auto synced = Sync("off");
    ASSERT_TRUE(synced.ok()) << synced.error_message();
    EXPECT_EQ(server_->Column("SELECT count(*) FROM big"), std::vector<nlohmann::json>{50});
    EXPECT_EQ(Column("off", "SELECT count(*) FROM big"), std::vector<std::string>{"50"});
    EXPECT_EQ(Column("off", "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
}

TEST_F(TursoVacuum, ALocalDatabaseIsVacuumed) {
    StartGantry("    loc: {mode: local, path: \"$DIR/loc.db\"}\n");
    ASSERT_TRUE(Exec("loc", "CREATE TABLE t(id INTEGER PRIMARY KEY, payload BLOB)").ok());
    ASSERT_TRUE(Exec("loc",
                     "INSERT INTO t (id, payload) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                     "WHERE i < 500) SELECT i, randomblob(3000) FROM n")
                    .ok());
    ASSERT_TRUE(Exec("loc", "DELETE FROM t WHERE id > 10").ok());
    EXPECT_NE(Column("loc", "PRAGMA freelist_count"), std::vector<std::string>{"0"});
    auto r = Exec("loc", "VACUUM");
    ASSERT_TRUE(r.ok()) << r.status.error_message();
    EXPECT_EQ(Column("loc", "PRAGMA freelist_count"), std::vector<std::string>{"0"}) << "compacted";
    EXPECT_EQ(Column("loc", "SELECT count(*) FROM t"), std::vector<std::string>{"10"});
    EXPECT_EQ(Column("loc", "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
}

}  // namespace
}  // namespace gantry::testing
