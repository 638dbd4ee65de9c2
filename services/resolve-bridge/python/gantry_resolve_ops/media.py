"""Media storage and the media pool."""

import os

from . import convert
from .core import ApiError, media_pool, method, refused, resolve
from .lookup import bins, clips, find_bin, find_clip, find_clips


@method
def ListVolumes(params):
    return {"volumes": list(resolve().GetMediaStorage().GetMountedVolumeList() or [])}


@method
def ListStorage(params):
    storage, path = resolve().GetMediaStorage(), params["path"]
    if not os.path.isdir(path):
        raise ApiError("NOT_FOUND", "'%s' is not a folder" % path)
    return {"folders": sorted(storage.GetSubFolderList(path) or []), "files": sorted(storage.GetFileList(path) or [])}


@method
def ImportMedia(params):
    mp = media_pool()
    missing = [p for p in params["paths"] if not os.path.isfile(p)]
    if missing:
        raise ApiError("NOT_FOUND", "no media file '%s' (nothing was imported)" % missing[0])
    target = find_bin(params["bin_id"]) if params.get("bin_id") else mp.GetCurrentFolder()
    previous = mp.GetCurrentFolder()
    mp.SetCurrentFolder(target)
    try:
        imported = mp.ImportMedia(params["paths"]) or []
    finally:
        mp.SetCurrentFolder(previous)
    if not imported:
        raise ApiError("ALREADY_EXISTS", "Resolve imported nothing (every file is already in the bin)")
    return {"clips": [convert.clip(c, target.GetUniqueId()) for c in imported]}


@method
def ListBins(params):
    return {"bins": [{"id": f.GetUniqueId(), "name": f.GetName(), "parent_id": parent} for f, parent in bins()]}


@method
def CreateBin(params):
    parent = find_bin(params["parent_id"]) if params.get("parent_id") else media_pool().GetRootFolder()
    if any(f.GetName() == params["name"] for f in parent.GetSubFolderList() or []):
        raise ApiError("ALREADY_EXISTS", "bin '%s' already has a bin named '%s'" % (parent.GetName(), params["name"]))
    folder = media_pool().AddSubFolder(parent, params["name"])
    if folder is None:
        raise refused("AddSubFolder('%s')" % params["name"])
    return {"bin": {"id": folder.GetUniqueId(), "name": folder.GetName(), "parent_id": parent.GetUniqueId()}}


@method
def DeleteBins(params):
    root_id = media_pool().GetRootFolder().GetUniqueId()
    if root_id in params["bin_ids"]:
        raise ApiError("INVALID_ARGUMENT", "the root bin cannot be deleted")
    folders = [find_bin(i) for i in params["bin_ids"]]
    if not media_pool().DeleteFolders(folders):
        raise refused("DeleteFolders")
    return {}


@method
def ListClips(params):
    bin_id = params.get("bin_id") or ""
    if bin_id:
        find_bin(bin_id)
    return {"clips": [convert.clip(c, b) for c, b in clips() if not bin_id or b == bin_id]}


@method
def GetClipMetadata(params):
    return {"metadata": {k: str(v) for k, v in (find_clip(params["clip_id"]).GetMetadata() or {}).items()}}


@method
def SetClipMetadata(params):
    clip = find_clip(params["clip_id"])
    for key, value in params["metadata"].items():
        if not clip.SetMetadata(key, value):
            raise ApiError("INVALID_ARGUMENT", "Resolve refused clip metadata field '%s'" % key)
    return {}


@method
def GetClipProperties(params):
    return {"properties": {k: str(v) for k, v in (find_clip(params["clip_id"]).GetClipProperty() or {}).items()}}


@method
def LinkProxyMedia(params):
    if not os.path.isfile(params["proxy_path"]):
        raise ApiError("NOT_FOUND", "no proxy file '%s'" % params["proxy_path"])
    if not find_clip(params["clip_id"]).LinkProxyMedia(params["proxy_path"]):
        raise refused("LinkProxyMedia('%s')" % params["proxy_path"])
    return {}


@method
def UnlinkProxyMedia(params):
    if not find_clip(params["clip_id"]).UnlinkProxyMedia():
        raise refused("UnlinkProxyMedia (does the clip have a proxy?)")
    return {}


@method
def RelinkClips(params):
    if not media_pool().RelinkClips(find_clips(params["clip_ids"]), params["folder_path"]):
        raise refused("RelinkClips to '%s'" % params["folder_path"])
    return {}


@method
def MoveClips(params):
    target = find_bin(params["bin_id"])
    if not media_pool().MoveClips(find_clips(params["clip_ids"]), target):
        raise refused("MoveClips")
    return {}


@method
def DeleteClips(params):
    if not media_pool().DeleteClips(find_clips(params["clip_ids"])):
        raise refused("DeleteClips")
    return {}


@method
def UnlinkClips(params):
    if not media_pool().UnlinkClips(find_clips(params["clip_ids"])):
        raise refused("UnlinkClips")
    return {}


@method
def ReplaceClip(params):
    if not os.path.isfile(params["file_path"]):
        raise ApiError("NOT_FOUND", "no media file '%s'" % params["file_path"])
    if not find_clip(params["clip_id"]).ReplaceClip(params["file_path"]):
        raise refused("ReplaceClip('%s')" % params["file_path"])
    return {}


@method
def TranscribeAudio(params):
    if not find_clip(params["clip_id"]).TranscribeAudio():
        raise refused("TranscribeAudio (needs DaVinci Resolve Studio and a clip with audio)")
    return {}


@method
def ClearTranscription(params):
    if not find_clip(params["clip_id"]).ClearTranscription():
        raise refused("ClearTranscription")
    return {}


@method
def AutoSyncAudio(params):
    if len(params["clip_ids"]) < 2:
        raise ApiError("INVALID_ARGUMENT", "auto sync needs at least two clips")
    r = resolve()
    mode = r.AUDIO_SYNC_TIMECODE if params.get("by_timecode") else r.AUDIO_SYNC_WAVEFORM
    if not media_pool().AutoSyncAudio(find_clips(params["clip_ids"]), {r.AUDIO_SYNC_MODE: mode}):
        raise refused("AutoSyncAudio")
    return {}
