import datetime as dt
import decimal
import uuid

import pytest

from gantry.values import Json, from_value, to_value


@pytest.mark.parametrize(
    "obj",
    [
        None,
        True,
        False,
        0,
        -(2**63),
        2**63 - 1,
        1.5,
        decimal.Decimal("-12345678901234567890.000123"),
        "",
        "héllo",
        b"",
        b"\x00\xff",
        dt.datetime(2024, 2, 29, 23, 59, 59, 999999),
        dt.datetime(2024, 2, 29, 23, 59, 59, 123456, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
        dt.datetime(1900, 1, 1, tzinfo=dt.timezone.utc),
        dt.date(1, 1, 1),
        dt.date(9999, 12, 31),
        dt.time(0, 0),
        dt.time(23, 59, 59, 999999),
        dt.time(12, 0, tzinfo=dt.timezone(dt.timedelta(hours=-3))),
        uuid.UUID("0190f3a2-7b1c-7def-8000-123456789abc"),
        {"a": [1, 2, None], "b": "x"},
        [1, "two", 3.0],
    ],
)
def test_round_trip(obj):
    assert from_value(to_value(obj)) == obj


def test_null_is_not_empty():
    assert to_value(None).WhichOneof("kind") == "null_value"
    assert to_value("").WhichOneof("kind") == "text_value"
    assert to_value(b"").WhichOneof("kind") == "bytes_value"


def test_aware_timestamp_keeps_instant_and_offset():
    t = dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    v = to_value(t)
    assert v.timestamp_value.has_time_zone
    assert v.timestamp_value.utc_offset_seconds == 7200
    assert v.timestamp_value.epoch_micros == 1704103200 * 1_000_000


def test_json_marker_sends_scalars_as_json():
    assert to_value(Json(5)).json_value == "5"


def test_out_of_range_int_is_refused():
    with pytest.raises(ValueError, match="64 bits"):
        to_value(2**63)


def test_unknown_type_is_refused():
    with pytest.raises(TypeError, match="object"):
        to_value(object())
