"""Timeline item properties (Resolve names: zoom_x -> ZoomX) and enable state."""

from . import convert
from .core import ApiError, method, refused
from .lookup import find_item


# Resolve's defaults of the properties the SetItem* calls change.
DEFAULTS = {"Pan": 0.0, "Tilt": 0.0, "ZoomX": 1.0, "ZoomY": 1.0, "RotationAngle": 0.0, "AnchorPointX": 0.0,
            "AnchorPointY": 0.0, "Pitch": 0.0, "Yaw": 0.0, "FlipX": False, "FlipY": False, "CropLeft": 0.0,
            "CropRight": 0.0, "CropTop": 0.0, "CropBottom": 0.0, "CropSoftness": 0.0, "CropRetain": False,
            "CompositeMode": 0, "Opacity": 100.0, "RetimeProcess": 0, "MotionEstimation": 0}


def _resolve_name(field):
    return "".join(part[:1].upper() + part[1:] for part in field.split("_"))


def _numeric(properties):
    return {k: float(v) for k, v in (properties or {}).items() if isinstance(v, (int, float, bool))}


def _set(params):
    _, kind, _, ti = find_item(params["item_id"])
    if kind != "video":
        raise ApiError("FAILED_PRECONDITION", "item '%s' is not a video item" % ti.GetName())
    changes = {_resolve_name(k): (1 if v is True else 0 if v is False else v)
               for k, v in params.items() if k != "item_id"}
    if not changes:
        raise ApiError("INVALID_ARGUMENT", "set at least one property besides item_id")
    for key, value in changes.items():
        if not ti.SetProperty(key, value):
            raise ApiError("INVALID_ARGUMENT", "Resolve refused %s = %s (out of range?)" % (key, value))
    return {"properties": _numeric(ti.GetProperty())}


@method
def GetItem(params):
    tl, kind, index, ti = find_item(params["item_id"])
    return {"item": convert.item(ti, kind, index), "properties": _numeric(ti.GetProperty()) if kind == "video" else {}}


@method
def SetItemTransform(params):
    return _set(params)


@method
def SetItemCrop(params):
    return _set(params)


@method
def SetItemComposite(params):
    return _set(params)


@method
def SetItemRetime(params):
    return _set(params)


@method
def ResetItemProperties(params):
    _, kind, _, ti = find_item(params["item_id"])
    if kind != "video":
        raise ApiError("FAILED_PRECONDITION", "item '%s' is not a video item" % ti.GetName())
    for key, value in DEFAULTS.items():
        if not ti.SetProperty(key, value):
            raise refused("SetProperty('%s', %s)" % (key, value))
    return {"properties": _numeric(ti.GetProperty())}


@method
def SetItemEnabled(params):
    ti = find_item(params["item_id"])[3]
    if not ti.SetClipEnabled(bool(params.get("enabled"))):
        raise refused("SetClipEnabled")
    return {}
