// Every mode of turso-sync against the real tursodb server.
#include <sqlite3.h>

#include <fstream>

#include "turso_fixture.hpp"

namespace gantry::testing {
namespace {

/// Opens a replica file with the system's sqlite3 (not through Gantry) and runs integrity_check.
std::string IntegrityCheck(const std::string& path) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return "cannot open";
    }
    std::string out = "no answer";
    sqlite3_exec(
        db, "PRAGMA integrity_check",
        [](void* p, int, char** v, char**) {
            *static_cast<std::string*>(p) = v[0] ? v[0] : "null";
            return 0;
        },
        &out, nullptr);
    sqlite3_close(db);
    return out;
}

using TursoModes = TursoInteropTest;

TEST_F(TursoModes, RemoteRunsEveryStatementOnTheServer) {
    StartGantry("    rem: {mode: remote, url: \"$URL\"}\n");
    ASSERT_TRUE(Exec("rem", "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, b BLOB)").ok());
    common::v1::Value blob;
    blob.set_bytes_value(std::string("\x01\x02\xff", 3));
    auto ins = Exec("rem", "INSERT INTO t VALUES (?, ?, ?)", {Int(1), Text("alice"), blob});
    ASSERT_TRUE(ins.ok()) << ins.status.error_message();
    EXPECT_EQ(ins.response.served_by(), tv1::SERVED_BY_REMOTE);
    // The server itself holds the row (asked without Gantry).
    EXPECT_EQ(server_->Column("SELECT name FROM t"), std::vector<nlohmann::json>{"alice"});
    auto q = Query("rem", "SELECT id, name, b FROM t");
    ASSERT_TRUE(q.ok()) << q.status.error_message();
    EXPECT_EQ(q.response.served_by(), tv1::SERVED_BY_REMOTE);
    ASSERT_EQ(q.response.result().rows_size(), 1);
    EXPECT_EQ(q.response.result().rows(0).values(2).bytes_value(), std::string("\x01\x02\xff", 3));
    EXPECT_EQ(q.response.result().columns(1).database_type(), "TEXT");
    // SQL errors come back with the code docs/error-codes.md gives (a missing table is NOT_FOUND, as locally),
    // naming the problem, not as a transport failure.
    auto bad = Exec("rem", "SELECT * FROM nosuch");
    EXPECT_EQ(bad.status.error_code(), grpc::StatusCode::NOT_FOUND) << bad.status.error_message();
    EXPECT_NE(bad.status.error_message().find("nosuch"), std::string::npos);
    auto syntax = Exec("rem", "SELEC 1");
    EXPECT_EQ(syntax.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << syntax.status.error_message();
    // The server keeps no streams: an interactive transaction is refused with the reason, not faked.
    tv1::BeginTransactionRequest begin;
    begin.set_database("rem");
    tv1::BeginTransactionResponse tx;
    auto st = stub_->BeginTransaction(Ctx().get(), begin, &tx);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_NE(st.error_message().find("Batch"), std::string::npos);
    // Nothing Gantry sent was rejected by the server (it answers 500 to `close` and other unknown requests).
    std::ifstream log(dir_ + "/server/tursodb.log");
    std::string text((std::istreambuf_iterator<char>(log)), {});
    EXPECT_EQ(text.find("unknown variant"), std::string::npos) << text;
}

TEST_F(TursoModes, BatchConditionsRunOnTheServer) {
    StartGantry("    rem: {mode: remote, url: \"$URL\"}\n");
    ASSERT_TRUE(Exec("rem", "CREATE TABLE u(id INTEGER PRIMARY KEY, v TEXT UNIQUE)").ok());
    tv1::BatchRequest req;
    req.set_database("rem");
    auto step = [&](const std::string& sql) {
        auto* s = req.add_steps();
        s->mutable_statement()->set_sql(sql);
        return s;
    };
    step("INSERT INTO u VALUES (1, 'a')");
    step("INSERT INTO u VALUES (2, 'a')")->mutable_condition()->set_ok(0);     // fails: UNIQUE
    step("INSERT INTO u VALUES (3, 'c')")->mutable_condition()->set_ok(1);     // skipped
    step("INSERT INTO u VALUES (4, 'd')")->mutable_condition()->set_error(1);  // runs
    tv1::BatchResponse resp;
    auto st = stub_->Batch(Ctx().get(), req, &resp);
    ASSERT_TRUE(st.ok()) << st.error_message();
    ASSERT_EQ(resp.steps_size(), 4);
    EXPECT_TRUE(resp.steps(0).has_result());
    EXPECT_NE(resp.steps(1).error().find("UNIQUE"), std::string::npos) << resp.steps(1).error();
    EXPECT_TRUE(resp.steps(2).skipped());
    EXPECT_TRUE(resp.steps(3).has_result());
    EXPECT_EQ(server_->Column("SELECT id FROM u ORDER BY id"), (std::vector<nlohmann::json>{1, 4}));
}

TEST_F(TursoModes, ReplicaReadsLocallyAndSeesItsOwnWrites) {
    server_->Execute("CREATE TABLE kv(k TEXT PRIMARY KEY, v TEXT)");
    server_->Execute("INSERT INTO kv VALUES ('seed', 'from-server')");
    StartGantry("    rep: {mode: replica, url: \"$URL\", path: \"$DIR/rep.db\"}\n");
    EXPECT_EQ(Column("rep", "SELECT v FROM kv"), std::vector<std::string>{"from-server"});

    auto w = Exec("rep", "INSERT INTO kv VALUES ('mine', ?)", {Text("written-through-gantry")});
    ASSERT_TRUE(w.ok()) << w.status.error_message();
    EXPECT_EQ(w.response.served_by(), tv1::SERVED_BY_REMOTE) << "writes go to the primary";
    EXPECT_EQ(server_->Column("SELECT v FROM kv WHERE k = 'mine'"),
              std::vector<nlohmann::json>{"written-through-gantry"});
    auto r = Query("rep", "SELECT v FROM kv WHERE k = 'mine'");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.response.served_by(), tv1::SERVED_BY_LOCAL) << "reads come from the replica";
    ASSERT_EQ(r.response.result().rows_size(), 1) << "read-your-writes";

    // Someone else writes to the server; Sync brings it in.
    server_->Execute("INSERT INTO kv VALUES ('other', 'x')");
    EXPECT_EQ(Column("rep", "SELECT count(*) FROM kv"), std::vector<std::string>{"2"}) << "not pulled yet";
    tv1::SyncResponse sync;
    ASSERT_TRUE(Sync("rep", &sync).ok());
    EXPECT_GT(sync.pages_pulled(), 0u);
    EXPECT_FALSE(sync.revision().empty());
    EXPECT_EQ(Column("rep", "SELECT count(*) FROM kv"), std::vector<std::string>{"3"});
    // A second Sync with nothing new pulls nothing.
    ASSERT_TRUE(Sync("rep", &sync).ok());
    EXPECT_EQ(sync.pages_pulled(), 0u);

    const auto stats = Stats("rep");
    EXPECT_GE(stats.pulls(), 3u);
    EXPECT_EQ(stats.revision(), sync.revision());
    EXPECT_TRUE(stats.last_error().empty()) << stats.last_error();
    EXPECT_EQ(IntegrityCheck(dir_ + "/rep.db"), "ok") << "the replica is a valid SQLite file for any reader";
    // Query refuses writes.
    EXPECT_EQ(Query("rep", "DELETE FROM kv").status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(TursoModes, ReplicaPullsPeriodically) {
    server_->Execute("CREATE TABLE p(x INTEGER)");
    StartGantry("    rep: {mode: replica, url: \"$URL\", path: \"$DIR/rep.db\", sync_interval_ms: 200}\n");
    EXPECT_EQ(Column("rep", "SELECT count(*) FROM p"), std::vector<std::string>{"0"});
    server_->Execute("INSERT INTO p VALUES (1)");
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (Column("rep", "SELECT count(*) FROM p") != std::vector<std::string>{"1"}) {
        ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the periodic pull never brought the row";
        std::this_thread::sleep_for(50ms);
    }
}

TEST_F(TursoModes, WatchSyncStreamsEvents) {
    server_->Execute("CREATE TABLE w(x INTEGER)");
    StartGantry("    rep: {mode: replica, url: \"$URL\", path: \"$DIR/rep.db\"}\n");
    ASSERT_TRUE(Sync("rep").ok());
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 20s);
    tv1::WatchSyncRequest req;
    req.set_database("rep");
    auto reader = stub_->WatchSync(&ctx, req);
    std::this_thread::sleep_for(300ms);  // let the subscription register
    server_->Execute("INSERT INTO w VALUES (1)");
    ASSERT_TRUE(Sync("rep").ok());
    tv1::SyncEvent event;
    ASSERT_TRUE(reader->Read(&event));
    EXPECT_EQ(event.database(), "rep");
    EXPECT_TRUE(event.ok());
    EXPECT_GT(event.sync().pages_pulled(), 0u);
    ctx.TryCancel();
}

TEST_F(TursoModes, LocalModeNeedsNoServer) {
    server_->Kill();
    StartGantry("    loc: {mode: local, path: \"$DIR/loc.db\"}\n");
    ASSERT_TRUE(Exec("loc", "CREATE TABLE l(x INTEGER)").ok());
    auto w = Exec("loc", "INSERT INTO l VALUES (42)");
    ASSERT_TRUE(w.ok());
    EXPECT_EQ(w.response.result().affected_row_count(), 1u);
    EXPECT_EQ(Column("loc", "SELECT x FROM l"), std::vector<std::string>{"42"});
    EXPECT_EQ(Sync("loc").error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    // Interactive transaction: rolled back work is gone, committed work stays.
    tv1::BeginTransactionRequest begin;
    begin.set_database("loc");
    tv1::BeginTransactionResponse tx;
    ASSERT_TRUE(stub_->BeginTransaction(Ctx().get(), begin, &tx).ok());
    ASSERT_TRUE(Exec("", "INSERT INTO l VALUES (7)", {}, tx.transaction_id()).ok());
    tv1::EndTransactionRequest end;
    end.set_transaction_id(tx.transaction_id());
    end.set_commit(false);
    tv1::EndTransactionResponse ended;
    ASSERT_TRUE(stub_->EndTransaction(Ctx().get(), end, &ended).ok());
    EXPECT_EQ(Column("loc", "SELECT count(*) FROM l"), std::vector<std::string>{"1"});
}

TEST_F(TursoModes, AttachIsRefusedInEveryModeThatRunsSqlOnALocalFile) {
    server_->Execute("CREATE TABLE k(id INTEGER PRIMARY KEY, v TEXT UNIQUE)");
    StartGantry(
        "    loc: {mode: local, path: \"$DIR/loc.db\"}\n"
        "    rep: {mode: replica, url: \"$URL\", path: \"$DIR/rep.db\"}\n"
        "    off: {mode: offline, url: \"$URL\", path: \"$DIR/off.db\"}\n");
    ASSERT_TRUE(Sync("rep").ok());
    ASSERT_TRUE(Sync("off").ok());
    ASSERT_TRUE(Exec("loc", "CREATE TABLE k(id INTEGER PRIMARY KEY, v TEXT UNIQUE)").ok());
    for (const std::string db : {"loc", "rep", "off"}) {
        const std::string file = dir_ + "/attached-" + db + ".db";
        for (const std::string& sql : {"ATTACH DATABASE '" + file + "' AS x", "attach '" + file + "' as y;"}) {
            auto e = Exec(db, sql);
            EXPECT_EQ(e.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << db << ": " << sql;
            EXPECT_NE(e.status.error_message().find("ATTACH"), std::string::npos) << e.status.error_message();
            EXPECT_EQ(Query(db, sql).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << db << ": " << sql;
        }
        EXPECT_EQ(Exec(db, "DETACH DATABASE main").status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << db;
        EXPECT_FALSE(std::filesystem::exists(file)) << file;
        // The same SQLite errors as db-gateway: a missing table is NOT_FOUND, a duplicate key ALREADY_EXISTS.
        auto missing = Query(db, "SELECT * FROM no_such_table_here");
        EXPECT_EQ(missing.status.error_code(), grpc::StatusCode::NOT_FOUND)
            << db << ": " << missing.status.error_message();
        if (db != "rep") {  // replica writes go to the remote, whose unique errors are told by code names only
            ASSERT_TRUE(Exec(db, "INSERT INTO k VALUES (1, 'a')").ok()) << db;
            auto dup = Exec(db, "INSERT INTO k VALUES (2, 'a')");
            EXPECT_EQ(dup.status.error_code(), grpc::StatusCode::ALREADY_EXISTS)
                << db << ": " << dup.status.error_message();
        }
    }
    // A local transaction refuses it too.
    tv1::BeginTransactionRequest begin;
    begin.set_database("loc");
    tv1::BeginTransactionResponse tx;
    ASSERT_TRUE(stub_->BeginTransaction(Ctx().get(), begin, &tx).ok());
    const std::string file = dir_ + "/attached-in-tx.db";
    EXPECT_EQ(Exec("", "ATTACH '" + file + "' AS t", {}, tx.transaction_id()).status.error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_FALSE(std::filesystem::exists(file));
    // turso-sync's own attachment (the offline outbox) keeps working: writes queue and push.
    ASSERT_TRUE(Exec("off", "INSERT INTO k VALUES (5, 'queued')").ok());
    ASSERT_TRUE(Sync("off").ok());
    EXPECT_EQ(server_->Column("SELECT v FROM k WHERE id = 5"), std::vector<nlohmann::json>{"queued"});
}

TEST_F(TursoModes, OfflineWritesLocallyAndPushesOnSync) {
    server_->Execute("CREATE TABLE o(id INTEGER PRIMARY KEY, v TEXT)");
    server_->Execute("INSERT INTO o VALUES (1, 'server')");
    StartGantry("    off: {mode: offline, url: \"$URL\", path: \"$DIR/off.db\"}\n");
    ASSERT_TRUE(Sync("off").ok());
    auto w = Exec("off", "INSERT INTO o VALUES (2, 'offline')");
    ASSERT_TRUE(w.ok()) << w.status.error_message();
    EXPECT_EQ(w.response.served_by(), tv1::SERVED_BY_LOCAL);
    ASSERT_TRUE(Exec("off", "UPDATE o SET v = 'edited' WHERE id = 1").ok());
    EXPECT_EQ(Stats("off").changes_queued(), 2u);
    EXPECT_EQ(server_->Column("SELECT count(*) FROM o"), std::vector<nlohmann::json>{1}) << "not pushed yet";
    EXPECT_EQ(Column("off", "SELECT v FROM o ORDER BY id"), (std::vector<std::string>{"edited", "offline"}));

    server_->Execute("INSERT INTO o VALUES (3, 'remote')");
    tv1::SyncResponse sync;
    auto st = Sync("off", &sync);
    ASSERT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(sync.changes_pushed(), 2u);
    EXPECT_EQ(server_->Column("SELECT v FROM o ORDER BY id"),
              (std::vector<nlohmann::json>{"edited", "offline", "remote"}));
    EXPECT_EQ(Column("off", "SELECT v FROM o ORDER BY id"), (std::vector<std::string>{"edited", "offline", "remote"}));
    EXPECT_EQ(Stats("off").changes_queued(), 0u);
    EXPECT_EQ(IntegrityCheck(dir_ + "/off.db"), "ok");
}

TEST_F(TursoModes, ImportWorkingCopyAppliesTheDifferenceInOneTransaction) {
    server_->Execute("CREATE TABLE s(id INTEGER PRIMARY KEY, title TEXT)");
    server_->Execute("INSERT INTO s VALUES (1, 'one'), (2, 'two')");
    StartGantry("    rep: {mode: replica, url: \"$URL\", path: \"$DIR/rep.db\"}\n");
    ASSERT_TRUE(Sync("rep").ok());
    // The legacy workflow: copy the replica, let the application edit the copy.
    const std::string copy = dir_ + "/working_copy.db";
    std::filesystem::copy_file(dir_ + "/rep.db", copy);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(copy.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "UPDATE s SET title = 'ONE' WHERE id = 1; DELETE FROM s WHERE id = 2;"
                           "INSERT INTO s VALUES (3, 'three')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    tv1::ImportWorkingCopyRequest req;
    req.set_database("rep");
    req.set_working_copy_path(copy);
    tv1::ImportWorkingCopyResponse resp;
    auto st = stub_->ImportWorkingCopy(Ctx().get(), req, &resp);
    ASSERT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(resp.changes_applied(), 3u);
    EXPECT_EQ(server_->Column("SELECT title FROM s ORDER BY id"), (std::vector<nlohmann::json>{"ONE", "three"}));
    EXPECT_EQ(Column("rep", "SELECT title FROM s ORDER BY id"), (std::vector<std::string>{"ONE", "three"}));
}

TEST_F(TursoModes, DatabasesCanBeOpenedListedAndClosedOverTheApi) {
    StartGantry("    loc: {mode: local, path: \"$DIR/loc.db\"}\n");
    tv1::OpenDatabaseRequest open;
    open.set_name("api_remote");
    open.set_mode(tv1::DATABASE_MODE_REMOTE);
    open.set_url(server_->url());
    open.set_auth_token("not-logged-anywhere");
    tv1::DatabaseInfo info;
    ASSERT_TRUE(stub_->OpenDatabase(Ctx().get(), open, &info).ok());
    EXPECT_EQ(info.url(), server_->url());
    ASSERT_TRUE(Exec("api_remote", "CREATE TABLE viaapi(x INTEGER)").ok());
    EXPECT_EQ(server_->Column("SELECT count(*) FROM viaapi"), std::vector<nlohmann::json>{0});
    tv1::ListDatabasesResponse list;
    ASSERT_TRUE(stub_->ListDatabases(Ctx().get(), {}, &list).ok());
    EXPECT_EQ(list.databases_size(), 2);
    tv1::CloseDatabaseRequest close;
    close.set_name("api_remote");
    tv1::CloseDatabaseResponse closed;
    ASSERT_TRUE(stub_->CloseDatabase(Ctx().get(), close, &closed).ok());
    EXPECT_EQ(Exec("api_remote", "SELECT 1").status.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(gantry_->Logs().find("not-logged-anywhere"), std::string::npos) << "tokens never reach the logs";
}

}  // namespace
}  // namespace gantry::testing

namespace gantry::testing {
namespace {

TEST_F(TursoModes, AnExistingForeignFileIsRefusedAndLeftUntouched) {
    StartGantry("    loc: {mode: local, path: \"$DIR/loc.db\"}\n");
    ASSERT_TRUE(Exec("loc", "CREATE TABLE precious(x INTEGER)").ok());
    ASSERT_TRUE(Exec("loc", "INSERT INTO precious VALUES (1)").ok());
    for (auto mode : {tv1::DATABASE_MODE_REPLICA, tv1::DATABASE_MODE_OFFLINE}) {
        const std::string copy = dir_ + "/foreign-" + std::to_string(mode) + ".db";
        std::filesystem::copy_file(dir_ + "/loc.db", copy);
        const auto size = std::filesystem::file_size(copy);
        tv1::OpenDatabaseRequest open;
        open.set_name("foreign" + std::to_string(mode));
        open.set_mode(mode);
        open.set_url(server_->url());
        open.set_path(copy);
        tv1::DatabaseInfo info;
        auto st = stub_->OpenDatabase(Ctx().get(), open, &info);
        EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
        EXPECT_NE(st.error_message().find("left untouched"), std::string::npos) << st.error_message();
        EXPECT_EQ(std::filesystem::file_size(copy), size);
    }
}

}  // namespace
}  // namespace gantry::testing
