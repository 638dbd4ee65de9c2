// Faults: the remote dies or is down, turso-sync is killed with -9 while applying pages, pushes are rejected.
// Whatever happens, nothing stored is lost and the replica stays a valid database.
#include <signal.h>
#include <sys/stat.h>

#include <thread>

#include "turso_fixture.hpp"

namespace gantry::testing {
namespace {

using TursoFaults = TursoInteropTest;

TEST_F(TursoFaults, RemoteDownLocalReadsKeepWorkingAndWritesFailClearly) {
    server_->Execute("CREATE TABLE kv(k TEXT PRIMARY KEY, v TEXT)");
    server_->Execute("INSERT INTO kv VALUES ('a', '1')");
    StartGantry("    rep: {mode: replica, url: \"$URL\", path: \"$DIR/rep.db\"}\n");
    ASSERT_TRUE(Sync("rep").ok());
    server_->Kill();

    auto r = Query("rep", "SELECT v FROM kv");
    ASSERT_TRUE(r.ok()) << r.status.error_message();
    EXPECT_EQ(r.response.served_by(), tv1::SERVED_BY_LOCAL);
    const auto start = std::chrono::steady_clock::now();
    auto w = Exec("rep", "INSERT INTO kv VALUES ('b', '2')");
    EXPECT_EQ(w.status.error_code(), grpc::StatusCode::UNAVAILABLE) << w.status.error_message();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 25s) << "a dead remote must not hang a call";
    auto s = Sync("rep");
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
    EXPECT_NE(s.error_message().find("pull"), std::string::npos) << s.error_message();
    EXPECT_FALSE(Stats("rep").last_error().empty());

    // A restart of turso-sync while the remote is still down: the replica opens and serves reads.
    Restart();
    EXPECT_EQ(Column("rep", "SELECT v FROM kv"), std::vector<std::string>{"1"});

    ASSERT_TRUE(server_->Start()) << server_->error();
    ASSERT_TRUE(Exec("rep", "INSERT INTO kv VALUES ('b', '2')").ok());
    EXPECT_EQ(Column("rep", "SELECT count(*) FROM kv"), std::vector<std::string>{"2"});
}

TEST_F(TursoFaults, AReplicaThatNeverReachedItsRemoteSaysSo) {
    server_->Kill();
    StartGantry("    rep: {mode: replica, url: \"$URL\", path: \"$DIR/rep.db\"}\n");
    auto r = Query("rep", "SELECT 1");
    EXPECT_EQ(r.status.error_code(), grpc::StatusCode::UNAVAILABLE);
    EXPECT_NE(r.status.error_message().find("has not been bootstrapped"), std::string::npos)
        << r.status.error_message();
    ASSERT_TRUE(server_->Start()) << server_->error();
    server_->Execute("CREATE TABLE late(x INTEGER)");
    EXPECT_EQ(Column("rep", "SELECT count(*) FROM late"), std::vector<std::string>{"0"}) << "bootstraps on demand";
}

TEST_F(TursoFaults, OfflineWritesQueueWhileTheRemoteIsDownAndSurviveAKill) {
    server_->Execute("CREATE TABLE o(id INTEGER PRIMARY KEY, v TEXT)");
    StartGantry("    off: {mode: offline, url: \"$URL\", path: \"$DIR/off.db\"}\n");
    ASSERT_TRUE(Sync("off").ok());
    server_->Kill();
    ASSERT_TRUE(Exec("off", "INSERT INTO o VALUES (1, 'queued-1')").ok());
    ASSERT_TRUE(Exec("off", "INSERT INTO o VALUES (2, 'queued-2')").ok());
    EXPECT_EQ(Sync("off").error_code(), grpc::StatusCode::UNAVAILABLE);
    EXPECT_EQ(Stats("off").changes_queued(), 2u);

    ASSERT_TRUE(gantry_->Stop(SIGKILL, 5s) == std::nullopt) << "killed, not a clean exit";
    Restart();
    EXPECT_EQ(Stats("off").changes_queued(), 2u) << "the queue survived kill -9";
    EXPECT_EQ(Column("off", "SELECT v FROM o ORDER BY id"), (std::vector<std::string>{"queued-1", "queued-2"}));

    ASSERT_TRUE(server_->Start()) << server_->error();
    auto st = Sync("off");
    ASSERT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(Stats("off").changes_pushed(), 2u) << "pushed once, by this Sync or a background one";
    EXPECT_EQ(server_->Column("SELECT v FROM o ORDER BY id"), (std::vector<nlohmann::json>{"queued-1", "queued-2"}));
    EXPECT_EQ(Stats("off").changes_queued(), 0u);
}

TEST_F(TursoFaults, ARejectedPushRollsBackOnTheRemoteAndKeepsTheQueue) {
    server_->Execute("CREATE TABLE u(id INTEGER PRIMARY KEY, v TEXT UNIQUE)");
    StartGantry("    off: {mode: offline, url: \"$URL\", path: \"$DIR/off.db\"}\n");
    ASSERT_TRUE(Sync("off").ok());
    ASSERT_TRUE(Exec("off", "INSERT INTO u VALUES (1, 'fine')").ok());
    ASSERT_TRUE(Exec("off", "INSERT INTO u VALUES (2, 'taken')").ok());
    server_->Execute("INSERT INTO u VALUES (9, 'taken')");  // someone else got there first

    auto st = Sync("off");
    EXPECT_EQ(st.error_code(), grpc::StatusCode::ABORTED) << st.error_message();
    EXPECT_NE(st.error_message().find("UNIQUE"), std::string::npos) << st.error_message();
    EXPECT_NE(st.error_message().find("stay queued"), std::string::npos);
    // The official client would have committed row 1 and lost row 2; here the remote has neither.
    EXPECT_EQ(server_->Column("SELECT id FROM u ORDER BY id"), std::vector<nlohmann::json>{9});
    EXPECT_EQ(Stats("off").changes_queued(), 2u);
    EXPECT_EQ(Column("off", "SELECT v FROM u ORDER BY id"), (std::vector<std::string>{"fine", "taken"}));
    // The remote is usable by others afterwards (no transaction left open on its shared connection).
    server_->Execute("INSERT INTO u VALUES (10, 'other')");

    server_->Execute("DELETE FROM u WHERE id = 9");  // the conflict is resolved
    st = Sync("off");
    ASSERT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(server_->Column("SELECT id FROM u ORDER BY id"), (std::vector<nlohmann::json>{1, 2, 10}));
    EXPECT_EQ(Stats("off").changes_queued(), 0u);
}

TEST_F(TursoFaults, KillNineDuringPageApplyInALoopLeavesAValidReplicaThatResumes) {
    server_->Execute("CREATE TABLE big(id INTEGER PRIMARY KEY, payload BLOB)");
    FillBig(*server_, 1, 500);
    StartGantry("    rep: {mode: replica, url: \"$URL\", path: \"$DIR/rep.db\"}\n");
    ASSERT_TRUE(Sync("rep").ok());
    const std::string journal = dir_ + "/rep.db-gantry-pull";
    // The journal of the last pull stays as its record until the next one replaces it (renamed into place: a
    // new inode), so "this pull's journal is complete and its pages are being written" is a new inode.
    auto journal_inode = [&]() -> ino_t {
        struct stat st {};
        return ::stat(journal.c_str(), &st) == 0 ? st.st_ino : 0;
    };
    int next = 501;
    int killed_mid_apply = 0;
    for (int round = 0; round < 6; ++round) {
        FillBig(*server_, next, 1000);
        next += 1000;
        // Pull in the background and kill -9 the moment its redo journal is in place: pages are being written.
        const ino_t before = journal_inode();
        std::thread sync([&] { (void)Sync("rep"); });
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        bool seen = false;
        while (!(seen = journal_inode() != before && journal_inode() != 0) &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::microseconds(50));
        }
        gantry_->Stop(SIGKILL, 5s);
        sync.join();
        Restart();
        if (seen) {
            ++killed_mid_apply;
            EXPECT_NE(gantry_->Logs().find("finished an interrupted pull"), std::string::npos)
                << "round " << round << ": the journal was replayed at start";
        }
        EXPECT_EQ(Column("rep", "PRAGMA integrity_check"), std::vector<std::string>{"ok"}) << "round " << round;
    }
    RecordProperty("killed_mid_apply", killed_mid_apply);
    EXPECT_GT(killed_mid_apply, 0) << "no kill landed while pages were applied";
    ASSERT_TRUE(Sync("rep").ok());
    EXPECT_EQ(Column("rep", "SELECT count(*) FROM big"), std::vector<std::string>{std::to_string(next - 1)});
    EXPECT_EQ(Column("rep", "SELECT sum(length(payload)) FROM big"),
              std::vector<std::string>{std::to_string(3000LL * (next - 1))});
    EXPECT_EQ(Column("rep", "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
}

TEST_F(TursoFaults, RemoteKilledMidPullLeavesTheOldRevisionAndResumes) {
    server_->Execute("CREATE TABLE big(id INTEGER PRIMARY KEY, payload BLOB)");
    FillBig(*server_, 1, 200);
    StartGantry("    rep: {mode: replica, url: \"$URL\", path: \"$DIR/rep.db\"}\n");
    ASSERT_TRUE(Sync("rep").ok());
    FillBig(*server_, 201, 2000);
    for (int delay_ms : {1, 3, 8}) {
        std::thread killer([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
            server_->Kill();
        });
        (void)Sync("rep");  // may fail or succeed, depending on when the remote died
        killer.join();
        EXPECT_EQ(Column("rep", "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
        const auto count = Column("rep", "SELECT count(*) FROM big");
        EXPECT_TRUE(count == std::vector<std::string>{"200"} || count == std::vector<std::string>{"2200"})
            << "a replica holds a whole revision, never a mix: " << count.at(0);
        ASSERT_TRUE(server_->Start()) << server_->error();
    }
    ASSERT_TRUE(Sync("rep").ok());
    EXPECT_EQ(Column("rep", "SELECT count(*) FROM big"), std::vector<std::string>{"2200"});
}

TEST_F(TursoFaults, RemoteKilledMidPushLosesAndDuplicatesNothing) {
    server_->Execute("CREATE TABLE p(id INTEGER PRIMARY KEY, v INTEGER)");
    StartGantry("    off: {mode: offline, url: \"$URL\", path: \"$DIR/off.db\"}\n");
    ASSERT_TRUE(Sync("off").ok());
    for (int i = 0; i < 20; ++i) {
        ASSERT_TRUE(Exec("off",
                         "INSERT INTO p (id, v) WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n "
                         "WHERE i < ?) SELECT i, i * 2 FROM n",
                         {Int(i * 100 + 1), Int(i * 100 + 100)})
                        .ok());
    }
    std::thread killer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        server_->Kill();
    });
    (void)Sync("off");
    killer.join();
    ASSERT_TRUE(server_->Start()) << server_->error();
    auto st = Sync("off");
    ASSERT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(Stats("off").changes_queued(), 0u);
    EXPECT_EQ(server_->Column("SELECT count(*) FROM p"), std::vector<nlohmann::json>{2000});
    EXPECT_EQ(server_->Column("SELECT sum(v) FROM p"), std::vector<nlohmann::json>{2001000 * 2});
    EXPECT_EQ(Column("off", "SELECT count(*) FROM p"), std::vector<std::string>{"2000"});
}

}  // namespace
}  // namespace gantry::testing
