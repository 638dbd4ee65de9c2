"""The render queue of the open project."""

from .core import ApiError, method, project, refused

STATES = {"ready": "RENDER_STATE_READY", "rendering": "RENDER_STATE_RENDERING", "complete": "RENDER_STATE_COMPLETE",
          "cancelled": "RENDER_STATE_CANCELLED", "canceled": "RENDER_STATE_CANCELLED", "failed": "RENDER_STATE_FAILED",
          "queued": "RENDER_STATE_QUEUED"}

SETTINGS = {"target_dir": "TargetDir", "custom_name": "CustomName", "select_all_frames": "SelectAllFrames",
            "mark_in": "MarkIn", "mark_out": "MarkOut", "export_video": "ExportVideo", "export_audio": "ExportAudio",
            "format_width": "FormatWidth", "format_height": "FormatHeight"}


def _job(entry):
    job_id = entry.get("JobId", "")
    status = project().GetRenderJobStatus(job_id) or {}
    return {"job_id": job_id, "timeline_name": entry.get("TimelineName", ""), "target_dir": entry.get("TargetDir", ""),
            "output_filename": entry.get("OutputFilename", ""), "format": entry.get("Format", ""),
            "codec": entry.get("Codec", ""), "mark_in": int(entry.get("MarkIn", 0)),
            "mark_out": int(entry.get("MarkOut", 0)),
            "state": STATES.get(str(status.get("JobStatus", "")).lower(), "RENDER_STATE_UNSPECIFIED"),
            "completion_percentage": int(status.get("CompletionPercentage", 0)), "error": status.get("Error", "")}


def _find(job_id):
    for entry in project().GetRenderJobList() or []:
        if entry.get("JobId") == job_id:
            return entry
    raise ApiError("NOT_FOUND", "no render job '%s' in the render queue of project '%s'"
                   % (job_id, project().GetName()))


@method
def ListRenderFormats(params):
    return {"formats": dict(project().GetRenderFormats() or {})}


@method
def ListRenderCodecs(params):
    codecs = project().GetRenderCodecs(params["format"])
    if not codecs:
        raise ApiError("INVALID_ARGUMENT", "unknown render format '%s'" % params["format"])
    return {"codecs": dict(codecs)}


@method
def SetRenderFormatAndCodec(params):
    if not project().SetCurrentRenderFormatAndCodec(params["format"], params["codec"]):
        raise ApiError("INVALID_ARGUMENT", "Resolve refused format '%s' with codec '%s' (see ListRenderCodecs)"
                       % (params["format"], params["codec"]))
    return {}


@method
def ListRenderPresets(params):
    return {"presets": list(project().GetRenderPresetList() or [])}


@method
def LoadRenderPreset(params):
    if params["name"] not in (project().GetRenderPresetList() or []):
        raise ApiError("NOT_FOUND", "no render preset '%s'" % params["name"])
    if not project().LoadRenderPreset(params["name"]):
        raise refused("LoadRenderPreset('%s')" % params["name"])
    return {}


@method
def SaveRenderPreset(params):
    if params["name"] in (project().GetRenderPresetList() or []):
        raise ApiError("ALREADY_EXISTS", "a render preset named '%s' already exists" % params["name"])
    if not project().SaveAsNewRenderPreset(params["name"]):
        raise refused("SaveAsNewRenderPreset('%s')" % params["name"])
    return {}


@method
def SetRenderSettings(params):
    settings = {SETTINGS[k]: v for k, v in params.items() if k in SETTINGS}
    if ("mark_in" in params or "mark_out" in params) and "select_all_frames" not in params:
        settings["SelectAllFrames"] = False
    if settings and not project().SetRenderSettings(settings):
        raise refused("SetRenderSettings(%s)" % settings)
    return {}


@method
def AddRenderJob(params):
    job_id = project().AddRenderJob()
    if not job_id:
        raise refused("AddRenderJob (is there a current timeline and a target folder?)")
    return {"job": _job(_find(job_id))}


@method
def ListRenderJobs(params):
    return {"jobs": [_job(e) for e in project().GetRenderJobList() or []]}


@method
def DeleteRenderJob(params):
    _find(params["job_id"])
    if not project().DeleteRenderJob(params["job_id"]):
        raise refused("DeleteRenderJob (is it rendering?)")
    return {}


@method
def ClearRenderQueue(params):
    if project().IsRenderingInProgress():
        raise ApiError("FAILED_PRECONDITION", "a render is in progress; stop it before clearing the queue")
    if not project().DeleteAllRenderJobs():
        raise refused("DeleteAllRenderJobs")
    return {}


@method
def StartRender(params):
    p = project()
    if p.IsRenderingInProgress():
        raise ApiError("FAILED_PRECONDITION", "a render is already in progress")
    ids = params.get("job_ids") or []
    for job_id in ids:
        _find(job_id)
    if not ids and not (p.GetRenderJobList() or []):
        raise ApiError("FAILED_PRECONDITION", "the render queue is empty; add a job first")
    if not (p.StartRendering(ids) if ids else p.StartRendering()):
        raise refused("StartRendering")
    return {}


@method
def StopRender(params):
    project().StopRendering()
    return {}


@method
def GetRenderStatus(params):
    return {"job": _job(_find(params["job_id"]))}
