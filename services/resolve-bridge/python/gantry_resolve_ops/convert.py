"""Resolve objects as the API's messages (dicts in proto JSON form)."""

ENUM_OF_KIND = {"video": "TRACK_TYPE_VIDEO", "audio": "TRACK_TYPE_AUDIO", "subtitle": "TRACK_TYPE_SUBTITLE"}


def _int(text, default=0):
    try:
        return int(float(text))
    except (TypeError, ValueError):
        return default


def _float(text, default=0.0):
    try:
        return float(text)
    except (TypeError, ValueError):
        return default


def clip(mpi, bin_id):
    return {"id": mpi.GetUniqueId(), "name": mpi.GetName(), "bin_id": bin_id,
            "file_path": mpi.GetClipProperty("File Path") or "",
            "frames": _int(mpi.GetClipProperty("Frames")), "fps": _float(mpi.GetClipProperty("FPS"))}


def timeline(tl, current_id):
    return {"id": tl.GetUniqueId(), "name": tl.GetName(), "start_frame": tl.GetStartFrame(),
            "end_frame": tl.GetEndFrame(), "start_timecode": tl.GetStartTimecode(),
            "is_current": tl.GetUniqueId() == current_id,
            "video_track_count": tl.GetTrackCount("video"), "audio_track_count": tl.GetTrackCount("audio")}


def track(tl, kind, index):
    return {"type": ENUM_OF_KIND[kind], "index": index, "name": tl.GetTrackName(kind, index) or "",
            "enabled": bool(tl.GetIsTrackEnabled(kind, index)), "locked": bool(tl.GetIsTrackLocked(kind, index)),
            "sub_type": (tl.GetTrackSubType(kind, index) or "") if kind == "audio" else "",
            "item_count": len(tl.GetItemListInTrack(kind, index) or [])}


def item(ti, kind, index):
    mpi = ti.GetMediaPoolItem()
    start, end = ti.GetStart(), ti.GetEnd()
    left = ti.GetLeftOffset()
    return {"id": ti.GetUniqueId(), "name": ti.GetName(), "track_type": ENUM_OF_KIND[kind], "track_index": index,
            "start": start, "end": end, "duration": end - start, "source_start": left,
            "source_end": left + (end - start), "clip_id": mpi.GetUniqueId() if mpi else "",
            "enabled": bool(ti.GetClipEnabled())}


def markers(owner):
    out = []
    for frame, m in sorted((owner.GetMarkers() or {}).items(), key=lambda kv: int(kv[0])):
        out.append({"frame": int(frame), "color": m.get("color", ""), "name": m.get("name", ""),
                    "note": m.get("note", ""), "duration": int(m.get("duration", 1)),
                    "custom_data": m.get("customData", "")})
    return out
