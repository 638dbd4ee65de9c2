"""Test double of Blackmagic's DaVinciResolveScript module: `scriptapp("Resolve")` returns a Resolve object backed
by an in-memory model (fake_resolve). It lets tests drive resolve-bridge's python-worker and embedded backends
through the real code path without DaVinci Resolve.

Fault injection for tests, through the environment of the process importing this module:
  FAKE_RESOLVE_DOWN=1   scriptapp returns None, as when Resolve is not running or scripting is off
Project names trigger faults at CreateProject: "fake:crash" exits the process, "fake:hang" never returns.
"""

import os

from fake_resolve import Resolve

_app = None


def scriptapp(name, ip="127.0.0.1"):
    global _app
    if name != "Resolve" or os.environ.get("FAKE_RESOLVE_DOWN") == "1":
        return None
    if _app is None:
        _app = Resolve()
    return _app
