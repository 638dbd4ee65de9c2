"""Timelines: tracks, items, markers, timecode, export."""

import os

from . import convert
from .core import ApiError, media_pool, method, project, refused, resolve
from .lookup import check_track, find_clip, find_clips, find_item, find_timeline, timelines, track_type

EXPORT_TYPES = {  # format -> (type constant, subtype constant) on the Resolve object
    "EXPORT_FORMAT_EDL": ("EXPORT_EDL", "EXPORT_NONE"),
    "EXPORT_FORMAT_FCPXML": ("EXPORT_FCPXML_1_10", "EXPORT_NONE"),
    "EXPORT_FORMAT_AAF": ("EXPORT_AAF", "EXPORT_AAF_NEW"),
    "EXPORT_FORMAT_OTIO": ("EXPORT_OTIO", "EXPORT_NONE"),
}


def _current_id():
    tl = project().GetCurrentTimeline()
    return tl.GetUniqueId() if tl else ""


def _describe(tl):
    return convert.timeline(tl, _current_id())


def _check_name_free(name):
    if any(tl.GetName() == name for tl in timelines()):
        raise ApiError("ALREADY_EXISTS", "project '%s' already has a timeline named '%s'" % (project().GetName(), name))


@method
def ListTimelines(params):
    current = _current_id()
    return {"timelines": [convert.timeline(tl, current) for tl in timelines()]}


@method
def CreateTimeline(params):
    name = params["name"]
    _check_name_free(name)
    clip_ids = params.get("clip_ids") or []
    mp = media_pool()
    tl = mp.CreateTimelineFromClips(name, find_clips(clip_ids)) if clip_ids else mp.CreateEmptyTimeline(name)
    if tl is None:
        raise refused("creating timeline '%s'" % name)
    project().SetCurrentTimeline(tl)
    return {"timeline": _describe(tl)}


@method
def DeleteTimelines(params):
    doomed = [find_timeline(i) for i in params["timeline_ids"]]
    if not media_pool().DeleteTimelines(doomed):
        raise refused("DeleteTimelines")
    return {}


@method
def SetCurrentTimeline(params):
    tl = find_timeline(params["timeline_id"])
    if not project().SetCurrentTimeline(tl):
        raise refused("SetCurrentTimeline('%s')" % tl.GetName())
    return {"timeline": _describe(tl)}


@method
def DuplicateTimeline(params):
    tl = find_timeline(params["timeline_id"])
    name = params.get("name") or ""
    if name:
        _check_name_free(name)
    copy = tl.DuplicateTimeline(name) if name else tl.DuplicateTimeline()
    if copy is None:
        raise refused("DuplicateTimeline('%s')" % tl.GetName())
    return {"timeline": _describe(copy)}


@method
def AppendClips(params):
    p = project()
    if params.get("timeline_id"):
        tl = find_timeline(params["timeline_id"])
        p.SetCurrentTimeline(tl)  # Resolve appends to the current timeline
    else:
        tl = p.GetCurrentTimeline()
        if tl is None:
            raise ApiError("FAILED_PRECONDITION", "project '%s' has no current timeline" % p.GetName())
    infos = []
    for c in params["clips"]:
        clip = find_clip(c["clip_id"])
        frames = int(float(clip.GetClipProperty("Frames") or 0))
        start = c.get("start_frame", 0)
        end = c.get("end_frame", frames)
        if end > frames:
            raise ApiError("OUT_OF_RANGE", "end_frame %d is past the end of clip '%s' (%d frames; ends are exclusive)"
                           % (end, clip.GetName(), frames))
        track = c.get("track_index") or 1
        check_track(tl, "video", track)
        info = {"mediaPoolItem": clip, "startFrame": start, "endFrame": end, "trackIndex": track}
        if "record_frame" in c:
            info["recordFrame"] = c["record_frame"]
        infos.append(info)
    placed = media_pool().AppendToTimeline(infos)
    if not placed:
        raise refused("AppendToTimeline (overlapping items or a locked track?)")
    out = []
    for ti in placed:
        _, kind, index, _ = find_item(ti.GetUniqueId())
        out.append(convert.item(ti, kind, index))
    return {"items": out}


@method
def ListTracks(params):
    tl = find_timeline(params["timeline_id"])
    return {"tracks": [convert.track(tl, kind, i) for kind in ("video", "audio", "subtitle")
                       for i in range(1, (tl.GetTrackCount(kind) or 0) + 1)]}


@method
def AddTrack(params):
    tl = find_timeline(params["timeline_id"])
    kind = track_type(params["type"])
    sub_type = params.get("sub_type") or ""
    if kind != "audio" and sub_type:
        raise ApiError("INVALID_ARGUMENT", "sub_type applies to audio tracks only")
    ok = tl.AddTrack(kind, sub_type or "stereo") if kind == "audio" else tl.AddTrack(kind)
    if not ok:
        raise refused("AddTrack('%s', '%s')" % (kind, sub_type))
    return {"track": convert.track(tl, kind, tl.GetTrackCount(kind))}


@method
def UpdateTrack(params):
    tl = find_timeline(params["timeline_id"])
    kind, index = track_type(params["type"]), params["index"]
    check_track(tl, kind, index)
    if "name" in params:
        if not params["name"]:
            raise ApiError("INVALID_ARGUMENT", "a track name cannot be empty")
        if not tl.SetTrackName(kind, index, params["name"]):
            raise refused("SetTrackName")
    if "enabled" in params and not tl.SetTrackEnable(kind, index, params["enabled"]):
        raise refused("SetTrackEnable")
    if "locked" in params and not tl.SetTrackLock(kind, index, params["locked"]):
        raise refused("SetTrackLock")
    return {"track": convert.track(tl, kind, index)}


@method
def ListItems(params):
    tl = find_timeline(params["timeline_id"])
    kind, index = track_type(params["type"]), params["index"]
    check_track(tl, kind, index)
    return {"items": [convert.item(ti, kind, index) for ti in tl.GetItemListInTrack(kind, index) or []]}


def _marker_owner(owner):
    if "timeline_id" in owner:
        tl = find_timeline(owner["timeline_id"])
        return tl, "timeline '%s'" % tl.GetName()
    if "clip_id" in owner:
        clip = find_clip(owner["clip_id"])
        return clip, "clip '%s'" % clip.GetName()
    if "item_id" in owner:
        item = find_item(owner["item_id"])[3]
        return item, "item '%s'" % item.GetName()
    raise ApiError("INVALID_ARGUMENT", "owner needs one of timeline_id, clip_id or item_id")


@method
def AddMarker(params):
    owner, label = _marker_owner(params["owner"])
    m = params["marker"]
    if m["frame"] in {int(f) for f in (owner.GetMarkers() or {})}:
        raise ApiError("ALREADY_EXISTS", "%s already has a marker at frame %d" % (label, m["frame"]))
    if not owner.AddMarker(m["frame"], m["color"], m["name"], m["note"], m["duration"], m["custom_data"]):
        raise refused("AddMarker at frame %d of %s (past its end?)" % (m["frame"], label))
    return {"marker": m}


@method
def ListMarkers(params):
    return {"markers": convert.markers(_marker_owner(params["owner"])[0])}


@method
def DeleteMarker(params):
    owner, label = _marker_owner(params["owner"])
    frame = params["frame"]
    if frame not in {int(f) for f in (owner.GetMarkers() or {})}:
        raise ApiError("NOT_FOUND", "%s has no marker at frame %d" % (label, frame))
    if not owner.DeleteMarkerAtFrame(frame):
        raise refused("DeleteMarkerAtFrame(%d)" % frame)
    return {}


@method
def GetTimecode(params):
    return {"timecode": find_timeline(params["timeline_id"]).GetCurrentTimecode() or ""}


@method
def SetTimecode(params):
    tl = find_timeline(params["timeline_id"])
    if not tl.SetCurrentTimecode(params["timecode"]):
        raise ApiError("OUT_OF_RANGE", "Resolve refused timecode %s for timeline '%s' (outside it?)"
                       % (params["timecode"], tl.GetName()))
    return {"timecode": tl.GetCurrentTimecode() or params["timecode"]}


@method
def ExportTimeline(params):
    tl = find_timeline(params["timeline_id"])
    kind, sub = EXPORT_TYPES[params["format"]]
    r = resolve()
    if not tl.Export(params["path"], getattr(r, kind), getattr(r, sub)):
        raise refused("Export of '%s' to '%s'" % (tl.GetName(), params["path"]))
    size = os.path.getsize(params["path"]) if os.path.exists(params["path"]) else 0
    return {"path": params["path"], "size_bytes": size}


@method
def ImportTimeline(params):
    path, name = params["path"], params.get("name") or ""
    if not os.path.isfile(path):
        raise ApiError("NOT_FOUND", "cannot read '%s'" % path)
    if name:
        _check_name_free(name)
    options = {"timelineName": name} if name else {}
    tl = media_pool().ImportTimelineFromFile(path, options)
    if tl is None:
        raise refused("ImportTimelineFromFile('%s') (unsupported or damaged file?)" % path)
    project().SetCurrentTimeline(tl)
    return {"timeline": _describe(tl)}
