"""The Python client against real service binaries."""

import os
import pathlib
import signal
import subprocess
import tempfile
import time
import json

import grpc
import pytest

import gantry

BIN_DIR = pathlib.Path(os.environ.get("GANTRY_BIN_DIR", "build/bin"))
TOKEN = "python-e2e-token-0123456789"
READ_TOKEN = "python-e2e-read-0123456789"


@pytest.fixture
def service(request):
    name = getattr(request, "param", "db-gateway")
    with tempfile.TemporaryDirectory() as tmp:
        ready = pathlib.Path(tmp) / "ready.json"
        env = dict(os.environ)
        env["GANTRY_" + name.upper().replace("-", "_") + "_SERVER_AUTH_TOKENS"] = f"{TOKEN},{READ_TOKEN}:read"
        proc = subprocess.Popen(
            [str(BIN_DIR / name), "--listen", "127.0.0.1:0", "--metrics-listen", "", "--ready-file", str(ready),
             "--data-dir", str(pathlib.Path(tmp) / "data")],
            env=env, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        deadline = time.time() + 10
        while not ready.exists():
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.time() < deadline, "service not ready"
            time.sleep(0.01)
        yield name, json.loads(ready.read_text())["grpc"]
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0


@pytest.mark.parametrize("service", ["resolve-bridge", "db-gateway", "turso-sync", "mcp-adapter"], indirect=True)
def test_health_and_info(service):
    name, address = service
    with gantry.connect(address, token=TOKEN) as conn:
        assert conn.health() == "SERVING"
        info = conn.service_info()
        assert info.service == name
        assert info.auth_required
        assert info.role == "admin"
    with gantry.connect(address, token=READ_TOKEN) as conn:
        assert conn.service_info().role == "read"


def test_wrong_token_raises_with_details(service):
    _, address = service
    with gantry.connect(address, token="wrong-token-0123456789") as conn:
        with pytest.raises(gantry.GantryError) as info:
            conn.service_info()
    err = info.value
    assert err.code == grpc.StatusCode.UNAUTHENTICATED
    assert err.reason == "AUTH_TOKEN_INVALID"
    assert err.domain == "db-gateway"
    assert len(err.request_id) == 16
