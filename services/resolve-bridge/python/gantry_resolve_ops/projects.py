"""The project manager and project settings."""

from .core import ApiError, method, project, project_manager, refused


def _describe(p, current_name):
    return {"name": p.GetName(), "is_current": p.GetName() == current_name, "timeline_count": p.GetTimelineCount()}


def _names():
    return list(project_manager().GetProjectListInCurrentFolder() or [])


def _current():
    p = project()
    return {"project": _describe(p, p.GetName())}


@method
def ListProjects(params):
    current = project().GetName()
    return {"projects": [{"name": n, "is_current": n == current} for n in _names()]}


@method
def GetCurrentProject(params):
    return _current()


@method
def CreateProject(params):
    name = params["name"]
    if name in _names():
        raise ApiError("ALREADY_EXISTS", "a project named '%s' already exists" % name)
    if project_manager().CreateProject(name) is None:
        raise refused("CreateProject('%s')" % name)
    return _current()


@method
def OpenProject(params):
    name = params["name"]
    if name not in _names():
        raise ApiError("NOT_FOUND", "no project named '%s'" % name)
    if project_manager().LoadProject(name) is None:
        raise refused("LoadProject('%s')" % name)
    return _current()


@method
def SaveProject(params):
    if not project_manager().SaveProject():
        raise refused("SaveProject()")
    return {}


@method
def CloseProject(params):
    if not project_manager().CloseProject(project()):
        raise refused("CloseProject()")
    return {}


@method
def DeleteProject(params):
    name = params["name"]
    if name not in _names():
        raise ApiError("NOT_FOUND", "no project named '%s'" % name)
    if name == project().GetName():
        raise ApiError("FAILED_PRECONDITION", "project '%s' is open; close it before deleting it" % name)
    if not project_manager().DeleteProject(name):
        raise refused("DeleteProject('%s')" % name)
    return {}


@method
def ExportProject(params):
    name, path = params["name"], params["path"]
    if name not in _names():
        raise ApiError("NOT_FOUND", "no project named '%s'" % name)
    if not project_manager().ExportProject(name, path, bool(params.get("with_stills_and_luts"))):
        raise refused("ExportProject('%s', '%s')" % (name, path))
    return {"path": path}


@method
def ImportProject(params):
    path, name = params["path"], params.get("name") or None
    pm = project_manager()
    if name and name in _names():
        raise ApiError("ALREADY_EXISTS", "a project named '%s' already exists" % name)
    before = set(_names())
    ok = pm.ImportProject(path, name) if name else pm.ImportProject(path)
    if not ok:
        raise refused("ImportProject('%s')" % path)
    added = sorted(set(_names()) - before)
    return {"project": {"name": name or (added[0] if added else ""), "is_current": False}}


@method
def GetProjectSettings(params):
    name = params.get("name") or ""
    p = project()
    if not name:
        return {"settings": {k: str(v) for k, v in (p.GetSetting() or {}).items()}}
    value = p.GetSetting(name)
    if value is None or value == "":
        all_settings = p.GetSetting() or {}
        if name not in all_settings:
            raise ApiError("NOT_FOUND", "no project setting '%s'" % name)
    return {"settings": {name: str(value)}}


@method
def SetProjectSetting(params):
    name, value = params["name"], params.get("value", "")
    if name not in (project().GetSetting() or {}):
        raise ApiError("INVALID_ARGUMENT", "Resolve has no project setting '%s'" % name)
    if not project().SetSetting(name, value):
        raise refused("SetSetting('%s', '%s')" % (name, value))
    return {}
