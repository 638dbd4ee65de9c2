"""db-gateway (gantry.db.v1.Database) with Python values in and out.

    import gantry
    from gantry.database import Database

    with gantry.connect("127.0.0.1:50052") as conn:
        db = Database(conn)                     # the database named "main"; Database(conn, "reports") for another
        db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO t (name) VALUES (?)", ["ann"]).last_insert_id      # -> 1
        for row in db.query("SELECT id, name FROM t WHERE name = :n", {"n": "ann"}):
            print(row["id"], row[1], row.as_dict())
        with db.transaction() as tx:            # commits on success, rolls back on an exception
            tx.execute("UPDATE t SET name = ? WHERE id = ?", ["bob", 1])
        for row in db.stream("SELECT * FROM big"):  # chunks fetched as you iterate
            ...
        db.bulk_insert("t", ["name"], (("n%d" % i,) for i in range(100000)))

Parameters: a sequence for positional placeholders (`?`, `$1`), a mapping for named ones (`:name`, keys without
the colon). Values map as in gantry.values. Every failure raises gantry.GantryError with the service's code,
reason (e.g. "UNIQUE_VIOLATION") and metadata (e.g. {"sqlstate": "23505"}).
"""

from __future__ import annotations

from itertools import islice
from typing import Iterable, Iterator, Sequence

from gantry.common.v1 import value_pb2
from gantry.connection import Connection
from gantry.db.v1 import database_pb2, database_pb2_grpc
from gantry.results import Column, Result, convert_rows, row_class, split_params
from gantry.transaction_scope import TransactionScope
from gantry.values import to_value

_ISOLATION = {
    None: database_pb2.ISOLATION_LEVEL_UNSPECIFIED,
    "read uncommitted": database_pb2.ISOLATION_LEVEL_READ_UNCOMMITTED,
    "read committed": database_pb2.ISOLATION_LEVEL_READ_COMMITTED,
    "repeatable read": database_pb2.ISOLATION_LEVEL_REPEATABLE_READ,
    "serializable": database_pb2.ISOLATION_LEVEL_SERIALIZABLE,
}


def result_from_proto(resp: database_pb2.ExecuteResponse) -> Result:
    columns = [Column.from_proto(c) for c in resp.columns]
    return Result(columns, convert_rows(resp.rows, [c.name for c in columns]), rows_affected=resp.rows_affected,
                  last_insert_id=resp.last_insert_id if resp.has_last_insert_id else None, truncated=resp.truncated)


def isolation_level(name) -> int:
    key = name.lower().replace("_", " ") if isinstance(name, str) else name
    if key not in _ISOLATION:
        raise ValueError(f"unknown isolation level {name!r}; use one of "
                         + ", ".join(repr(k) for k in _ISOLATION if k))
    return _ISOLATION[key]


def bulk_insert_requests(database: str, table: str, columns: Sequence[str], rows: Iterable,
                         batch_size: int = 500) -> Iterator[database_pb2.BulkInsertRequest]:
    """The request stream of BulkInsert: the first message names database, table and columns; each message
    carries up to batch_size rows. Rows are read lazily from the iterable, so it may be a generator."""
    if not table:
        raise ValueError("bulk_insert needs a table name")
    if not columns:
        raise ValueError("bulk_insert needs the column names")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    columns = list(columns)
    iterator = iter(rows)
    first = True
    while True:
        chunk = list(islice(iterator, batch_size))
        if not chunk and not first:
            return
        req = database_pb2.BulkInsertRequest()
        if first:
            req.database, req.table = database, table
            req.columns.extend(columns)
            first = False
        for n, row in enumerate(chunk):
            if isinstance(row, dict):
                missing = [c for c in columns if c not in row]
                if missing:
                    raise ValueError(f"bulk_insert row {n}: missing column(s) {', '.join(missing)}")
                row = [row[c] for c in columns]
            row = list(row)
            if len(row) != len(columns):
                raise ValueError(f"bulk_insert row has {len(row)} values for {len(columns)} columns: {row!r}")
            req.rows.append(value_pb2.Row(values=[to_value(v) for v in row]))
        yield req
        if not chunk:
            return


class RowStream:
    """The rows of a StreamQuery, fetched chunk by chunk as you iterate. `columns` is known once the first
    chunk has arrived (it is fetched on first access). Call close() (or use `with`) to stop early; that
    cancels the call on the server."""

    def __init__(self, call):
        self._call = call
        self._chunks = iter(call)
        self._pending = []
        self._cls = None
        self.columns: list = []
        self._started = False

    def _first(self):
        if self._started:
            return
        self._started = True
        from gantry.connection import _wrap_stream_errors  # local: keeps the import graph simple

        with _wrap_stream_errors():
            chunk = next(self._chunks, None)
        if chunk is not None:
            self.columns = [Column.from_proto(c) for c in chunk.columns]
            self._cls = row_class([c.name for c in self.columns])
            self._pending = convert_rows(chunk.rows, [c.name for c in self.columns], self._cls)

    @property
    def column_names(self) -> list:
        self._first()
        return [c.name for c in self.columns]

    def __iter__(self):
        from gantry.connection import _wrap_stream_errors

        self._first()
        names = [c.name for c in self.columns]
        while True:
            yield from self._pending
            self._pending = []
            with _wrap_stream_errors():
                chunk = next(self._chunks, None)
            if chunk is None:
                return
            self._pending = convert_rows(chunk.rows, names, self._cls)

    def close(self):
        self._call.cancel()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class _Runner:
    """Execute / query / stream against one database, optionally inside a transaction."""

    def __init__(self, conn: Connection, database: str, transaction_id: str = ""):
        self._conn = conn
        self._stub = database_pb2_grpc.DatabaseStub(conn.channel)
        self.database = database
        self.transaction_id = transaction_id

    def _request(self, sql, params, max_rows=0):
        positional, named = split_params(params)
        return database_pb2.ExecuteRequest(database=self.database, sql=sql, params=positional, named_params=named,
                                           transaction_id=self.transaction_id, max_rows=max_rows)

    def _run(self, rpc, sql, params, max_rows, timeout, read_only):
        if isinstance(sql, str):
            return result_from_proto(self._conn.call(rpc, self._request(sql, params, max_rows), timeout))
        # A gantry.db.v1.SqlStatement: the server builds it for the database's dialect (ExecuteStatement).
        if params:
            raise ValueError("a statement tree carries its own values: pass no params")
        req = database_pb2.ExecuteStatementRequest(database=self.database, statement=sql, max_rows=max_rows,
                                                   transaction_id=self.transaction_id, read_only=read_only)
        return result_from_proto(self._conn.call(self._stub.ExecuteStatement, req, timeout))

    def execute(self, sql, params=None, *, max_rows: int = 0, timeout: float | None = None) -> Result:
        """Runs one statement (it may write) and returns its rows, rows_affected and last_insert_id. `sql` is SQL
        text or a query_builder_pb2.SqlStatement (then without params: the tree carries its values)."""
        return self._run(self._stub.Execute, sql, params, max_rows, timeout, False)

    def query(self, sql, params=None, *, max_rows: int = 0, timeout: float | None = None) -> Result:
        """Runs one statement that the database itself keeps from writing (a write raises PERMISSION_DENIED).
        `sql` is SQL text or a query_builder_pb2.SqlStatement, as for execute()."""
        return self._run(self._stub.Query, sql, params, max_rows, timeout, True)

    def stream(self, sql: str, params=None, *, chunk_rows: int = 0, timeout: float | None = None) -> RowStream:
        """Streams the rows of a query (no row limit); the server holds one chunk at a time."""
        positional, named = split_params(params)
        req = database_pb2.StreamQueryRequest(database=self.database, sql=sql, params=positional, named_params=named,
                                              transaction_id=self.transaction_id, chunk_rows=chunk_rows)
        return RowStream(self._conn.start_stream(self._stub.StreamQuery, req, timeout))

    def execute_many(self, statements: Iterable, *, atomic: bool = True, timeout: float | None = None) -> list:
        """Runs statements ("sql" or ("sql", params)) in order on one connection; atomic: all or nothing."""
        req = database_pb2.ExecuteBatchRequest(database=self.database, atomic=atomic,
                                               transaction_id=self.transaction_id)
        for st in statements:
            sql, params = (st, None) if isinstance(st, str) else st
            positional, named = split_params(params)
            req.statements.append(database_pb2.Statement(sql=sql, params=positional, named_params=named))
        resp = self._conn.call(self._stub.ExecuteBatch, req, timeout)
        return [result_from_proto(r) for r in resp.results]


class Transaction(TransactionScope, _Runner):
    """An open transaction pinned to one server connection. As a context manager it commits when the block
    ends normally and rolls back when it raises; commit() and rollback() end it explicitly."""

    def __init__(self, conn, database, transaction_id):
        super().__init__(conn, database, transaction_id)
        self.active = True

    def commit(self):
        self._end(self._stub.Commit)

    def rollback(self):
        self._end(self._stub.Rollback)

    def _end(self, method):
        self._mark_ended()
        self._conn.call(method, database_pb2.TransactionRequest(transaction_id=self.transaction_id))


class Database(_Runner):
    """One configured database of a db-gateway (default "main")."""

    def __init__(self, conn: Connection, database: str = ""):
        super().__init__(conn, database)

    def transaction(self, isolation=None, read_only: bool = False, idle_timeout_ms: int = 0) -> Transaction:
        """Begins a transaction: isolation None (the database's default), "read committed", "repeatable read",
        "serializable" or "read uncommitted"."""
        req = database_pb2.BeginTransactionRequest(database=self.database, isolation=isolation_level(isolation),
                                                   read_only=read_only, idle_timeout_ms=idle_timeout_ms)
        resp = self._conn.call(self._stub.BeginTransaction, req)
        return Transaction(self._conn, self.database, resp.transaction_id)

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Iterable, *, batch_size: int = 500,
                    timeout: float | None = None) -> int:
        """Inserts rows (sequences in column order, or dicts by column name) streamed from any iterable, in one
        transaction on SQLite, COPY on PostgreSQL; returns the number of rows inserted."""
        requests = bulk_insert_requests(self.database, table, columns, rows, batch_size)
        return self._conn.call(self._stub.BulkInsert, requests, timeout).rows_inserted

    def list_tables(self, schema: str = "") -> list:
        """[(schema, name, kind)] of the database's tables and views."""
        resp = self._conn.call(self._stub.ListTables,
                               database_pb2.ListTablesRequest(database=self.database, schema=schema))
        return [(t.schema, t.name, t.kind) for t in resp.tables]

    def describe_table(self, table: str) -> list:
        """The table's columns as database_pb2.ColumnInfo messages (name, type, database_type, nullable,
        primary_key, default_value)."""
        resp = self._conn.call(self._stub.DescribeTable,
                               database_pb2.DescribeTableRequest(database=self.database, table=table))
        return list(resp.columns)
