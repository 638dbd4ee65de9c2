"""gantry.tursosync.TursoSync against a real turso-sync on its default local database."""

import grpc
import pytest

import gantry
from gantry.tursosync import SKIPPED, Step, StepError, TursoSync, error, is_autocommit, not_, ok


@pytest.fixture
def turso(turso_conn, request):
    t = TursoSync(turso_conn)
    table = "t_" + request.node.name
    t.execute(f"DROP TABLE IF EXISTS {table}")
    t.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE, n INTEGER, data BLOB)")
    t.table = table
    return t


def test_execute_and_query_with_python_values(turso):
    ins = turso.execute(f"INSERT INTO {turso.table} (body, n, data) VALUES (?, ?, ?)", ["hello", 7, b"\x01\x02"])
    assert ins.rows_affected == 1
    assert ins.last_insert_id == 1
    assert ins.served_by == "local"
    turso.execute(f"INSERT INTO {turso.table} (body, n) VALUES (:body, @n)", {"body": "world", "@n": None})
    res = turso.query(f"SELECT id, body, n, data FROM {turso.table} ORDER BY id")
    assert res.served_by == "local"
    assert res.column_names == ["id", "body", "n", "data"]
    assert [tuple(r) for r in res] == [(1, "hello", 7, b"\x01\x02"), (2, "world", None, None)]
    assert res.rows[1]["body"] == "world"
    assert turso.query(f"SELECT count(*) FROM {turso.table} WHERE n = :n", {"n": 7}).scalar() == 1


def test_query_refuses_writes(turso):
    turso.execute(f"INSERT INTO {turso.table} (body) VALUES ('keep')")
    for sql in (f"DELETE FROM {turso.table}", f"UPDATE {turso.table} SET body = 'x'", f"DROP TABLE {turso.table}"):
        with pytest.raises(gantry.GantryError) as info:
            turso.query(sql)
        assert info.value.code == grpc.StatusCode.INVALID_ARGUMENT, sql
        assert info.value.reason == "NOT_READ_ONLY"
    assert turso.query(f"SELECT body FROM {turso.table}").scalar() == "keep"


def test_batch_with_conditions(turso):
    outcomes = turso.batch([
        f"INSERT INTO {turso.table} (body) VALUES ('a')",
        (f"INSERT INTO {turso.table} (body) VALUES (?)", ["a"]),          # fails: UNIQUE
        Step(f"INSERT INTO {turso.table} (body) VALUES ('after-error')", condition=error(1)),
        Step(f"INSERT INTO {turso.table} (body) VALUES ('skipped')", condition=ok(1)),
        Step(f"SELECT count(*) FROM {turso.table}", condition=not_(ok(1)) & ok(0) & is_autocommit()),
    ])
    assert outcomes[0].rows_affected == 1
    assert isinstance(outcomes[1], StepError)
    assert "UNIQUE constraint failed" in outcomes[1].message
    assert outcomes[2].rows_affected == 1
    assert outcomes[3] is SKIPPED
    assert outcomes[4].scalar() == 2
    assert sorted(r[0] for r in turso.query(f"SELECT body FROM {turso.table}")) == ["a", "after-error"]


def test_transaction_commits_and_rolls_back(turso):
    with turso.transaction() as tx:
        tx.execute(f"INSERT INTO {turso.table} (body) VALUES ('committed')")
    with pytest.raises(KeyError):
        with turso.transaction() as tx:
            tx.execute(f"INSERT INTO {turso.table} (body) VALUES ('rolled-back')")
            raise KeyError("boom")
    assert [r[0] for r in turso.query(f"SELECT body FROM {turso.table}")] == ["committed"]


def test_sync_of_a_local_database_is_failed_precondition(turso):
    with pytest.raises(gantry.GantryError) as info:
        turso.sync()
    assert info.value.code == grpc.StatusCode.FAILED_PRECONDITION
    assert "no remote" in info.value.message


def test_stats_and_list_databases(turso):
    stats = turso.stats()
    assert stats.database == "main"
    assert stats.mode == "local"
    assert (stats.pulls, stats.pushes, stats.changes_queued, stats.last_sync_unix_ms) == (0, 0, 0, 0)
    dbs = turso.list_databases()
    assert [(d.name, d.mode) for d in dbs] == [("main", "local")]
    assert dbs[0].path.endswith("main.db")


def test_unknown_database_is_not_found(turso_conn):
    other = TursoSync(turso_conn, "no_such_db")
    with pytest.raises(gantry.GantryError) as info:
        other.stats()
    assert info.value.code == grpc.StatusCode.NOT_FOUND
    assert "no_such_db" in info.value.message
    with pytest.raises(gantry.GantryError) as info:
        other.execute("SELECT 1")
    assert info.value.code == grpc.StatusCode.NOT_FOUND


# The same SQLite errors that db-gateway maps to NOT_FOUND and ALREADY_EXISTS (as docs/error-codes.md says).
def test_missing_table_and_duplicate_key_codes_match_error_codes_doc(turso):
    turso.execute(f"INSERT INTO {turso.table} (body) VALUES ('x')")
    codes = []
    for call in (lambda: turso.query("SELECT * FROM no_such_table_here"),
                 lambda: turso.execute(f"INSERT INTO {turso.table} (body) VALUES ('x')")):
        with pytest.raises(gantry.GantryError) as info:
            call()
        codes.append(info.value.code)
    assert codes == [grpc.StatusCode.NOT_FOUND, grpc.StatusCode.ALREADY_EXISTS]


def test_timestamps_are_refused_with_a_clear_message(turso):
    import datetime as dt

    with pytest.raises(gantry.GantryError) as info:
        turso.execute(f"INSERT INTO {turso.table} (body) VALUES (?)", [dt.datetime(2024, 1, 1)])
    assert info.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert "timestamp" in info.value.message.lower()


# ATTACH DATABASE (which SQLite counts as read-only) would create the named file on the server host and let reads
# reach any SQLite file the service can open: turso-sync refuses it (INVALID_ARGUMENT, reason ATTACH_REFUSED).
def test_query_refuses_attach_and_creates_no_file(turso, tmp_path):
    target = tmp_path / "attached.db"
    for call in (turso.query, turso.execute):
        with pytest.raises(gantry.GantryError) as info:
            call(f"ATTACH DATABASE '{target}' AS sneaky")
        assert info.value.code == grpc.StatusCode.INVALID_ARGUMENT
        assert info.value.reason == "ATTACH_REFUSED"
        assert "ATTACH" in info.value.message
    assert not target.exists()
