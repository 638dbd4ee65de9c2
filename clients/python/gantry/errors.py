"""The one exception type of the client, carrying the service's machine-readable error details."""

from __future__ import annotations

import grpc

from gantry.common.v1 import error_pb2

_DETAILS_KEY = "grpc-status-details-bin"
_DETAIL_TYPE_URL = "type.googleapis.com/gantry.common.v1.ErrorDetail"


class GantryError(Exception):
    """A failed call: `code` (grpc.StatusCode), `message`, and the details the service attached:
    `reason` (e.g. "UNIQUE_VIOLATION"), `metadata` (e.g. {"sqlstate": "23505"}), `request_id`."""

    def __init__(self, code, message, reason="", metadata=None, request_id="", domain=""):
        super().__init__(f"{code.name}: {message}")
        self.code = code
        self.message = message
        self.reason = reason
        self.metadata = dict(metadata or {})
        self.request_id = request_id
        self.domain = domain

    @classmethod
    def from_rpc_error(cls, err: grpc.RpcError) -> "GantryError":
        detail = _parse_detail(err)
        return cls(
            err.code(),
            err.details() or "",
            reason=detail.reason if detail else "",
            metadata=detail.metadata if detail else {},
            request_id=detail.request_id if detail else "",
            domain=detail.domain if detail else "",
        )


def _parse_detail(err: grpc.RpcError):
    """Reads the ErrorDetail from grpc-status-details-bin (a google.rpc.Status: code=1, message=2,
    details=3 as Any{type_url=1, value=2}) without needing the googleapis protos."""
    trailers = err.trailing_metadata() if hasattr(err, "trailing_metadata") else None
    blob = next((v for k, v in (trailers or ()) if k == _DETAILS_KEY), None)
    if not blob:
        return None
    for field, payload in _length_delimited_fields(blob):
        if field != 3:
            continue
        parts = dict(_length_delimited_fields(payload))
        if parts.get(1, b"").decode(errors="replace") == _DETAIL_TYPE_URL:
            detail = error_pb2.ErrorDetail()
            detail.ParseFromString(parts.get(2, b""))
            return detail
    return None


def _varint(buf: bytes, pos: int):
    result = shift = 0
    while pos < len(buf):
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7
    raise ValueError("truncated varint")


def _length_delimited_fields(buf: bytes):
    pos = 0
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        wire = key & 7
        if wire == 0:
            _, pos = _varint(buf, pos)
        elif wire == 2:
            size, pos = _varint(buf, pos)
            yield key >> 3, buf[pos : pos + size]
            pos += size
        else:
            return
