import os
import time

from .ids import new_id
from .project import Project

PAGES = ("media", "cut", "edit", "fusion", "color", "fairlight", "deliver")


class MediaStorage:
    def GetMountedVolumeList(self):
        return ["/"]

    def GetSubFolderList(self, path):
        return [os.path.join(path, n) for n in sorted(os.listdir(path)) if os.path.isdir(os.path.join(path, n))]

    def GetFileList(self, path):
        return [os.path.join(path, n) for n in sorted(os.listdir(path)) if os.path.isfile(os.path.join(path, n))]


class ProjectManager:
    def __init__(self):
        self._projects = {"Untitled Project": Project("Untitled Project")}
        self._current = self._projects["Untitled Project"]

    def GetProjectListInCurrentFolder(self):
        return list(self._projects)

    def GetCurrentProject(self):
        return self._current

    def CreateProject(self, name, media_path=None):
        if name == "fake:crash":
            os._exit(3)
        if name == "fake:hang":
            while True:
                time.sleep(3600)
        if name in self._projects:
            return None
        self._projects[name] = self._current = Project(name)
        return self._current

    def LoadProject(self, name):
        if name not in self._projects:
            return None
        self._current = self._projects[name]
        return self._current

    def SaveProject(self):
        return True

    def CloseProject(self, project):
        if project is not self._current:
            return False
        self._current = self._projects.setdefault("Untitled Project", Project("Untitled Project"))
        return True

    def DeleteProject(self, name):
        if name not in self._projects or self._projects[name] is self._current:
            return False
        del self._projects[name]
        return True

    def ExportProject(self, name, path, with_stills=True):
        if name not in self._projects:
            return False
        with open(path, "w") as f:
            f.write("fake-drp:" + name)
        return True

    def ImportProject(self, path, name=None):
        try:
            with open(path) as f:
                content = f.read()
        except OSError:
            return False
        if not content.startswith("fake-drp:"):
            return False
        name = name or content[len("fake-drp:"):]
        if name in self._projects:
            return False
        self._projects[name] = Project(name)
        return True


class Resolve:
    EXPORT_AAF, EXPORT_EDL, EXPORT_FCPXML_1_10, EXPORT_OTIO = 0, 1, 2, 3
    EXPORT_NONE, EXPORT_AAF_NEW = 0, 1
    AUDIO_SYNC_MODE, AUDIO_SYNC_WAVEFORM, AUDIO_SYNC_TIMECODE = "syncMode", 0, 1
    EXPORT_LUT_17PTCUBE, EXPORT_LUT_33PTCUBE, EXPORT_LUT_65PTCUBE, EXPORT_LUT_PANASONICVLUT = 0, 1, 2, 3

    def __init__(self):
        self._pm = ProjectManager()
        self._storage = MediaStorage()
        self._page = "media"

    def GetProductName(self):
        return "DaVinci Resolve Studio (fake)"

    def GetVersion(self):
        return [20, 1, 2, 3, ""]

    def GetVersionString(self):
        return "20.1.2.3"

    def GetProjectManager(self):
        return self._pm

    def GetMediaStorage(self):
        return self._storage

    def GetCurrentPage(self):
        return self._page

    def OpenPage(self, page):
        if page not in PAGES:
            return False
        self._page = page
        return True
