"""The pure-Python parts of the db-gateway and turso-sync wrappers: parameters, rows, results, request building."""

import decimal

import pytest

from gantry.common.v1 import value_pb2
from gantry.database import bulk_insert_requests, isolation_level, result_from_proto
from gantry.db.v1 import database_pb2
from gantry.results import Row, row_class, split_params
from gantry.tursosync import (SKIPPED, Step, StepError, and_, batch_outcomes, batch_request, error, is_autocommit,
                              not_, ok, or_, statement)
from gantry.tursosync import result_from_proto as turso_result
from gantry.turso.v1 import turso_pb2
from gantry.values import from_value, to_value


def test_split_params_positional_named_and_none():
    pos, named = split_params([1, "a", None])
    assert [from_value(v) for v in pos] == [1, "a", None] and named == {}
    pos, named = split_params({"id": 5, "name": "x"})
    assert pos == [] and {k: from_value(v) for k, v in named.items()} == {"id": 5, "name": "x"}
    assert split_params(None) == ([], {})
    assert split_params(()) == ([], {})


@pytest.mark.parametrize("bad", ["SELECT", b"xx", 5, {1: "x"}, {"": 1}])
def test_split_params_refuses_what_is_not_a_sequence_or_named_mapping(bad):
    with pytest.raises(TypeError):
        split_params(bad)


def test_row_by_index_name_and_dict():
    cls = row_class(["id", "name"])
    row = cls([1, "ann"], ["id", "name"])
    assert row == (1, "ann")
    assert row[0] == 1 and row["name"] == "ann" and row[-1] == "ann"
    assert row.keys() == ["id", "name"]
    assert row.as_dict() == {"id": 1, "name": "ann"}
    assert repr(row) == "Row(id=1, name='ann')"
    with pytest.raises(KeyError, match="no column 'nope'; columns: id, name"):
        row["nope"]
    with pytest.raises(ValueError, match="a row of 1 values for 2 columns"):
        cls([1], ["id", "name"])
    assert isinstance(row, Row)


def test_db_result_from_proto():
    resp = database_pb2.ExecuteResponse(
        columns=[value_pb2.Column(name="id", type=value_pb2.VALUE_TYPE_INT64, database_type="INTEGER"),
                 value_pb2.Column(name="price", type=value_pb2.VALUE_TYPE_DECIMAL)],
        rows=[value_pb2.Row(values=[to_value(1), to_value(decimal.Decimal("9.99"))])],
        rows_affected=0, last_insert_id=0, has_last_insert_id=False, truncated=True)
    res = result_from_proto(resp)
    assert res.column_names == ["id", "price"]
    assert [c.type for c in res.columns] == ["INT64", "DECIMAL"]
    assert res.columns[0].database_type == "INTEGER"
    assert res.rows == [(1, decimal.Decimal("9.99"))]
    assert res.dicts() == [{"id": 1, "price": decimal.Decimal("9.99")}]
    assert res.last_insert_id is None  # has_last_insert_id false: no id, not 0
    assert res.truncated
    assert len(res) == 1
    with pytest.raises(ValueError, match="exactly one row and one column"):
        res.scalar()
    res2 = result_from_proto(database_pb2.ExecuteResponse(rows_affected=1, last_insert_id=0, has_last_insert_id=True))
    assert res2.last_insert_id == 0 and res2.rows_affected == 1


def test_bulk_insert_requests_chunks_lazily_and_names_table_once():
    pulled = []

    def rows():
        for i in range(5):
            pulled.append(i)
            yield (i, f"n{i}")

    gen = bulk_insert_requests("main", "t", ["id", "name"], rows(), batch_size=2)
    first = next(gen)
    assert (first.database, first.table, list(first.columns)) == ("main", "t", ["id", "name"])
    assert [[from_value(v) for v in r.values] for r in first.rows] == [[0, "n0"], [1, "n1"]]
    assert pulled == [0, 1]  # nothing read ahead beyond the first chunk
    rest = list(gen)
    assert [len(r.rows) for r in rest] == [2, 1]
    assert all(r.table == "" and not r.columns for r in rest)


def test_bulk_insert_requests_empty_and_dict_rows_and_errors():
    only = list(bulk_insert_requests("", "t", ["a"], []))
    assert len(only) == 1 and only[0].table == "t" and not only[0].rows
    req = next(bulk_insert_requests("", "t", ["a", "b"], [{"b": 2, "a": 1}]))
    assert [from_value(v) for v in req.rows[0].values] == [1, 2]
    with pytest.raises(ValueError, match="missing column"):
        list(bulk_insert_requests("", "t", ["a", "b"], [{"a": 1}]))
    with pytest.raises(ValueError, match="1 values for 2 columns"):
        list(bulk_insert_requests("", "t", ["a", "b"], [(1,)]))
    with pytest.raises(ValueError, match="table"):
        list(bulk_insert_requests("", "", ["a"], []))
    with pytest.raises(ValueError, match="batch_size"):
        list(bulk_insert_requests("", "t", ["a"], [], batch_size=0))


def test_isolation_levels():
    assert isolation_level(None) == database_pb2.ISOLATION_LEVEL_UNSPECIFIED
    assert isolation_level("SERIALIZABLE") == database_pb2.ISOLATION_LEVEL_SERIALIZABLE
    assert isolation_level("read_committed") == database_pb2.ISOLATION_LEVEL_READ_COMMITTED
    with pytest.raises(ValueError, match="unknown isolation level 'snapshot'"):
        isolation_level("snapshot")


def test_turso_statement_positional_and_named_prefixes():
    st = statement("SELECT ?", [1])
    assert [from_value(v) for v in st.args] == [1] and not st.named_args
    st = statement("SELECT :a, @b, $c", {"a": 1, "@b": 2, "$c": 3})
    assert [(a.name, from_value(a.value)) for a in st.named_args] == [(":a", 1), ("@b", 2), ("$c", 3)]
    with pytest.raises(TypeError):
        statement("SELECT ?", "abc")


def test_turso_conditions_build_hrana_trees():
    assert ok(0).proto == turso_pb2.BatchCondition(ok=0)
    assert ok(0).proto.WhichOneof("kind") == "ok"  # step 0 is a real condition, not unset
    assert error(2).proto.error == 2
    assert is_autocommit().proto.is_autocommit
    c = not_(ok(1)) & (error(0) | is_autocommit())
    assert c.proto.WhichOneof("kind") == "and"
    left, right = getattr(c.proto, "and").conditions
    assert getattr(left, "not").ok == 1
    assert [x.WhichOneof("kind") for x in getattr(right, "or").conditions] == ["error", "is_autocommit"]
    assert (~ok(3)).proto == not_(ok(3)).proto
    assert and_(ok(0), ok(1)).proto == (ok(0) & ok(1)).proto
    assert or_(ok(0)).proto.WhichOneof("kind") == "or"
    for bad in (-1, True, "1"):
        with pytest.raises(ValueError):
            ok(bad)


def test_turso_batch_request_and_outcomes():
    req = batch_request("db1", ["SELECT 1", ("SELECT ?", [2]), Step("SELECT 3", condition=ok(0))])
    assert req.database == "db1"
    assert [s.statement.sql for s in req.steps] == ["SELECT 1", "SELECT ?", "SELECT 3"]
    assert not req.steps[0].HasField("condition") and req.steps[2].condition.ok == 0
    with pytest.raises(TypeError):
        batch_request("", [42])
    resp = turso_pb2.BatchResponse(served_by=turso_pb2.SERVED_BY_REMOTE, steps=[
        turso_pb2.StepOutcome(result=turso_pb2.StatementResult(affected_row_count=1, last_insert_rowid=9)),
        turso_pb2.StepOutcome(error="UNIQUE constraint failed"),
        turso_pb2.StepOutcome(skipped=True)])
    first, second, third = batch_outcomes(resp)
    assert (first.rows_affected, first.last_insert_id, first.served_by) == (1, 9, "remote")
    assert second == StepError("UNIQUE constraint failed")
    assert third is SKIPPED


def test_turso_result_without_rowid_is_none():
    res = turso_result(turso_pb2.StatementResult(affected_row_count=0), turso_pb2.SERVED_BY_LOCAL)
    assert res.last_insert_id is None and res.served_by == "local"
