"""A connection to one Gantry service: channel, credentials, token, and the calls every service has."""

from __future__ import annotations

import contextlib

import grpc

from gantry.common.v1 import admin_pb2, admin_pb2_grpc
from gantry.errors import GantryError

_HEALTH_STATUS = {0: "UNKNOWN", 1: "SERVING", 2: "NOT_SERVING", 3: "SERVICE_UNKNOWN"}


def _encode_health_request(service: str) -> bytes:
    # grpc.health.v1.HealthCheckRequest { string service = 1; }
    data = service.encode()
    return (b"\x0a" + _varint(len(data)) + data) if data else b""


def _decode_health_status(blob: bytes) -> str:
    # grpc.health.v1.HealthCheckResponse { ServingStatus status = 1; } (a varint; absent means 0)
    status = blob[1] if len(blob) >= 2 and blob[0] == 0x08 else 0
    return _HEALTH_STATUS.get(status, str(status))


def _varint(n: int) -> bytes:
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


class Connection:
    """One gRPC channel to a Gantry service. Use as a context manager or call close()."""

    def __init__(self, address, token=None, root_certificates=None, client_certificate=None,
                 client_key=None, timeout=30.0):
        if root_certificates or client_certificate:
            creds = grpc.ssl_channel_credentials(root_certificates, client_key, client_certificate)
            self.channel = grpc.secure_channel(address, creds)
        else:
            self.channel = grpc.insecure_channel(address)
        self._metadata = (("authorization", f"Bearer {token}"),) if token else ()
        self.timeout = timeout

    def call(self, method, request, timeout=None):
        """Calls a unary stub method with the token and deadline; raises GantryError on failure."""
        try:
            return method(request, metadata=self._metadata, timeout=timeout or self.timeout)
        except grpc.RpcError as err:
            raise GantryError.from_rpc_error(err) from None

    def stream(self, method, request, timeout=None):
        """Calls a server-streaming stub method; yields responses; raises GantryError on failure."""
        try:
            yield from method(request, metadata=self._metadata, timeout=timeout or self.timeout)
        except grpc.RpcError as err:
            raise GantryError.from_rpc_error(err) from None

    def start_stream(self, method, request, timeout=None):
        """Starts a server-streaming call and returns the call itself (iterate it; cancel() stops it).
        Without a timeout the stream has no deadline. Wrap iteration in _wrap_stream_errors()."""
        try:
            return method(request, metadata=self._metadata, timeout=timeout)
        except grpc.RpcError as err:
            raise GantryError.from_rpc_error(err) from None

    def health(self, service: str = "") -> str:
        """The grpc.health.v1 status name, e.g. "SERVING"."""
        check = self.channel.unary_unary(
            "/grpc.health.v1.Health/Check",
            request_serializer=_encode_health_request,
            response_deserializer=_decode_health_status,
        )
        return self.call(check, service)

    def service_info(self) -> admin_pb2.GetServiceInfoResponse:
        return self.call(admin_pb2_grpc.AdminStub(self.channel).GetServiceInfo, admin_pb2.GetServiceInfoRequest())

    def close(self):
        self.channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@contextlib.contextmanager
def _wrap_stream_errors():
    """Turns a grpc.RpcError raised while reading a stream into GantryError."""
    try:
        yield
    except grpc.RpcError as err:
        raise GantryError.from_rpc_error(err) from None


def connect(address, **kwargs) -> Connection:
    return Connection(address, **kwargs)
