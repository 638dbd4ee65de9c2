import json

from .ids import new_id

DEFAULT_PROPERTIES = {"Pan": 0.0, "Tilt": 0.0, "ZoomX": 1.0, "ZoomY": 1.0, "RotationAngle": 0.0, "AnchorPointX": 0.0,
                      "AnchorPointY": 0.0, "Pitch": 0.0, "Yaw": 0.0, "FlipX": False, "FlipY": False, "CropLeft": 0.0,
                      "CropRight": 0.0, "CropTop": 0.0, "CropBottom": 0.0, "CropSoftness": 0.0,
                      "CropRetain": False, "CompositeMode": 0, "Opacity": 100.0, "RetimeProcess": 0,
                      "MotionEstimation": 0}


class Markers:
    def __init__(self):
        self._markers = {}

    def AddMarker(self, frame, color, name, note, duration, custom_data=""):
        if frame in self._markers:
            return False
        self._markers[frame] = {"color": color, "name": name, "note": note, "duration": duration,
                                "customData": custom_data}
        return True

    def GetMarkers(self):
        return dict(self._markers)

    def DeleteMarkerAtFrame(self, frame):
        return self._markers.pop(frame, None) is not None


class Graph:
    def __init__(self):
        self.luts = {}

    def GetNumNodes(self):
        return 1

    def SetLUT(self, node, path):
        if node != 1 or not path.endswith(".cube"):
            return False
        self.luts[node] = path
        return True


class TimelineItem(Markers):
    def __init__(self, clip, start, end, left):
        super().__init__()
        self._id = new_id()
        self._clip = clip
        self._start, self._end, self._left = start, end, left
        self._enabled = True
        self._props = dict(DEFAULT_PROPERTIES)
        self._graph = Graph()
        self.cdl = None
        self._takes = []
        self._selected_take = 0
        self._versions = {0: ["Version 1"], 1: []}
        self._current_version = {"versionName": "Version 1", "versionType": 0}
        self._comps = []
        self.group = None

    def GetTakesCount(self):
        return len(self._takes)

    def GetTakeByIndex(self, index):
        return dict(self._takes[index - 1]) if 1 <= index <= len(self._takes) else None

    def GetSelectedTakeIndex(self):
        return self._selected_take

    def AddTake(self, clip, start=None, end=None):
        start = 0 if start is None else start
        end = clip.frames() if end is None else end
        if start < 0 or end > clip.frames() or start >= end:
            return False
        if not self._takes:
            self._takes.append({"mediaPoolItem": self._clip, "startFrame": self._left,
                                "endFrame": self._left + self._end - self._start})
            self._selected_take = 1
        self._takes.append({"mediaPoolItem": clip, "startFrame": start, "endFrame": end})
        return True

    def SelectTakeByIndex(self, index):
        if not 1 <= index <= len(self._takes):
            return False
        self._selected_take = index
        self._clip = self._takes[index - 1]["mediaPoolItem"]
        return True

    def GetVersionNameList(self, kind):
        return list(self._versions[kind])

    def AddVersion(self, name, kind):
        if name in self._versions[kind]:
            return False
        self._versions[kind].append(name)
        self._current_version = {"versionName": name, "versionType": kind}
        return True

    def LoadVersionByName(self, name, kind):
        if name not in self._versions[kind]:
            return False
        self._current_version = {"versionName": name, "versionType": kind}
        return True

    def GetCurrentVersion(self):
        return dict(self._current_version)

    def GetFusionCompNameList(self):
        return list(self._comps)

    def AddFusionComp(self):
        self._comps.append("Composition %d" % (len(self._comps) + 1))
        return object()

    def ExportLUT(self, kind, path):
        with open(path, "w") as f:
            f.write("# fake LUT export %d\n" % kind)
        return True

    def AssignToColorGroup(self, group):
        self.group = group
        return True

    def GetUniqueId(self):
        return self._id

    def GetName(self):
        return self._clip.GetName()

    def GetStart(self):
        return self._start

    def GetEnd(self):
        return self._end

    def GetLeftOffset(self):
        return self._left

    def GetMediaPoolItem(self):
        return self._clip

    def GetClipEnabled(self):
        return self._enabled

    def SetClipEnabled(self, enabled):
        self._enabled = bool(enabled)
        return True

    def GetProperty(self, key=None):
        return dict(self._props) if key is None else self._props.get(key)

    def SetProperty(self, key, value):
        if key not in self._props or (key == "Opacity" and not 0 <= value <= 100):
            return False
        self._props[key] = value
        return True

    def GetNodeGraph(self, layer=None):
        return self._graph

    def SetCDL(self, cdl):
        if set(cdl) != {"NodeIndex", "Slope", "Offset", "Power", "Saturation"}:
            return False
        self.cdl = cdl
        return True

    def CopyGrades(self, targets):
        for t in targets:
            t.cdl, t._graph.luts = self.cdl, dict(self._graph.luts)
        return True


class Timeline(Markers):
    def __init__(self, name, gallery):
        super().__init__()
        self._gallery = gallery
        self._id = new_id()
        self._name = name
        self._start = 86400
        self._playhead = 86400
        self._tracks = {"video": [{"name": "Video 1", "enabled": True, "locked": False, "items": []}],
                        "audio": [{"name": "Audio 1", "enabled": True, "locked": False, "sub": "stereo", "items": []}],
                        "subtitle": []}
        self._stills = 0

    def GetUniqueId(self):
        return self._id

    def GetName(self):
        return self._name

    def GetStartFrame(self):
        return self._start

    def GetEndFrame(self):
        ends = [i.GetEnd() for kind in self._tracks.values() for t in kind for i in t["items"]]
        return max(ends, default=self._start)

    def GetStartTimecode(self):
        return "01:00:00:00"

    def GetTrackCount(self, kind):
        return len(self._tracks[kind])

    def _track(self, kind, index):
        tracks = self._tracks.get(kind, [])
        return tracks[index - 1] if 1 <= index <= len(tracks) else None

    def GetItemListInTrack(self, kind, index):
        track = self._track(kind, index)
        return list(track["items"]) if track else None

    def AddTrack(self, kind, sub=None):
        track = {"name": "%s %d" % (kind.capitalize(), len(self._tracks[kind]) + 1), "enabled": True,
                 "locked": False, "items": []}
        if kind == "audio":
            track["sub"] = sub or "stereo"
        self._tracks[kind].append(track)
        return True

    def GetTrackName(self, kind, index):
        return self._track(kind, index)["name"]

    def SetTrackName(self, kind, index, name):
        self._track(kind, index)["name"] = name
        return True

    def GetIsTrackEnabled(self, kind, index):
        return self._track(kind, index)["enabled"]

    def SetTrackEnable(self, kind, index, enabled):
        self._track(kind, index)["enabled"] = enabled
        return True

    def GetIsTrackLocked(self, kind, index):
        return self._track(kind, index)["locked"]

    def SetTrackLock(self, kind, index, locked):
        self._track(kind, index)["locked"] = locked
        return True

    def GetTrackSubType(self, kind, index):
        return self._track(kind, index).get("sub", "")

    def append(self, infos):
        placed = []
        for info in infos:
            clip = info["mediaPoolItem"]
            start, end = info.get("startFrame", 0), info.get("endFrame", clip.frames())
            track = self._track("video", info.get("trackIndex", 1))
            if track is None or track["locked"] or end > clip.frames() or start >= end:
                return []
            record = info.get("recordFrame", max([i.GetEnd() for i in track["items"]], default=self._start))
            item = TimelineItem(clip, record, record + end - start, start)
            if any(item.GetStart() < o.GetEnd() and o.GetStart() < item.GetEnd() for o in track["items"]):
                return []
            track["items"].append(item)
            track["items"].sort(key=lambda i: i.GetStart())
            placed.append(item)
        return placed

    def DuplicateTimeline(self, name=None):
        copy = Timeline(name or self._name + " copy", self._gallery)
        for kind, tracks in self._tracks.items():
            copy._tracks[kind] = [dict(t, items=[TimelineItem(i._clip, i._start, i._end, i._left) for i in t["items"]])
                                  for t in tracks]
        self.project.timelines.append(copy)
        copy.project = self.project
        return copy

    def GetCurrentTimecode(self):
        f = self._playhead
        return "%02d:%02d:%02d:%02d" % (f // 86400, f // 1440 % 60, f // 24 % 60, f % 24)

    def SetCurrentTimecode(self, tc):
        hh, mm, ss, ff = (int(x) for x in tc.replace(";", ":").split(":"))
        frame = ((hh * 60 + mm) * 60 + ss) * 24 + ff
        if not self._start <= frame < max(self.GetEndFrame(), self._start + 1):
            return False
        self._playhead = frame
        return True

    def GrabStill(self):
        from .project import Still
        under = [i for t in self._tracks["video"] for i in t["items"] if i.GetStart() <= self._playhead < i.GetEnd()]
        if not under:
            return None
        still = Still()
        album = self._gallery.GetCurrentStillAlbum()
        album.stills.append(still)
        album.labels[id(still)] = self.GetCurrentTimecode()
        return still

    def Export(self, path, kind, sub):
        if kind == 0:  # AAF: the fake writes a marker file, as a test double must not pretend to write AAF
            content = "fake-aaf"
        else:
            content = json.dumps({"fake_export": kind, "timeline": self._name})
        with open(path, "w") as f:
            f.write(content)
        return True
