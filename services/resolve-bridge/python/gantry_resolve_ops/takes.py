"""Takes, grade versions and Fusion compositions of a timeline item."""

from .core import ApiError, method, refused
from .lookup import find_clip, find_item

VERSION_TYPES = {"VERSION_TYPE_UNSPECIFIED": 0, "VERSION_TYPE_LOCAL": 0, "VERSION_TYPE_REMOTE": 1}


def _take(ti, index):
    info = ti.GetTakeByIndex(index) or {}
    mpi = info.get("mediaPoolItem")
    return {"index": index, "clip_id": mpi.GetUniqueId() if mpi else "", "start_frame": int(info.get("startFrame", 0)),
            "end_frame": int(info.get("endFrame", 0))}


@method
def ListTakes(params):
    ti = find_item(params["item_id"])[3]
    count = ti.GetTakesCount() or 0
    return {"takes": [_take(ti, i) for i in range(1, count + 1)],
            "selected_index": ti.GetSelectedTakeIndex() or 0 if count else 0}


@method
def AddTake(params):
    ti = find_item(params["item_id"])[3]
    clip = find_clip(params["clip_id"])
    args = [clip]
    if "start_frame" in params or "end_frame" in params:
        args += [params.get("start_frame", 0), params.get("end_frame", int(float(clip.GetClipProperty("Frames"))))]
    if not ti.AddTake(*args):
        raise refused("AddTake (range outside the clip?)")
    return {"take": _take(ti, ti.GetTakesCount())}


@method
def SelectTake(params):
    ti = find_item(params["item_id"])[3]
    count = ti.GetTakesCount() or 0
    if not 1 <= params["index"] <= count:
        raise ApiError("OUT_OF_RANGE", "item '%s' has %d take(s); index %d does not exist (1-based)"
                       % (ti.GetName(), count, params["index"]))
    if not ti.SelectTakeByIndex(params["index"]):
        raise refused("SelectTakeByIndex(%d)" % params["index"])
    return {}


@method
def ListVersions(params):
    ti = find_item(params["item_id"])[3]
    current = ti.GetCurrentVersion() or {}
    return {"names": list(ti.GetVersionNameList(VERSION_TYPES[params.get("type", "VERSION_TYPE_LOCAL")]) or []),
            "current": current.get("versionName", "")}


@method
def AddVersion(params):
    ti = find_item(params["item_id"])[3]
    kind = VERSION_TYPES[params.get("type", "VERSION_TYPE_LOCAL")]
    if params["name"] in (ti.GetVersionNameList(kind) or []):
        raise ApiError("ALREADY_EXISTS", "item '%s' already has a version named '%s'" % (ti.GetName(), params["name"]))
    if not ti.AddVersion(params["name"], kind):
        raise refused("AddVersion('%s')" % params["name"])
    return {}


@method
def LoadVersion(params):
    ti = find_item(params["item_id"])[3]
    kind = VERSION_TYPES[params.get("type", "VERSION_TYPE_LOCAL")]
    if params["name"] not in (ti.GetVersionNameList(kind) or []):
        raise ApiError("NOT_FOUND", "item '%s' has no version named '%s'" % (ti.GetName(), params["name"]))
    if not ti.LoadVersionByName(params["name"], kind):
        raise refused("LoadVersionByName('%s')" % params["name"])
    return {}


@method
def ListFusionComps(params):
    return {"names": list(find_item(params["item_id"])[3].GetFusionCompNameList() or [])}


@method
def AddFusionComp(params):
    _, kind, _, ti = find_item(params["item_id"])
    if kind != "video":
        raise ApiError("FAILED_PRECONDITION", "item '%s' is not a video item" % ti.GetName())
    if ti.AddFusionComp() is None:
        raise refused("AddFusionComp")
    names = ti.GetFusionCompNameList() or []
    return {"name": names[-1] if names else ""}
