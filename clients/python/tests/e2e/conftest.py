"""Starts real service binaries (from GANTRY_BIN_DIR) for the e2e tests: free port, own data dir, SIGTERM at
the end (which must exit 0), temp dir removed."""

import json
import os
import pathlib
import signal
import subprocess
import tempfile
import time

import pytest

import gantry

BIN_DIR = pathlib.Path(os.environ.get("GANTRY_BIN_DIR", "build/bin"))


class RunningService:
    def __init__(self, name, extra_args=()):
        self.name = name
        self._tmp = tempfile.TemporaryDirectory(prefix=f"gantry-py-{name}-")
        tmp = pathlib.Path(self._tmp.name)
        self.data_dir = tmp / "data"
        ready = tmp / "ready.json"
        self._stderr = open(tmp / "stderr.log", "w+b")
        binary = BIN_DIR / name
        assert binary.exists(), f"{binary} does not exist: build it (ninja -C build {name})"
        self.proc = subprocess.Popen(
            [str(binary), "--listen", "127.0.0.1:0", "--metrics-listen", "", "--ready-file", str(ready),
             "--data-dir", str(self.data_dir), *extra_args],
            stderr=self._stderr, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        deadline = time.time() + 30
        while not ready.exists():
            if self.proc.poll() is not None:
                raise AssertionError(f"{name} exited with {self.proc.returncode}: {self.stderr()}")
            if time.time() > deadline:
                self.proc.kill()
                raise AssertionError(f"{name} not ready within 30 s: {self.stderr()}")
            time.sleep(0.02)
        self.address = json.loads(ready.read_text())["grpc"]

    def stderr(self):
        self._stderr.flush()
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace")[-4000:]

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"{self.name} did not stop within 15 s of SIGTERM")
        finally:
            self._stderr.close()
            self._tmp.cleanup()
        assert code == 0, f"{self.name} exited {code} on SIGTERM"


@pytest.fixture(scope="module")
def db_gateway():
    svc = RunningService("db-gateway")
    yield svc
    svc.stop()


@pytest.fixture(scope="module")
def turso_sync():
    svc = RunningService("turso-sync")
    yield svc
    svc.stop()


@pytest.fixture
def db_conn(db_gateway):
    with gantry.connect(db_gateway.address) as conn:
        yield conn


@pytest.fixture
def turso_conn(turso_sync):
    with gantry.connect(turso_sync.address) as conn:
        yield conn
