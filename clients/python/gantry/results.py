"""Rows and result sets as Python values, shared by the db-gateway and turso-sync wrappers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from gantry.common.v1 import value_pb2
from gantry.values import from_value, to_value


@dataclass(frozen=True)
class Column:
    """A result column: its name, portable type (e.g. "INT64", "TEXT"; "UNSPECIFIED" when the engine does not
    know, as for a SQLite expression in an empty result), the engine's own type name (e.g. "INTEGER",
    "varchar(20)") and nullable, which is False only when the engine guarantees the column holds no NULL."""

    name: str
    type: str
    database_type: str = ""
    nullable: bool = True

    @classmethod
    def from_proto(cls, c: value_pb2.Column) -> "Column":
        return cls(c.name, value_pb2.ValueType.Name(c.type).removeprefix("VALUE_TYPE_"), c.database_type, c.nullable)


class Row(tuple):
    """One row: a tuple of Python values in column order that can also be indexed by column name
    (`row["name"]`). `row.keys()` gives the column names and `row.as_dict()` a plain dict."""

    __slots__ = ()
    _names: tuple = ()

    def __new__(cls, values: Iterable, names: Sequence[str]):
        row = super().__new__(cls, values)
        if len(row) != len(names):
            raise ValueError(f"a row of {len(row)} values for {len(names)} columns")
        return row

    def __getitem__(self, key):
        if isinstance(key, str):
            names = self.keys()
            try:
                return tuple.__getitem__(self, names.index(key))
            except ValueError:
                raise KeyError(f"no column {key!r}; columns: {', '.join(names)}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list:
        return list(self._names)

    def as_dict(self) -> dict:
        return dict(zip(self._names, self))

    def __repr__(self):
        return "Row(" + ", ".join(f"{k}={v!r}" for k, v in zip(self._names, self)) + ")"


def row_class(names: Sequence[str]) -> type:
    """A Row subclass bound to these column names (shared by every row of one result)."""
    return type("Row", (Row,), {"__slots__": (), "_names": tuple(names)})


def convert_rows(proto_rows, names: Sequence[str], cls: type | None = None) -> list:
    cls = cls or row_class(names)
    return [cls([from_value(v) for v in r.values], names) for r in proto_rows]


class Result:
    """The rows of a statement as Python values, with column names and counts. Iterating yields the rows;
    `len()` is the number of rows; `dicts()` gives them as dicts; `scalar()` the single value of a one-cell
    result."""

    def __init__(self, columns: Sequence[Column], rows: list, rows_affected: int = 0,
                 last_insert_id: int | None = None, truncated: bool = False, served_by: str | None = None):
        self.columns = list(columns)
        self.rows = rows
        self.rows_affected = rows_affected
        self.last_insert_id = last_insert_id
        self.truncated = truncated
        self.served_by = served_by

    @property
    def column_names(self) -> list:
        return [c.name for c in self.columns]

    def dicts(self) -> list:
        return [r.as_dict() for r in self.rows]

    def scalar(self):
        if len(self.rows) != 1 or len(self.columns) != 1:
            raise ValueError(f"scalar() needs exactly one row and one column, got {len(self.rows)} rows of "
                             f"{len(self.columns)} columns")
        return self.rows[0][0]

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __repr__(self):
        return (f"Result(columns={self.column_names}, rows={len(self.rows)}, rows_affected={self.rows_affected}, "
                f"last_insert_id={self.last_insert_id})")


def split_params(params) -> tuple:
    """Python parameters -> (positional Values, named Values). A mapping is named (keys without the
    placeholder's prefix character), any other sequence positional, None neither."""
    if params is None:
        return [], {}
    if isinstance(params, Mapping):
        named = {}
        for key, value in params.items():
            if not isinstance(key, str) or not key:
                raise TypeError(f"named parameter keys must be non-empty strings, got {key!r}")
            named[key] = to_value(value)
        return [], named
    if isinstance(params, (str, bytes, bytearray)) or not isinstance(params, Sequence):
        raise TypeError("params must be a sequence (for ? / $1 placeholders) or a mapping (for :name), "
                        f"not {type(params).__name__}")
    return [to_value(v) for v in params], {}
