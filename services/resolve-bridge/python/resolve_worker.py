"""resolve-bridge's Python worker: serves calls from the bridge over its stdin/stdout, one at a time.

Frames are a 4-byte big-endian length followed by that many bytes of UTF-8 JSON (see python_protocol.hpp).
Anything Resolve's module prints goes to stderr, so stdout carries frames only. The bridge restarts this
process when it dies or overruns the per-call watchdog.
"""

import os
import struct
import sys


def main():
    # Keep the real stdout for frames; send stray prints (ours or Resolve's) to stderr.
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    inp = os.fdopen(0, "rb", buffering=0)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import gantry_resolve_ops

    def read_exact(n):
        data = b""
        while len(data) < n:
            chunk = inp.read(n - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    while True:
        header = read_exact(4)
        if header is None:
            return 0
        body = read_exact(struct.unpack(">I", header)[0])
        if body is None:
            return 0
        reply = gantry_resolve_ops.handle(body.decode("utf-8")).encode("utf-8")
        out.write(struct.pack(">I", len(reply)) + reply)


if __name__ == "__main__":
    sys.exit(main())
