"""Finding Resolve objects by the stable ids the API hands out (Resolve's GetUniqueId)."""

from .core import ApiError, media_pool, project

TRACK_TYPES = {"TRACK_TYPE_VIDEO": "video", "TRACK_TYPE_AUDIO": "audio", "TRACK_TYPE_SUBTITLE": "subtitle"}


def bins():
    """Every folder of the media pool, depth first from the root: (folder, parent_id)."""
    out = []

    def walk(folder, parent_id):
        out.append((folder, parent_id))
        for sub in folder.GetSubFolderList() or []:
            walk(sub, folder.GetUniqueId())

    walk(media_pool().GetRootFolder(), "")
    return out


def find_bin(bin_id):
    for folder, _ in bins():
        if folder.GetUniqueId() == bin_id:
            return folder
    raise ApiError("NOT_FOUND", "no bin '%s' in project '%s'" % (bin_id, project().GetName()))


def clips():
    """Every clip of the media pool: (clip, bin_id)."""
    return [(clip, folder.GetUniqueId()) for folder, _ in bins() for clip in (folder.GetClipList() or [])]


def find_clip(clip_id):
    for clip, _ in clips():
        if clip.GetUniqueId() == clip_id:
            return clip
    raise ApiError("NOT_FOUND", "no clip '%s' in the media pool of project '%s'" % (clip_id, project().GetName()))


def find_clips(ids):
    return [find_clip(i) for i in ids]


def timelines():
    p = project()
    return [p.GetTimelineByIndex(i) for i in range(1, (p.GetTimelineCount() or 0) + 1)]


def find_timeline(timeline_id):
    for tl in timelines():
        if tl.GetUniqueId() == timeline_id:
            return tl
    raise ApiError("NOT_FOUND", "no timeline '%s' in project '%s'" % (timeline_id, project().GetName()))


def track_type(enum_name):
    return TRACK_TYPES[enum_name]


def check_track(tl, kind, index):
    count = tl.GetTrackCount(kind) or 0
    if index < 1 or index > count:
        raise ApiError("INVALID_ARGUMENT", "timeline '%s' has %d %s track(s); index %d is out of range "
                       "(indices are 1-based)" % (tl.GetName(), count, kind, index))


def find_item(item_id):
    """(timeline, kind, track_index, item) of a timeline item."""
    for tl in timelines():
        for kind in ("video", "audio", "subtitle"):
            for index in range(1, (tl.GetTrackCount(kind) or 0) + 1):
                for item in tl.GetItemListInTrack(kind, index) or []:
                    if item.GetUniqueId() == item_id:
                        return tl, kind, index, item
    raise ApiError("NOT_FOUND", "no timeline item '%s' in project '%s'" % (item_id, project().GetName()))
