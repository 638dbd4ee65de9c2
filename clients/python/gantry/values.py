"""Python <-> gantry.common.v1.Value.

| Python                        | Value member      |
|-------------------------------|-------------------|
| None                          | null_value        |
| bool                          | bool_value        |
| int (64-bit)                  | int64_value       |
| float                         | double_value      |
| decimal.Decimal               | decimal_value     |
| str                           | text_value        |
| bytes / bytearray             | bytes_value       |
| datetime.datetime (aware)     | timestamp_value with zone    |
| datetime.datetime (naive)     | timestamp_value without zone |
| datetime.date                 | date_value        |
| datetime.time                 | time_value        |
| uuid.UUID                     | uuid_value        |
| gantry.values.Json(x), dict, list | json_value    |
"""

from __future__ import annotations

import datetime as _dt
import decimal
import json
import uuid

from gantry.common.v1 import value_pb2

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


class Json:
    """Marks a value to be sent as JSON (dicts and lists are sent as JSON without it)."""

    def __init__(self, value):
        self.value = value


def to_value(obj) -> value_pb2.Value:
    v = value_pb2.Value()
    if obj is None:
        v.null_value = 0
    elif isinstance(obj, bool):
        v.bool_value = obj
    elif isinstance(obj, int):
        if not _INT64_MIN <= obj <= _INT64_MAX:
            raise ValueError(f"integer {obj} does not fit in 64 bits; send it as decimal.Decimal")
        v.int64_value = obj
    elif isinstance(obj, float):
        v.double_value = obj
    elif isinstance(obj, decimal.Decimal):
        if not obj.is_finite():
            raise ValueError(f"decimal {obj} is not finite")
        v.decimal_value = str(obj)
    elif isinstance(obj, str):
        v.text_value = obj
    elif isinstance(obj, (bytes, bytearray, memoryview)):
        v.bytes_value = bytes(obj)
    elif isinstance(obj, _dt.datetime):
        aware = obj.tzinfo is not None
        as_utc = obj.astimezone(_dt.timezone.utc) if aware else obj.replace(tzinfo=_dt.timezone.utc)
        delta = as_utc - _EPOCH
        v.timestamp_value.epoch_micros = (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
        v.timestamp_value.has_time_zone = aware
        if aware:
            v.timestamp_value.utc_offset_seconds = int(obj.utcoffset().total_seconds())
    elif isinstance(obj, _dt.date):
        v.date_value.year, v.date_value.month, v.date_value.day = obj.year, obj.month, obj.day
    elif isinstance(obj, _dt.time):
        v.time_value.micros_since_midnight = (
            (obj.hour * 3600 + obj.minute * 60 + obj.second) * 1_000_000 + obj.microsecond
        )
        if obj.tzinfo is not None:
            v.time_value.has_time_zone = True
            v.time_value.utc_offset_seconds = int(obj.utcoffset().total_seconds())
    elif isinstance(obj, uuid.UUID):
        v.uuid_value = str(obj)
    elif isinstance(obj, Json):
        v.json_value = json.dumps(obj.value)
    elif isinstance(obj, (dict, list)):
        v.json_value = json.dumps(obj)
    else:
        raise TypeError(f"cannot send a value of type {type(obj).__name__}")
    return v


def from_value(v: value_pb2.Value):
    kind = v.WhichOneof("kind")
    if kind is None or kind == "null_value":
        return None
    if kind in ("bool_value", "int64_value", "double_value", "text_value", "bytes_value"):
        return getattr(v, kind)
    if kind == "decimal_value":
        return decimal.Decimal(v.decimal_value)
    if kind == "timestamp_value":
        ts = v.timestamp_value
        instant = _EPOCH + _dt.timedelta(microseconds=ts.epoch_micros)
        if ts.has_time_zone:
            return instant.astimezone(_dt.timezone(_dt.timedelta(seconds=ts.utc_offset_seconds)))
        return instant.replace(tzinfo=None)
    if kind == "date_value":
        return _dt.date(v.date_value.year, v.date_value.month, v.date_value.day)
    if kind == "time_value":
        t = v.time_value
        seconds, micros = divmod(t.micros_since_midnight, 1_000_000)
        minutes, second = divmod(seconds, 60)
        hour, minute = divmod(minutes, 60)
        tz = _dt.timezone(_dt.timedelta(seconds=t.utc_offset_seconds)) if t.has_time_zone else None
        return _dt.time(hour, minute, second, micros, tzinfo=tz)
    if kind == "json_value":
        return json.loads(v.json_value)
    if kind == "uuid_value":
        return uuid.UUID(v.uuid_value)
    raise ValueError(f"unknown value kind {kind}")
