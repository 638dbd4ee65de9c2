#pragma once
/// @file The unary RPCs every backend answers, as one X-macro list: X(Method, Request, Response, Role).
/// The gRPC service, the simulator's dispatch table and the Python operations are all checked against it,
/// so a method cannot be added to one place and forgotten in another. GetStatus (answered by the bridge
/// itself) and the server-streaming WatchRender (built on GetRenderStatus) are not in the list.
/// Request and response types live in gantry::resolve::v1; Role in gantry (read-only calls need kRead).

#define GANTRY_RESOLVE_METHODS(X) \
    X(GetVersion, GetVersionRequest, GetVersionResponse, kRead) \
    X(GetCurrentPage, GetCurrentPageRequest, GetCurrentPageResponse, kRead) \
    X(OpenPage, OpenPageRequest, OpenPageResponse, kWrite) \
    X(ListProjects, ListProjectsRequest, ListProjectsResponse, kRead) \
    X(GetCurrentProject, GetCurrentProjectRequest, GetCurrentProjectResponse, kRead) \
    X(CreateProject, CreateProjectRequest, CreateProjectResponse, kWrite) \
    X(OpenProject, OpenProjectRequest, OpenProjectResponse, kWrite) \
    X(SaveProject, SaveProjectRequest, SaveProjectResponse, kWrite) \
    X(CloseProject, CloseProjectRequest, CloseProjectResponse, kWrite) \
    X(DeleteProject, DeleteProjectRequest, DeleteProjectResponse, kWrite) \
    X(ExportProject, ExportProjectRequest, ExportProjectResponse, kWrite) \
    X(ImportProject, ImportProjectRequest, ImportProjectResponse, kWrite) \
    X(GetProjectSettings, GetProjectSettingsRequest, GetProjectSettingsResponse, kRead) \
    X(SetProjectSetting, SetProjectSettingRequest, SetProjectSettingResponse, kWrite) \
    X(ListVolumes, ListVolumesRequest, ListVolumesResponse, kRead) \
    X(ListStorage, ListStorageRequest, ListStorageResponse, kRead) \
    X(ImportMedia, ImportMediaRequest, ImportMediaResponse, kWrite) \
    X(ListBins, ListBinsRequest, ListBinsResponse, kRead) \
    X(CreateBin, CreateBinRequest, CreateBinResponse, kWrite) \
    X(DeleteBins, DeleteBinsRequest, DeleteBinsResponse, kWrite) \
    X(ListClips, ListClipsRequest, ListClipsResponse, kRead) \
    X(GetClipMetadata, GetClipMetadataRequest, GetClipMetadataResponse, kRead) \
    X(SetClipMetadata, SetClipMetadataRequest, SetClipMetadataResponse, kWrite) \
    X(GetClipProperties, GetClipPropertiesRequest, GetClipPropertiesResponse, kRead) \
    X(LinkProxyMedia, LinkProxyMediaRequest, LinkProxyMediaResponse, kWrite) \
    X(UnlinkProxyMedia, UnlinkProxyMediaRequest, UnlinkProxyMediaResponse, kWrite) \
    X(RelinkClips, RelinkClipsRequest, RelinkClipsResponse, kWrite) \
    X(MoveClips, MoveClipsRequest, MoveClipsResponse, kWrite) \
    X(DeleteClips, DeleteClipsRequest, DeleteClipsResponse, kWrite) \
    X(ListTimelines, ListTimelinesRequest, ListTimelinesResponse, kRead) \
    X(CreateTimeline, CreateTimelineRequest, CreateTimelineResponse, kWrite) \
    X(DeleteTimelines, DeleteTimelinesRequest, DeleteTimelinesResponse, kWrite) \
    X(SetCurrentTimeline, SetCurrentTimelineRequest, SetCurrentTimelineResponse, kWrite) \
    X(DuplicateTimeline, DuplicateTimelineRequest, DuplicateTimelineResponse, kWrite) \
    X(AppendClips, AppendClipsRequest, AppendClipsResponse, kWrite) \
    X(ListTracks, ListTracksRequest, ListTracksResponse, kRead) \
    X(AddTrack, AddTrackRequest, AddTrackResponse, kWrite) \
    X(UpdateTrack, UpdateTrackRequest, UpdateTrackResponse, kWrite) \
    X(ListItems, ListItemsRequest, ListItemsResponse, kRead) \
    X(AddMarker, AddMarkerRequest, AddMarkerResponse, kWrite) \
    X(ListMarkers, ListMarkersRequest, ListMarkersResponse, kRead) \
    X(DeleteMarker, DeleteMarkerRequest, DeleteMarkerResponse, kWrite) \
    X(GetTimecode, GetTimecodeRequest, GetTimecodeResponse, kRead) \
    X(SetTimecode, SetTimecodeRequest, SetTimecodeResponse, kWrite) \
    X(ExportTimeline, ExportTimelineRequest, ExportTimelineResponse, kWrite) \
    X(GetItem, GetItemRequest, GetItemResponse, kRead) \
    X(SetItemTransform, SetItemTransformRequest, SetItemPropertiesResponse, kWrite) \
    X(SetItemCrop, SetItemCropRequest, SetItemPropertiesResponse, kWrite) \
    X(SetItemComposite, SetItemCompositeRequest, SetItemPropertiesResponse, kWrite) \
    X(SetItemRetime, SetItemRetimeRequest, SetItemPropertiesResponse, kWrite) \
    X(SetItemEnabled, SetItemEnabledRequest, SetItemEnabledResponse, kWrite) \
    X(ApplyLut, ApplyLutRequest, ApplyLutResponse, kWrite) \
    X(SetCdl, SetCdlRequest, SetCdlResponse, kWrite) \
    X(CopyGrade, CopyGradeRequest, CopyGradeResponse, kWrite) \
    X(GrabStill, GrabStillRequest, GrabStillResponse, kWrite) \
    X(ListStills, ListStillsRequest, ListStillsResponse, kRead) \
    X(ListRenderFormats, ListRenderFormatsRequest, ListRenderFormatsResponse, kRead) \
    X(ListRenderCodecs, ListRenderCodecsRequest, ListRenderCodecsResponse, kRead) \
    X(SetRenderFormatAndCodec, SetRenderFormatAndCodecRequest, SetRenderFormatAndCodecResponse, kWrite) \
    X(ListRenderPresets, ListRenderPresetsRequest, ListRenderPresetsResponse, kRead) \
    X(LoadRenderPreset, LoadRenderPresetRequest, LoadRenderPresetResponse, kWrite) \
    X(SaveRenderPreset, SaveRenderPresetRequest, SaveRenderPresetResponse, kWrite) \
    X(SetRenderSettings, SetRenderSettingsRequest, SetRenderSettingsResponse, kWrite) \
    X(AddRenderJob, AddRenderJobRequest, AddRenderJobResponse, kWrite) \
    X(ListRenderJobs, ListRenderJobsRequest, ListRenderJobsResponse, kRead) \
    X(DeleteRenderJob, DeleteRenderJobRequest, DeleteRenderJobResponse, kWrite) \
    X(ClearRenderQueue, ClearRenderQueueRequest, ClearRenderQueueResponse, kWrite) \
    X(StartRender, StartRenderRequest, StartRenderResponse, kWrite) \
    X(StopRender, StopRenderRequest, StopRenderResponse, kWrite) \
    X(GetRenderStatus, GetRenderStatusRequest, GetRenderStatusResponse, kRead) \
    X(UnlinkClips, UnlinkClipsRequest, UnlinkClipsResponse, kWrite) \
    X(ReplaceClip, ReplaceClipRequest, ReplaceClipResponse, kWrite) \
    X(ImportTimeline, ImportTimelineRequest, ImportTimelineResponse, kWrite) \
    X(ListTakes, ListTakesRequest, ListTakesResponse, kRead) \
    X(AddTake, AddTakeRequest, AddTakeResponse, kWrite) \
    X(SelectTake, SelectTakeRequest, SelectTakeResponse, kWrite) \
    X(ListVersions, ListVersionsRequest, ListVersionsResponse, kRead) \
    X(AddVersion, AddVersionRequest, AddVersionResponse, kWrite) \
    X(LoadVersion, LoadVersionRequest, LoadVersionResponse, kWrite) \
    X(ListFusionComps, ListFusionCompsRequest, ListFusionCompsResponse, kRead) \
    X(AddFusionComp, AddFusionCompRequest, AddFusionCompResponse, kWrite) \
    X(ExportLut, ExportLutRequest, ExportLutResponse, kWrite) \
    X(ListColorGroups, ListColorGroupsRequest, ListColorGroupsResponse, kRead) \
    X(CreateColorGroup, CreateColorGroupRequest, CreateColorGroupResponse, kWrite) \
    X(AssignColorGroup, AssignColorGroupRequest, AssignColorGroupResponse, kWrite) \
    X(ListAlbums, ListAlbumsRequest, ListAlbumsResponse, kRead) \
    X(CreateAlbum, CreateAlbumRequest, CreateAlbumResponse, kWrite) \
    X(ResetItemProperties, ResetItemPropertiesRequest, SetItemPropertiesResponse, kWrite)
