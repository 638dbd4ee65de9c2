"""Connection to Resolve, errors, and the one entry point `handle`."""

import json
import os
import sys

METHODS = {}

_state = {"resolve": None}

NOT_CONNECTED_HELP = (
    "DaVinci Resolve did not answer scriptapp('Resolve'): it is not running, external scripting is off "
    "(Preferences > System > General > External scripting using: Local), or this is the free edition "
    "(external scripting needs DaVinci Resolve Studio)")


class ApiError(Exception):
    """An error with a gRPC status code name, e.g. ApiError('NOT_FOUND', "no clip 'x'")."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def method(fn):
    """Registers fn under its name as an operation."""
    METHODS[fn.__name__] = fn
    return fn


def refused(what):
    """Resolve answered False/None to a documented call: the request could not be done in its current state."""
    return ApiError("FAILED_PRECONDITION", "Resolve refused " + what)


def connect():
    api = os.environ.get("RESOLVE_SCRIPT_API", "")
    modules = os.path.join(api, "Modules")
    if modules not in sys.path:
        sys.path.insert(0, modules)
    try:
        import DaVinciResolveScript as dvr  # noqa: N813
    except Exception as e:  # ImportError, or the module failing to load fusionscript
        raise ApiError("UNAVAILABLE", "cannot import DaVinciResolveScript from %s (%s: %s); set RESOLVE_SCRIPT_API "
                       "and RESOLVE_SCRIPT_LIB to Resolve's Developer/Scripting folder and fusionscript library"
                       % (modules, type(e).__name__, e))
    resolve = dvr.scriptapp("Resolve")
    if resolve is None:
        raise ApiError("UNAVAILABLE", NOT_CONNECTED_HELP)
    _state["resolve"] = resolve
    return {"product": resolve.GetProductName() or "", "version": resolve.GetVersionString() or ""}


def resolve():
    if _state["resolve"] is None:
        connect()
    return _state["resolve"]


def project_manager():
    pm = resolve().GetProjectManager()
    if pm is None:
        _state["resolve"] = None
        raise ApiError("UNAVAILABLE", "lost the connection to DaVinci Resolve (GetProjectManager returned None)")
    return pm


def project():
    p = project_manager().GetCurrentProject()
    if p is None:
        raise ApiError("FAILED_PRECONDITION", "Resolve has no open project")
    return p


def media_pool():
    return project().GetMediaPool()


def handle(text):
    """Runs one call {"method", "params"}; returns {"ok": true, "result"} or {"ok": false, "code", "message"}."""
    name = "?"
    try:
        call = json.loads(text)
        name = call["method"]
        params = call.get("params") or {}
        if name == "Connect":
            result = connect()
        else:
            fn = METHODS.get(name)
            if fn is None:
                raise ApiError("UNIMPLEMENTED", "the Python side has no operation '%s'" % name)
            result = fn(params)
        return json.dumps({"ok": True, "result": result or {}})
    except ApiError as e:
        return json.dumps({"ok": False, "code": e.code, "message": e.message})
    except Exception as e:  # a bug here or an unexpected answer from Resolve
        return json.dumps({"ok": False, "code": "UNKNOWN", "message": "%s: %s: %s" % (name, type(e).__name__, e)})
