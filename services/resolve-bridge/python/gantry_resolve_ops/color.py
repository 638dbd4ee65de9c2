"""Color: LUT and CDL on an item's nodes, grade copies, gallery stills."""

from .core import ApiError, method, project, refused, resolve
from .lookup import find_item, find_timeline


def _video_item(item_id):
    _, kind, _, ti = find_item(item_id)
    if kind != "video":
        raise ApiError("FAILED_PRECONDITION", "item '%s' has no grade (not a video item)" % ti.GetName())
    return ti


def _check_node(ti, graph, node):
    count = graph.GetNumNodes() or 0
    if node > count:
        raise ApiError("OUT_OF_RANGE", "item '%s' has %d node(s); node %d does not exist (nodes cannot be added "
                       "through the scripting API)" % (ti.GetName(), count, node))


@method
def ApplyLut(params):
    ti = _video_item(params["item_id"])
    graph = ti.GetNodeGraph()
    _check_node(ti, graph, params["node_index"])
    if not graph.SetLUT(params["node_index"], params["lut_path"]):
        raise ApiError("NOT_FOUND", "Resolve refused LUT '%s' (is it in Resolve's LUT list? try RefreshLUTList)"
                       % params["lut_path"])
    return {}


@method
def SetCdl(params):
    ti = _video_item(params["item_id"])
    _check_node(ti, ti.GetNodeGraph(), params["node_index"])

    def triple(name):
        return " ".join(repr(float(v)) for v in params[name])

    cdl = {"NodeIndex": str(params["node_index"]), "Slope": triple("slope"), "Offset": triple("offset"),
           "Power": triple("power"), "Saturation": repr(float(params.get("saturation", 0)))}
    if not ti.SetCDL(cdl):
        raise refused("SetCDL")
    return {}


@method
def CopyGrade(params):
    source = _video_item(params["source_item_id"])
    targets = [_video_item(i) for i in params["target_item_ids"]]
    if not source.CopyGrades(targets):
        raise refused("CopyGrades")
    return {}


def _stills(album):
    gallery = project().GetGallery()
    name = gallery.GetAlbumName(album) or ""
    # Resolve gives stills no ids; they are addressed by album and 1-based position.
    return [{"id": "%s/%d" % (name, i + 1), "label": album.GetLabel(s) or "", "album": name}
            for i, s in enumerate(album.GetStills() or [])]


@method
def GrabStill(params):
    tl = find_timeline(params["timeline_id"])
    project().SetCurrentTimeline(tl)
    if tl.GrabStill() is None:
        raise refused("GrabStill (is there a video item under the playhead?)")
    stills = _stills(project().GetGallery().GetCurrentStillAlbum())
    return {"still": stills[-1] if stills else {}}


@method
def ListStills(params):
    gallery = project().GetGallery()
    wanted = params.get("album") or ""
    if not wanted:
        return {"stills": _stills(gallery.GetCurrentStillAlbum())}
    for album in gallery.GetGalleryStillAlbums() or []:
        if gallery.GetAlbumName(album) == wanted:
            return {"stills": _stills(album)}
    raise ApiError("NOT_FOUND", "no gallery album '%s'" % wanted)


LUT_TYPES = {"LUT_EXPORT_TYPE_CUBE_17": "EXPORT_LUT_17PTCUBE", "LUT_EXPORT_TYPE_CUBE_33": "EXPORT_LUT_33PTCUBE",
             "LUT_EXPORT_TYPE_CUBE_65": "EXPORT_LUT_65PTCUBE",
             "LUT_EXPORT_TYPE_PANASONIC_VLUT": "EXPORT_LUT_PANASONICVLUT"}


@method
def ExportLut(params):
    ti = _video_item(params["item_id"])
    if not ti.ExportLUT(getattr(resolve(), LUT_TYPES[params["type"]]), params["path"]):
        raise refused("ExportLUT to '%s'" % params["path"])
    return {"path": params["path"]}


def _groups():
    return {g.GetName(): g for g in project().GetColorGroupsList() or []}


@method
def ListColorGroups(params):
    return {"names": list(_groups())}


@method
def CreateColorGroup(params):
    if params["name"] in _groups():
        raise ApiError("ALREADY_EXISTS", "a color group named '%s' exists" % params["name"])
    if project().AddColorGroup(params["name"]) is None:
        raise refused("AddColorGroup('%s')" % params["name"])
    return {}


@method
def AssignColorGroup(params):
    ti = _video_item(params["item_id"])
    group = _groups().get(params["group_name"])
    if group is None:
        raise ApiError("NOT_FOUND", "no color group '%s'" % params["group_name"])
    if not ti.AssignToColorGroup(group):
        raise refused("AssignToColorGroup('%s')" % params["group_name"])
    return {}


@method
def ListAlbums(params):
    gallery = project().GetGallery()
    return {"albums": [gallery.GetAlbumName(a) for a in gallery.GetGalleryStillAlbums() or []],
            "current": gallery.GetAlbumName(gallery.GetCurrentStillAlbum()) or ""}


@method
def CreateAlbum(params):
    gallery = project().GetGallery()
    if params["name"] in [gallery.GetAlbumName(a) for a in gallery.GetGalleryStillAlbums() or []]:
        raise ApiError("ALREADY_EXISTS", "a still album named '%s' exists" % params["name"])
    album = gallery.CreateGalleryStillAlbum()
    if album is None or not gallery.SetAlbumName(album, params["name"]):
        raise refused("CreateGalleryStillAlbum")
    gallery.SetCurrentStillAlbum(album)
    return {}
