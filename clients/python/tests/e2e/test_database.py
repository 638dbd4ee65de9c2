"""gantry.database.Database against a real db-gateway on its embedded SQLite database."""

import datetime as dt
import decimal
import itertools

import grpc
import pytest

import gantry
from gantry.database import Database


@pytest.fixture
def db(db_conn, request):
    d = Database(db_conn)
    table = "t_" + request.node.name.replace("[", "_").replace("]", "").replace("-", "_")
    d.execute(f"DROP TABLE IF EXISTS {table}")
    d.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, score REAL, "
              "data BLOB, price DECIMAL(10,2))")
    d.table = table
    return d


def test_execute_with_positional_and_named_params_returns_python_rows(db):
    first = db.execute(f"INSERT INTO {db.table} (name, score, data) VALUES (?, ?, ?)", ["ann", 1.5, b"\x00\xff"])
    assert first.rows_affected == 1
    assert first.last_insert_id == 1
    second = db.execute(f"INSERT INTO {db.table} (name, score, data) VALUES (:name, :score, :data)",
                        {"name": "bob", "score": None, "data": None})
    assert second.last_insert_id == 2

    res = db.query(f"SELECT id, name, score, data FROM {db.table} ORDER BY id")
    assert res.column_names == ["id", "name", "score", "data"]
    assert [c.type for c in res.columns] == ["INT64", "TEXT", "DOUBLE", "BYTES"]
    assert [tuple(r) for r in res] == [(1, "ann", 1.5, b"\x00\xff"), (2, "bob", None, None)]
    assert res.rows[0]["name"] == "ann"
    assert res.dicts()[1] == {"id": 2, "name": "bob", "score": None, "data": None}
    assert res.last_insert_id is None
    assert not res.truncated
    assert db.query(f"SELECT count(*) FROM {db.table} WHERE score > ?", [1]).scalar() == 1


def test_statement_tree_is_built_by_the_server_and_columns_say_not_null(db):
    from google.protobuf import text_format
    from gantry.db.v1 import query_builder_pb2

    db.execute(f"INSERT INTO {db.table} (name, score) VALUES ('ann', 1.5), ('bob', NULL)")
    tree = text_format.Parse(
        'select { columns { expr { column { name: "name" } } } columns { expr { column { name: "score" } } } '
        f'from {{ table {{ name: "{db.table}" }} }} '
        'where { binary { op: GT left { column { name: "id" } } right { value { int64_value: 1 } } } } }',
        query_builder_pb2.SqlStatement())
    res = db.query(tree)
    assert [tuple(r) for r in res] == [("bob", None)]
    assert [c.nullable for c in res.columns] == [False, True]
    count = db.execute("SELECT count(*) AS n FROM " + db.table)
    assert (count.columns[0].type, count.columns[0].database_type) == ("INT64", "INTEGER")


def test_ddl_reports_no_insert_id_and_zero_rows(db):
    res = db.execute(f"CREATE INDEX idx_{db.table} ON {db.table}(score)")
    assert res.rows_affected == 0
    assert res.last_insert_id is None
    assert len(res) == 0


def test_max_rows_truncates_and_says_so(db):
    db.bulk_insert(db.table, ["name"], ([f"n{i}"] for i in range(5)))
    res = db.query(f"SELECT name FROM {db.table} ORDER BY id", max_rows=2)
    assert [r[0] for r in res] == ["n0", "n1"]
    assert res.truncated


def test_query_refuses_writes_and_leaves_data_unchanged(db):
    db.execute(f"INSERT INTO {db.table} (name) VALUES ('keep')")
    for sql in (f"INSERT INTO {db.table} (name) VALUES ('x')", f"UPDATE {db.table} SET name = 'y'",
                f"DELETE FROM {db.table}"):
        with pytest.raises(gantry.GantryError) as info:
            db.query(sql)
        assert info.value.code == grpc.StatusCode.PERMISSION_DENIED, sql
        assert info.value.reason == "READ_ONLY_TRANSACTION"
    assert [r[0] for r in db.query(f"SELECT name FROM {db.table}")] == ["keep"]


def test_errors_carry_code_reason_and_domain(db):
    db.execute(f"INSERT INTO {db.table} (name) VALUES ('dup')")
    with pytest.raises(gantry.GantryError) as info:
        db.execute(f"INSERT INTO {db.table} (name) VALUES (?)", ["dup"])
    err = info.value
    assert err.code == grpc.StatusCode.ALREADY_EXISTS
    assert err.reason == "UNIQUE_VIOLATION"
    assert err.domain == "db-gateway"
    assert "UNIQUE constraint failed" in err.message
    with pytest.raises(gantry.GantryError) as info:
        db.query("SELECT * FROM no_such_table_here")
    assert info.value.code == grpc.StatusCode.NOT_FOUND
    assert "no_such_table_here" in info.value.message
    with pytest.raises(gantry.GantryError) as info:
        Database(db._conn, "no_such_database").execute("SELECT 1")
    assert (info.value.code, info.value.reason) == (grpc.StatusCode.NOT_FOUND, "DATABASE_NOT_FOUND")
    assert "configured: main" in info.value.message


def test_transaction_commits_on_success(db):
    with db.transaction() as tx:
        tx.execute(f"INSERT INTO {db.table} (name) VALUES (?)", ["in-tx"])
        assert tx.execute(f"SELECT count(*) FROM {db.table}").scalar() == 1  # sees its own write
        with pytest.raises(gantry.GantryError) as info:  # Query is read-only: refused in a read-write transaction
            tx.query("SELECT 1")
        assert info.value.code == grpc.StatusCode.PERMISSION_DENIED
    assert not tx.active
    assert db.query(f"SELECT name FROM {db.table}").scalar() == "in-tx"


def test_read_only_transaction_allows_query_and_refuses_writes(db):
    db.execute(f"INSERT INTO {db.table} (name) VALUES ('r')")
    with db.transaction(isolation="serializable", read_only=True) as tx:
        assert tx.query(f"SELECT name FROM {db.table}").scalar() == "r"
        with pytest.raises(gantry.GantryError) as info:
            tx.execute(f"DELETE FROM {db.table}")
        assert info.value.code == grpc.StatusCode.PERMISSION_DENIED
    assert db.query(f"SELECT count(*) FROM {db.table}").scalar() == 1


def test_transaction_rolls_back_on_exception(db):
    with pytest.raises(ZeroDivisionError):
        with db.transaction() as tx:
            tx.execute(f"INSERT INTO {db.table} (name) VALUES ('gone')")
            1 / 0
    assert db.query(f"SELECT count(*) FROM {db.table}").scalar() == 0
    with pytest.raises(RuntimeError, match="already ended"):
        tx.commit()


def test_transaction_rolls_back_on_a_failed_statement(db):
    with pytest.raises(gantry.GantryError) as info:
        with db.transaction() as tx:
            tx.execute(f"INSERT INTO {db.table} (name) VALUES ('a')")
            tx.execute(f"INSERT INTO {db.table} (name) VALUES ('a')")
    assert info.value.reason == "UNIQUE_VIOLATION"
    assert db.query(f"SELECT count(*) FROM {db.table}").scalar() == 0


def test_explicit_rollback_and_an_ended_transaction_is_refused(db):
    tx = db.transaction()
    tx.execute(f"INSERT INTO {db.table} (name) VALUES ('x')")
    tx.rollback()
    assert db.query(f"SELECT count(*) FROM {db.table}").scalar() == 0
    stale = Database(db._conn)
    stale.transaction_id = tx.transaction_id
    with pytest.raises(gantry.GantryError) as info:
        stale.execute("SELECT 1")
    assert info.value.reason == "TRANSACTION_ENDED"
    assert "no longer open: it was rolled back" in info.value.message


# docs/error-codes.md: "state forbids it (e.g. commit of a finished transaction)" is FAILED_PRECONDITION; ABORTED
# would tell a retrying client to run the whole transaction again, applying its writes twice.
def test_commit_of_a_finished_transaction_is_failed_precondition(db):
    from gantry.db.v1 import database_pb2

    tx = db.transaction()
    tx.execute(f"INSERT INTO {db.table} (name) VALUES ('once')")
    tx.commit()
    with pytest.raises(gantry.GantryError) as info:
        db._conn.call(tx._stub.Commit, database_pb2.TransactionRequest(transaction_id=tx.transaction_id))
    assert info.value.reason == "TRANSACTION_ENDED"
    assert info.value.code == grpc.StatusCode.FAILED_PRECONDITION, str(info.value)


def test_stream_iterates_all_rows_in_chunks(db):
    n = 2500
    assert db.bulk_insert(db.table, ["name", "score"], ((f"r{i}", i / 2) for i in range(n))) == n
    stream = db.stream(f"SELECT id, name, score FROM {db.table} ORDER BY id", chunk_rows=100)
    assert stream.column_names == ["id", "name", "score"]
    rows = list(stream)
    assert len(rows) == n
    assert rows[0].as_dict() == {"id": 1, "name": "r0", "score": 0.0}
    assert rows[-1]["name"] == f"r{n - 1}"


def test_stream_can_stop_early_and_reports_errors(db):
    db.bulk_insert(db.table, ["name"], ([f"s{i}"] for i in range(300)))
    with db.stream(f"SELECT name FROM {db.table} ORDER BY id", chunk_rows=10) as stream:
        assert [r[0] for r in itertools.islice(stream, 3)] == ["s0", "s1", "s2"]
    with pytest.raises(gantry.GantryError) as info:
        list(db.stream("SELECT * FROM no_such_stream_table"))
    assert info.value.code == grpc.StatusCode.NOT_FOUND


def test_bulk_insert_from_generator_and_dicts(db):
    def rows():
        for i in range(1234):
            yield {"name": f"g{i}", "score": float(i), "price": decimal.Decimal("1.25")}
    assert db.bulk_insert(db.table, ["name", "score", "price"], rows(), batch_size=100) == 1234
    assert db.query(f"SELECT count(*), sum(score) FROM {db.table}").rows[0] == (1234, sum(range(1234)) * 1.0)


def test_bulk_insert_failure_inserts_nothing(db):
    with pytest.raises(gantry.GantryError) as info:
        db.bulk_insert(db.table, ["name"], [["same"], ["same"]])
    assert info.value.code == grpc.StatusCode.ALREADY_EXISTS
    assert db.query(f"SELECT count(*) FROM {db.table}").scalar() == 0


def test_execute_many_atomic(db):
    results = db.execute_many([f"INSERT INTO {db.table} (name) VALUES ('m1')",
                               (f"INSERT INTO {db.table} (name) VALUES (?)", ["m2"])])
    assert [r.rows_affected for r in results] == [1, 1]
    with pytest.raises(gantry.GantryError):
        db.execute_many([f"INSERT INTO {db.table} (name) VALUES ('m3')",
                         f"INSERT INTO {db.table} (name) VALUES ('m1')"])
    assert sorted(r[0] for r in db.query(f"SELECT name FROM {db.table}")) == ["m1", "m2"]


def test_list_and_describe_tables(db):
    assert ("main", db.table, "table") in db.list_tables()
    cols = db.describe_table(db.table)
    assert [c.name for c in cols] == ["id", "name", "score", "data", "price"]
    assert [c.primary_key for c in cols] == [True, False, False, False, False]
    assert not cols[1].nullable


def test_typed_values_round_trip_as_sqlite_stores_them(db):
    # SQLite has no date type: a date goes in as ISO text and comes back as text (the column's declared type
    # decides); an int too large for 64 bits is refused before any call.
    db.execute(f"CREATE TABLE {db.table}_v (d TEXT, j TEXT)")
    db.execute(f"INSERT INTO {db.table}_v VALUES (?, ?)", [dt.date(2024, 2, 29), gantry.values.Json({"a": 1})])
    row = db.query(f"SELECT d, j FROM {db.table}_v").rows[0]
    assert row["d"] == "2024-02-29"
    assert row["j"] == '{"a": 1}'
    with pytest.raises(ValueError, match="64 bits"):
        db.execute("SELECT ?", [2**64])


# On SQLite an UPDATE or DELETE must not report the rowid of an earlier INSERT on the same pooled connection: a
# statement that inserted nothing has no insert id (database.proto: "0 when none", has_last_insert_id false).
def test_update_and_delete_report_no_insert_id(db):
    assert db.execute(f"INSERT INTO {db.table} (name) VALUES ('a')").last_insert_id == 1
    ids = {}
    for sql in (f"UPDATE {db.table} SET score = 1", f"DELETE FROM {db.table}"):
        res = db.execute(sql)
        assert res.rows_affected == 1, sql
        ids[sql.split()[0]] = res.last_insert_id
    assert ids == {"UPDATE": None, "DELETE": None}


# Query must not run ATTACH DATABASE (SQLite counts it as read-only), which would create the named file on the
# server host and let reads reach any SQLite file the service can open (docs/api/db-gateway.md: ATTACH_REFUSED).
def test_query_refuses_attach_and_creates_no_file(db, tmp_path):
    target = tmp_path / "attached.db"
    with pytest.raises(gantry.GantryError) as info:
        db.query(f"ATTACH DATABASE '{target}' AS sneaky")
    assert info.value.reason == "ATTACH_REFUSED", str(info.value)
    assert info.value.code == grpc.StatusCode.INVALID_ARGUMENT, str(info.value)
    assert not target.exists()
