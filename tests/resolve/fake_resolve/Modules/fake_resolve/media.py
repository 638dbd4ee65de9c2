import os

from .ids import new_id


class MediaPoolItem:
    def __init__(self, path, frames=100, fps=24.0):
        self._id = new_id()
        self._name = os.path.basename(path)
        self._props = {"File Path": path, "Clip Name": self._name, "Frames": str(frames), "FPS": str(fps),
                       "Proxy Media Path": ""}
        self._metadata = {}
        self._markers = {}

    def GetUniqueId(self):
        return self._id

    def GetName(self):
        return self._name

    def GetClipProperty(self, key=None):
        return dict(self._props) if key is None else self._props.get(key, "")

    def GetMetadata(self, key=None):
        return dict(self._metadata) if key is None else self._metadata.get(key, "")

    def SetMetadata(self, key, value=None):
        allowed = {"Description", "Comments", "Keywords", "Scene", "Shot", "Take", "Good Take"}
        if key not in allowed:
            return False
        self._metadata[key] = value
        return True

    def LinkProxyMedia(self, path):
        self._props["Proxy Media Path"] = path
        return True

    def UnlinkProxyMedia(self):
        if not self._props["Proxy Media Path"]:
            return False
        self._props["Proxy Media Path"] = ""
        return True

    def TranscribeAudio(self):
        self.transcribed = True
        return True

    def ClearTranscription(self):
        self.transcribed = False
        return True

    def ReplaceClip(self, path):
        self._props["File Path"] = path
        return True

    def frames(self):
        return int(self._props["Frames"])

    # markers (shared shape with timelines and items)
    def AddMarker(self, frame, color, name, note, duration, custom_data=""):
        if frame in self._markers or frame >= self.frames():
            return False
        self._markers[frame] = {"color": color, "name": name, "note": note, "duration": duration,
                                "customData": custom_data}
        return True

    def GetMarkers(self):
        return dict(self._markers)

    def DeleteMarkerAtFrame(self, frame):
        return self._markers.pop(frame, None) is not None


class Folder:
    def __init__(self, name):
        self._id = new_id()
        self._name = name
        self.clips = []
        self.subfolders = []

    def GetUniqueId(self):
        return self._id

    def GetName(self):
        return self._name

    def GetClipList(self):
        return list(self.clips)

    def GetSubFolderList(self):
        return list(self.subfolders)
