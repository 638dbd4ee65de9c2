import time

from .ids import new_id
from .media import Folder, MediaPoolItem
from .timeline import Timeline

FORMATS = {"mov": "mov", "mp4": "mp4"}
CODECS = {"mov": {"H.264": "H264", "Apple ProRes 422 HQ": "ProRes422HQ"}, "mp4": {"H.264": "H264"}}
RENDER_SECONDS = 0.3


class StillAlbum:
    def __init__(self, name):
        self.name = name
        self.stills = []
        self.labels = {}

    def GetStills(self):
        return list(self.stills)

    def GetLabel(self, still):
        return self.labels.get(id(still), "")


class Still:
    pass


class ColorGroup:
    def __init__(self, name):
        self._name = name

    def GetName(self):
        return self._name


class Gallery:
    def __init__(self):
        self.albums = [StillAlbum("Stills 1")]
        self.current = self.albums[0]

    def GetCurrentStillAlbum(self):
        return self.current

    def SetCurrentStillAlbum(self, album):
        self.current = album
        return True

    def CreateGalleryStillAlbum(self):
        album = StillAlbum("Stills %d" % (len(self.albums) + 1))
        self.albums.append(album)
        return album

    def SetAlbumName(self, album, name):
        album.name = name
        return True

    def GetGalleryStillAlbums(self):
        return list(self.albums)

    def GetAlbumName(self, album):
        return album.name


class MediaPool:
    def __init__(self, project):
        self._project = project
        self._root = Folder("Master")
        self._current = self._root

    def GetRootFolder(self):
        return self._root

    def GetCurrentFolder(self):
        return self._current

    def SetCurrentFolder(self, folder):
        self._current = folder
        return True

    def AddSubFolder(self, parent, name):
        folder = Folder(name)
        parent.subfolders.append(folder)
        return folder

    def _folders(self, folder=None):
        folder = folder or self._root
        yield folder
        for sub in folder.subfolders:
            yield from self._folders(sub)

    def _parent_of(self, target):
        for f in self._folders():
            if target in f.subfolders:
                return f
        return None

    def DeleteFolders(self, folders):
        for folder in folders:
            parent = self._parent_of(folder)
            if parent is None:
                return False
            parent.subfolders.remove(folder)
        return True

    def ImportMedia(self, paths):
        existing = {c.GetClipProperty("File Path") for c in self._current.clips}
        imported = [MediaPoolItem(p) for p in paths if p not in existing]
        self._current.clips.extend(imported)
        return imported

    def _folder_of(self, clip):
        for f in self._folders():
            if clip in f.clips:
                return f
        return None

    def MoveClips(self, clips, target):
        for clip in clips:
            self._folder_of(clip).clips.remove(clip)
            target.clips.append(clip)
        return True

    def DeleteClips(self, clips):
        for clip in clips:
            self._folder_of(clip).clips.remove(clip)
        return True

    def RelinkClips(self, clips, folder):
        import os
        for clip in clips:
            target = os.path.join(folder, os.path.basename(clip.GetClipProperty("File Path")))
            if not os.path.isfile(target):
                return False
            clip._props["File Path"] = target
        return True

    def CreateEmptyTimeline(self, name):
        if any(t.GetName() == name for t in self._project.timelines):
            return None
        tl = Timeline(name, self._project._gallery)
        tl.project = self._project
        self._project.timelines.append(tl)
        self._project.current_timeline = tl
        return tl

    def CreateTimelineFromClips(self, name, clips):
        tl = self.CreateEmptyTimeline(name)
        if tl is not None:
            tl.append([{"mediaPoolItem": c} for c in clips])
        return tl

    def DeleteTimelines(self, timelines):
        for tl in timelines:
            self._project.timelines.remove(tl)
            if self._project.current_timeline is tl:
                self._project.current_timeline = self._project.timelines[0] if self._project.timelines else None
        return True

    def AutoSyncAudio(self, clips, settings):
        return len(clips) >= 2 and bool(settings)

    def UnlinkClips(self, clips):
        for clip in clips:
            clip._props["Online Status"] = "Offline"
        return True

    def ImportTimelineFromFile(self, path, options=None):
        # The fake reads what its own Timeline.Export wrote.
        import json
        try:
            with open(path) as f:
                doc = json.load(f)
        except (OSError, ValueError):
            return None
        name = (options or {}).get("timelineName") or doc.get("timeline", "Imported")
        return self.CreateEmptyTimeline(name)

    def AppendToTimeline(self, infos):
        tl = self._project.current_timeline
        return tl.append(infos) if tl else []


class Project:
    def __init__(self, name):
        self._name = name
        self.timelines = []
        self.current_timeline = None
        self._pool = MediaPool(self)
        self._gallery = Gallery()
        self._settings = {"timelineFrameRate": "24", "timelineResolutionWidth": "1920",
                          "timelineResolutionHeight": "1080"}
        self._render = {"TargetDir": "", "CustomName": "", "SelectAllFrames": True}
        self._format = ("mov", "H264")
        self._presets = ["H.264 Master"]
        self._jobs = []
        self._groups = []

    def GetColorGroupsList(self):
        return list(self._groups)

    def AddColorGroup(self, name):
        if any(g.GetName() == name for g in self._groups):
            return None
        self._groups.append(ColorGroup(name))
        return self._groups[-1]

    def GetName(self):
        return self._name

    def GetMediaPool(self):
        return self._pool

    def GetGallery(self):
        return self._gallery

    def GetTimelineCount(self):
        return len(self.timelines)

    def GetTimelineByIndex(self, index):
        return self.timelines[index - 1] if 1 <= index <= len(self.timelines) else None

    def GetCurrentTimeline(self):
        return self.current_timeline

    def SetCurrentTimeline(self, tl):
        if tl not in self.timelines:
            return False
        self.current_timeline = tl
        return True

    def GetSetting(self, name=None):
        return dict(self._settings) if name is None else self._settings.get(name, "")

    def SetSetting(self, name, value):
        if name not in self._settings:
            return False
        self._settings[name] = value
        return True

    # render
    def GetRenderFormats(self):
        return dict(FORMATS)

    def GetRenderCodecs(self, fmt):
        return dict(CODECS.get(fmt, {}))

    def SetCurrentRenderFormatAndCodec(self, fmt, codec):
        if codec not in CODECS.get(fmt, {}).values():
            return False
        self._format = (fmt, codec)
        return True

    def GetRenderPresetList(self):
        return list(self._presets)

    def LoadRenderPreset(self, name):
        return name in self._presets

    def SaveAsNewRenderPreset(self, name):
        if name in self._presets:
            return False
        self._presets.append(name)
        return True

    def SetRenderSettings(self, settings):
        self._render.update(settings)
        return True

    def AddRenderJob(self):
        tl = self.current_timeline
        if tl is None or not self._render.get("TargetDir"):
            return ""
        select_all = self._render.get("SelectAllFrames", True)
        job = {"JobId": new_id(), "TimelineName": tl.GetName(), "TargetDir": self._render["TargetDir"],
               "OutputFilename": (self._render.get("CustomName") or tl.GetName()) + "." + self._format[0],
               "MarkIn": tl.GetStartFrame() if select_all else self._render.get("MarkIn", 0),
               "MarkOut": tl.GetEndFrame() if select_all else self._render.get("MarkOut", 0),
               "_status": "Ready", "_started": 0.0}
        self._jobs.append(job)
        return job["JobId"]

    def GetRenderJobList(self):
        return [{k: v for k, v in j.items() if not k.startswith("_")} for j in self._jobs]

    def _tick(self, job):
        if job["_status"] == "Rendering" and time.time() - job["_started"] >= RENDER_SECONDS:
            job["_status"] = "Complete"

    def GetRenderJobStatus(self, job_id):
        for job in self._jobs:
            if job["JobId"] == job_id:
                self._tick(job)
                pct = 100 if job["_status"] == "Complete" else (
                    int(min(99, (time.time() - job["_started"]) * 100 / RENDER_SECONDS))
                    if job["_status"] == "Rendering" else 0)
                return {"JobStatus": job["_status"], "CompletionPercentage": pct}
        return {}

    def DeleteRenderJob(self, job_id):
        before = len(self._jobs)
        self._jobs = [j for j in self._jobs if j["JobId"] != job_id or j["_status"] == "Rendering"]
        return len(self._jobs) < before

    def DeleteAllRenderJobs(self):
        self._jobs = []
        return True

    def IsRenderingInProgress(self):
        for job in self._jobs:
            self._tick(job)
        return any(j["_status"] == "Rendering" for j in self._jobs)

    def StartRendering(self, ids=None, interactive=False):
        chosen = [j for j in self._jobs if not ids or j["JobId"] in ids]
        for job in chosen:
            job["_status"], job["_started"] = "Rendering", time.time()
        return bool(chosen)

    def StopRendering(self):
        for job in self._jobs:
            if job["_status"] == "Rendering":
                job["_status"] = "Cancelled"
