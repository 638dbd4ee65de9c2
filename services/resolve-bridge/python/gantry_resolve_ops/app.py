"""The application: version and pages."""

from .core import method, refused, resolve


@method
def GetVersion(params):
    r = resolve()
    parts = list(r.GetVersion() or []) + [0, 0, 0, 0, ""]
    return {"product": r.GetProductName() or "", "version": r.GetVersionString() or "", "major": int(parts[0]),
            "minor": int(parts[1]), "patch": int(parts[2]), "build": int(parts[3]), "suffix": str(parts[4] or "")}


@method
def GetCurrentPage(params):
    return {"page": resolve().GetCurrentPage() or ""}


@method
def OpenPage(params):
    if not resolve().OpenPage(params["page"]):
        raise refused("OpenPage('%s')" % params["page"])
    return {"page": params["page"]}
