"""turso-sync (gantry.turso.v1.TursoSync) with Python values in and out.

    import gantry
    from gantry.tursosync import TursoSync, Step, ok, not_

    with gantry.connect("127.0.0.1:50053") as conn:
        turso = TursoSync(conn)                 # the default database; TursoSync(conn, "field") for another
        turso.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        turso.execute("INSERT INTO notes (body) VALUES (?)", ["hi"]).last_insert_id
        turso.query("SELECT * FROM notes WHERE id = :id", {"id": 1}).dicts()
        outcomes = turso.batch(["INSERT INTO notes (body) VALUES ('a')",
                                Step("INSERT INTO notes (body) VALUES ('b')", condition=ok(0)),
                                Step("ROLLBACK", condition=not_(ok(1)))])
        turso.sync()                            # replica / offline databases: push queued writes, then pull
        turso.stats().revision

Parameters: a sequence for `?`, a mapping for `:name` (a key without a prefix gets ":"; "@x" and "$x" are kept).
Turso stores no timestamps, dates or times (they are refused); decimal, JSON and UUID travel as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from gantry.connection import Connection
from gantry.results import Column, Result, convert_rows
from gantry.transaction_scope import TransactionScope
from gantry.turso.v1 import turso_pb2, turso_pb2_grpc
from gantry.values import to_value

_SERVED_BY = {turso_pb2.SERVED_BY_LOCAL: "local", turso_pb2.SERVED_BY_REMOTE: "remote"}


def _mode_name(mode: int) -> str:
    return turso_pb2.DatabaseMode.Name(mode).removeprefix("DATABASE_MODE_").lower()


def statement(sql: str, params=None) -> turso_pb2.Statement:
    """SQL and Python parameters -> a turso Statement (positional args or named args with their prefix)."""
    st = turso_pb2.Statement(sql=sql)
    if params is None:
        return st
    if isinstance(params, dict):
        for key, value in params.items():
            if not isinstance(key, str) or not key:
                raise TypeError(f"named parameter keys must be non-empty strings, got {key!r}")
            name = key if key[0] in ":@$" else ":" + key
            st.named_args.append(turso_pb2.NamedArg(name=name, value=to_value(value)))
        return st
    if isinstance(params, (str, bytes, bytearray)) or not hasattr(params, "__iter__"):
        raise TypeError(f"params must be a sequence or a dict, not {type(params).__name__}")
    st.args.extend(to_value(v) for v in params)
    return st


def result_from_proto(res: turso_pb2.StatementResult, served_by: int = 0) -> Result:
    columns = [Column.from_proto(c) for c in res.columns]
    return Result(columns, convert_rows(res.rows, [c.name for c in columns]), rows_affected=res.affected_row_count,
                  last_insert_id=res.last_insert_rowid if res.HasField("last_insert_rowid") else None,
                  served_by=_SERVED_BY.get(served_by))


# Batch conditions (Hrana): ok(i) / error(i) test step i (0-based); combine with not_, and_, or_.
class Condition:
    def __init__(self, proto: turso_pb2.BatchCondition):
        self.proto = proto

    def __invert__(self):
        return not_(self)

    def __and__(self, other):
        return and_(self, other)

    def __or__(self, other):
        return or_(self, other)

    def __repr__(self):
        return f"Condition({self.proto})".replace("\n", " ")


def ok(step: int) -> Condition:
    """True when step `step` ran and succeeded."""
    return Condition(turso_pb2.BatchCondition(ok=_step_index(step)))


def error(step: int) -> Condition:
    """True when step `step` ran and failed."""
    return Condition(turso_pb2.BatchCondition(error=_step_index(step)))


def is_autocommit() -> Condition:
    """True when the connection is not inside a transaction."""
    return Condition(turso_pb2.BatchCondition(is_autocommit=True))


def not_(c: Condition) -> Condition:
    p = turso_pb2.BatchCondition()
    getattr(p, "not").CopyFrom(c.proto)
    return Condition(p)


def and_(*cs: Condition) -> Condition:
    p = turso_pb2.BatchCondition()
    getattr(p, "and").conditions.extend(c.proto for c in cs)
    return Condition(p)


def or_(*cs: Condition) -> Condition:
    p = turso_pb2.BatchCondition()
    getattr(p, "or").conditions.extend(c.proto for c in cs)
    return Condition(p)


def _step_index(step) -> int:
    if not isinstance(step, int) or isinstance(step, bool) or step < 0:
        raise ValueError(f"a batch step index is a non-negative int, got {step!r}")
    return step


@dataclass
class Step:
    """One batch step: SQL, parameters and an optional condition (run always when None)."""

    sql: str
    params: object = None
    condition: Condition | None = None


@dataclass
class StepError:
    """A batch step that ran and failed, with the database's message."""

    message: str


SKIPPED = "skipped"  # the outcome of a step whose condition was false


def batch_request(database: str, steps: Iterable) -> turso_pb2.BatchRequest:
    req = turso_pb2.BatchRequest(database=database)
    for s in steps:
        if isinstance(s, str):
            s = Step(s)
        elif isinstance(s, tuple):
            s = Step(*s)
        elif not isinstance(s, Step):
            raise TypeError(f"a batch step is SQL text, (sql, params) or Step, not {type(s).__name__}")
        step = turso_pb2.BatchStep(statement=statement(s.sql, s.params))
        if s.condition is not None:
            step.condition.CopyFrom(s.condition.proto)
        req.steps.append(step)
    return req


def batch_outcomes(resp: turso_pb2.BatchResponse) -> list:
    out = []
    for o in resp.steps:
        kind = o.WhichOneof("outcome")
        if kind == "result":
            out.append(result_from_proto(o.result, resp.served_by))
        elif kind == "error":
            out.append(StepError(o.error))
        else:
            out.append(SKIPPED)
    return out


@dataclass(frozen=True)
class SyncResult:
    pages_pulled: int
    changes_pushed: int
    revision: str
    duration_ms: int


@dataclass(frozen=True)
class Stats:
    database: str
    mode: str  # "local", "remote", "replica" or "offline"
    pulls: int
    pushes: int
    pages_pulled: int
    bytes_pulled: int
    changes_pushed: int
    changes_queued: int
    revision: str
    last_sync_unix_ms: int  # 0 = never
    lag_ms: int
    last_error: str


@dataclass(frozen=True)
class DatabaseInfo:
    name: str
    mode: str
    url: str
    path: str
    revision: str


class _Runner:
    def __init__(self, conn: Connection, database: str, transaction_id: str = ""):
        self._conn = conn
        self._stub = turso_pb2_grpc.TursoSyncStub(conn.channel)
        self.database = database
        self.transaction_id = transaction_id

    def _call(self, method, sql, params, timeout):
        req = turso_pb2.ExecuteRequest(database=self.database, statement=statement(sql, params),
                                       transaction_id=self.transaction_id)
        resp = self._conn.call(method, req, timeout)
        return result_from_proto(resp.result, resp.served_by)

    def execute(self, sql: str, params=None, *, timeout: float | None = None) -> Result:
        """Runs one statement, read or write. `served_by` says whether the local copy or the remote answered."""
        return self._call(self._stub.Execute, sql, params, timeout)

    def query(self, sql: str, params=None, *, timeout: float | None = None) -> Result:
        """Runs one read-only statement; a write raises GantryError INVALID_ARGUMENT (reason NOT_READ_ONLY)."""
        return self._call(self._stub.Query, sql, params, timeout)


class Transaction(TransactionScope, _Runner):
    """An interactive transaction. As a context manager it commits when the block ends normally and rolls
    back when it raises."""

    def __init__(self, conn, database, transaction_id):
        super().__init__(conn, database, transaction_id)
        self.active = True

    def commit(self):
        self._end(True)

    def rollback(self):
        self._end(False)

    def _end(self, commit: bool):
        self._mark_ended()
        self._conn.call(self._stub.EndTransaction,
                        turso_pb2.EndTransactionRequest(transaction_id=self.transaction_id, commit=commit))


class TursoSync(_Runner):
    """One named database of a turso-sync service (empty name: the service's default database)."""

    def __init__(self, conn: Connection, database: str = ""):
        super().__init__(conn, database)

    def batch(self, steps: Iterable, *, timeout: float | None = None) -> list:
        """Runs steps (SQL text, (sql, params) or Step with a condition) as one Hrana batch. Returns one
        outcome per step: a Result, a StepError (the step failed) or SKIPPED (its condition was false)."""
        resp = self._conn.call(self._stub.Batch, batch_request(self.database, steps), timeout)
        return batch_outcomes(resp)

    def transaction(self) -> Transaction:
        resp = self._conn.call(self._stub.BeginTransaction, turso_pb2.BeginTransactionRequest(database=self.database))
        return Transaction(self._conn, self.database, resp.transaction_id)

    def sync(self, *, timeout: float | None = None) -> SyncResult:
        """Pushes queued offline writes, then pulls. A local database has no remote: FAILED_PRECONDITION."""
        r = self._conn.call(self._stub.Sync, turso_pb2.SyncRequest(database=self.database), timeout)
        return SyncResult(r.pages_pulled, r.changes_pushed, r.revision, r.duration_ms)

    def stats(self) -> Stats:
        s = self._conn.call(self._stub.GetStats, turso_pb2.GetStatsRequest(database=self.database))
        return Stats(s.database, _mode_name(s.mode), s.pulls, s.pushes, s.pages_pulled, s.bytes_pulled,
                     s.changes_pushed, s.changes_queued, s.revision, s.last_sync_unix_ms, s.lag_ms, s.last_error)

    def list_databases(self) -> list:
        resp = self._conn.call(self._stub.ListDatabases, turso_pb2.ListDatabasesRequest())
        return [DatabaseInfo(d.name, _mode_name(d.mode), d.url, d.path, d.revision) for d in resp.databases]
