// Every RPC of gantry.resolve.v1.Resolve through gRPC against a running resolve-bridge on the simulator.
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "resolve_client.hpp"

namespace gantry::resolve {
namespace {

namespace fs = std::filesystem;

class SimE2eTest : public ::testing::Test {
protected:
    void SetUp() override {
        bridge_ = StartBridge("sim", {{"GANTRY_RESOLVE_BRIDGE_RESOLVE_SIM_RENDER_FPS", "2400"}});
        ASSERT_TRUE(bridge_->ok()) << bridge_->error();
        client_ = std::make_unique<BridgeClient>(bridge_->endpoint("grpc"));
        media_ = fs::path(bridge_->data_dir()) / "media";
        fs::create_directories(media_);
    }

    std::string Media(const std::string& name) {
        const auto path = (media_ / name).string();
        std::ofstream(path) << "media";
        return path;
    }

    /// Runs validate_export.py on a file; returns its exit code.
    static int CheckExport(const std::string& kind, const std::string& path) {
        const auto command = "/usr/bin/python3 " + SourcePath("tests/resolve/checks/validate_export.py") + " " + kind +
                             " '" + path + "'";
        return WEXITSTATUS(std::system(command.c_str()));
    }

    std::unique_ptr<gantry::testing::ServiceProcess> bridge_;
    std::unique_ptr<BridgeClient> client_;
    fs::path media_;
};

TEST_F(SimE2eTest, EveryRpcAnswersOnTheSimulator) {
    auto& c = *client_;
    // app and bridge
    const auto status = c.Ok("GetStatus", &Stub::GetStatus, v1::GetStatusRequest());
    EXPECT_EQ(status.configured_backend(), "sim");
    EXPECT_EQ(status.backend(), "sim");
    EXPECT_TRUE(status.available());
    EXPECT_NE(status.reason().find("simulator"), std::string::npos);
    EXPECT_NE(c.Ok("GetVersion", &Stub::GetVersion, v1::GetVersionRequest()).product().find("simulator"),
              std::string::npos);
    v1::OpenPageRequest page;
    page.set_page("edit");
    EXPECT_EQ(c.Ok("OpenPage", &Stub::OpenPage, page).page(), "edit");
    EXPECT_EQ(c.Ok("GetCurrentPage", &Stub::GetCurrentPage, v1::GetCurrentPageRequest()).page(), "edit");

    // projects
    v1::CreateProjectRequest create;
    create.set_name("Spot");
    EXPECT_TRUE(c.Ok("CreateProject", &Stub::CreateProject, create).project().is_current());
    create.set_name("Other");
    c.Ok("CreateProject", &Stub::CreateProject, create);
    v1::OpenProjectRequest open;
    open.set_name("Spot");
    EXPECT_EQ(c.Ok("OpenProject", &Stub::OpenProject, open).project().name(), "Spot");
    EXPECT_EQ(c.Ok("GetCurrentProject", &Stub::GetCurrentProject, v1::GetCurrentProjectRequest()).project().name(),
              "Spot");
    EXPECT_EQ(c.Ok("ListProjects", &Stub::ListProjects, v1::ListProjectsRequest()).projects_size(), 3);
    v1::SetProjectSettingRequest setting;
    setting.set_name("timelineResolutionWidth");
    setting.set_value("3840");
    c.Ok("SetProjectSetting", &Stub::SetProjectSetting, setting);
    v1::GetProjectSettingsRequest get_setting;
    get_setting.set_name("timelineResolutionWidth");
    EXPECT_EQ(
        c.Ok("GetProjectSettings", &Stub::GetProjectSettings, get_setting).settings().at("timelineResolutionWidth"),
        "3840");
    c.Ok("SaveProject", &Stub::SaveProject, v1::SaveProjectRequest());
    v1::ExportProjectRequest export_project;
    export_project.set_name("Other");
    export_project.set_path((media_ / "other.drp").string());
    c.Ok("ExportProject", &Stub::ExportProject, export_project);
    v1::DeleteProjectRequest del_project;
    del_project.set_name("Other");
    c.Ok("DeleteProject", &Stub::DeleteProject, del_project);
    v1::ImportProjectRequest import_project;
    import_project.set_path(export_project.path());
    import_project.set_name("Other again");
    EXPECT_EQ(c.Ok("ImportProject", &Stub::ImportProject, import_project).project().name(), "Other again");

    // media storage and pool
    EXPECT_EQ(c.Ok("ListVolumes", &Stub::ListVolumes, v1::ListVolumesRequest()).volumes(0), "/");
    const auto a = Media("a.mov");
    const auto b = Media("b.mov");
    Media("lut.cube");
    v1::ListStorageRequest storage;
    storage.set_path(media_.string());
    EXPECT_GE(c.Ok("ListStorage", &Stub::ListStorage, storage).files_size(), 3);
    v1::CreateBinRequest create_bin;
    create_bin.set_name("Selects");
    const auto bin = c.Ok("CreateBin", &Stub::CreateBin, create_bin).bin();
    create_bin.set_name("Trash");
    const auto trash = c.Ok("CreateBin", &Stub::CreateBin, create_bin).bin();
    EXPECT_EQ(c.Ok("ListBins", &Stub::ListBins, v1::ListBinsRequest()).bins_size(), 3);
    v1::ImportMediaRequest import;
    import.add_paths(a);
    import.add_paths(b);
    import.set_bin_id(bin.id());
    const auto clips = c.Ok("ImportMedia", &Stub::ImportMedia, import).clips();
    ASSERT_EQ(clips.size(), 2);
    v1::ListClipsRequest list_clips;
    list_clips.set_bin_id(bin.id());
    EXPECT_EQ(c.Ok("ListClips", &Stub::ListClips, list_clips).clips_size(), 2);
    v1::SetClipMetadataRequest set_meta;
    set_meta.set_clip_id(clips[0].id());
    (*set_meta.mutable_metadata())["Description"] = "hero shot";
    c.Ok("SetClipMetadata", &Stub::SetClipMetadata, set_meta);
    v1::GetClipMetadataRequest get_meta;
    get_meta.set_clip_id(clips[0].id());
    EXPECT_EQ(c.Ok("GetClipMetadata", &Stub::GetClipMetadata, get_meta).metadata().at("Description"), "hero shot");
    v1::LinkProxyMediaRequest proxy;
    proxy.set_clip_id(clips[0].id());
    proxy.set_proxy_path(Media("a_proxy.mov"));
    c.Ok("LinkProxyMedia", &Stub::LinkProxyMedia, proxy);
    v1::GetClipPropertiesRequest props;
    props.set_clip_id(clips[0].id());
    EXPECT_EQ(c.Ok("GetClipProperties", &Stub::GetClipProperties, props).properties().at("Proxy Media Path"),
              proxy.proxy_path());
    v1::UnlinkProxyMediaRequest unproxy;
    unproxy.set_clip_id(clips[0].id());
    c.Ok("UnlinkProxyMedia", &Stub::UnlinkProxyMedia, unproxy);
    fs::create_directories(media_ / "moved");
    std::ofstream((media_ / "moved" / "b.mov").string()) << "media";
    v1::RelinkClipsRequest relink;
    relink.add_clip_ids(clips[1].id());
    relink.set_folder_path((media_ / "moved").string());
    c.Ok("RelinkClips", &Stub::RelinkClips, relink);
    v1::MoveClipsRequest move;
    move.add_clip_ids(clips[1].id());
    move.set_bin_id(trash.id());
    c.Ok("MoveClips", &Stub::MoveClips, move);

    // timelines
    v1::CreateTimelineRequest create_timeline;
    create_timeline.set_name("Cut 1");
    create_timeline.add_clip_ids(clips[0].id());
    const auto timeline = c.Ok("CreateTimeline", &Stub::CreateTimeline, create_timeline).timeline();
    EXPECT_EQ(timeline.end_frame() - timeline.start_frame(), 240);
    v1::AppendClipsRequest append;
    auto* placement = append.add_clips();
    placement->set_clip_id(clips[1].id());
    placement->set_start_frame(0);
    placement->set_end_frame(48);
    const auto appended = c.Ok("AppendClips", &Stub::AppendClips, append).items();
    ASSERT_EQ(appended.size(), 2);
    EXPECT_EQ(appended[0].start(), timeline.end_frame());
    EXPECT_EQ(c.Ok("ListTimelines", &Stub::ListTimelines, v1::ListTimelinesRequest()).timelines_size(), 1);
    v1::AddTrackRequest add_track;
    add_track.set_timeline_id(timeline.id());
    add_track.set_type(v1::TRACK_TYPE_AUDIO);
    add_track.set_sub_type("mono");
    EXPECT_EQ(c.Ok("AddTrack", &Stub::AddTrack, add_track).track().index(), 2);
    v1::UpdateTrackRequest update_track;
    update_track.set_timeline_id(timeline.id());
    update_track.set_type(v1::TRACK_TYPE_AUDIO);
    update_track.set_index(2);
    update_track.set_name("Dialogue");
    update_track.set_enabled(false);
    const auto track = c.Ok("UpdateTrack", &Stub::UpdateTrack, update_track).track();
    EXPECT_EQ(track.name(), "Dialogue");
    EXPECT_FALSE(track.enabled());
    v1::ListTracksRequest list_tracks;
    list_tracks.set_timeline_id(timeline.id());
    EXPECT_EQ(c.Ok("ListTracks", &Stub::ListTracks, list_tracks).tracks_size(), 3);
    v1::ListItemsRequest list_items;
    list_items.set_timeline_id(timeline.id());
    list_items.set_type(v1::TRACK_TYPE_VIDEO);
    list_items.set_index(1);
    const auto items = c.Ok("ListItems", &Stub::ListItems, list_items).items();
    ASSERT_EQ(items.size(), 2);
    v1::AddMarkerRequest marker;
    marker.mutable_owner()->set_item_id(items[0].id());
    marker.mutable_marker()->set_frame(10);
    marker.mutable_marker()->set_color("Green");
    marker.mutable_marker()->set_name("sync");
    marker.mutable_marker()->set_duration(1);
    marker.mutable_marker()->set_custom_data("take 3");
    c.Ok("AddMarker", &Stub::AddMarker, marker);
    v1::ListMarkersRequest list_markers;
    *list_markers.mutable_owner() = marker.owner();
    EXPECT_EQ(c.Ok("ListMarkers", &Stub::ListMarkers, list_markers).markers(0).custom_data(), "take 3");
    v1::DeleteMarkerRequest del_marker;
    *del_marker.mutable_owner() = marker.owner();
    del_marker.set_frame(10);
    c.Ok("DeleteMarker", &Stub::DeleteMarker, del_marker);
    v1::SetTimecodeRequest set_tc;
    set_tc.set_timeline_id(timeline.id());
    set_tc.set_timecode("01:00:02:00");
    c.Ok("SetTimecode", &Stub::SetTimecode, set_tc);
    v1::GetTimecodeRequest get_tc;
    get_tc.set_timeline_id(timeline.id());
    EXPECT_EQ(c.Ok("GetTimecode", &Stub::GetTimecode, get_tc).timecode(), "01:00:02:00");
    v1::DuplicateTimelineRequest duplicate;
    duplicate.set_timeline_id(timeline.id());
    duplicate.set_name("Cut 2");
    const auto copy = c.Ok("DuplicateTimeline", &Stub::DuplicateTimeline, duplicate).timeline();
    EXPECT_EQ(copy.end_frame(), timeline.end_frame() + 48);
    v1::SetCurrentTimelineRequest set_current;
    set_current.set_timeline_id(timeline.id());
    EXPECT_TRUE(c.Ok("SetCurrentTimeline", &Stub::SetCurrentTimeline, set_current).timeline().is_current());
    for (const auto& [format, kind] :
         {std::pair{v1::EXPORT_FORMAT_OTIO, "otio"}, std::pair{v1::EXPORT_FORMAT_EDL, "edl"}}) {
        v1::ExportTimelineRequest exp;
        exp.set_timeline_id(timeline.id());
        exp.set_format(format);
        exp.set_path((media_ / (std::string("cut1.") + kind)).string());
        EXPECT_GT(c.Ok("ExportTimeline", &Stub::ExportTimeline, exp).size_bytes(), 0);
        EXPECT_EQ(CheckExport(kind, exp.path()), 0) << kind;
    }

    // items
    v1::GetItemRequest get_item;
    get_item.set_item_id(items[0].id());
    EXPECT_EQ(c.Ok("GetItem", &Stub::GetItem, get_item).properties().at("Opacity"), 100);
    v1::SetItemTransformRequest transform;
    transform.set_item_id(items[0].id());
    transform.set_pan(10);
    EXPECT_EQ(c.Ok("SetItemTransform", &Stub::SetItemTransform, transform).properties().at("Pan"), 10);
    v1::SetItemCropRequest crop;
    crop.set_item_id(items[0].id());
    crop.set_crop_left(4);
    EXPECT_EQ(c.Ok("SetItemCrop", &Stub::SetItemCrop, crop).properties().at("CropLeft"), 4);
    v1::SetItemCompositeRequest composite;
    composite.set_item_id(items[0].id());
    composite.set_opacity(50);
    EXPECT_EQ(c.Ok("SetItemComposite", &Stub::SetItemComposite, composite).properties().at("Opacity"), 50);
    v1::SetItemRetimeRequest retime;
    retime.set_item_id(items[0].id());
    retime.set_retime_process(3);
    EXPECT_EQ(c.Ok("SetItemRetime", &Stub::SetItemRetime, retime).properties().at("RetimeProcess"), 3);
    v1::ResetItemPropertiesRequest reset;
    reset.set_item_id(items[1].id());
    EXPECT_EQ(c.Ok("ResetItemProperties", &Stub::ResetItemProperties, reset).properties().at("ZoomX"), 1);
    v1::SetItemEnabledRequest enabled;
    enabled.set_item_id(items[1].id());
    enabled.set_enabled(false);
    c.Ok("SetItemEnabled", &Stub::SetItemEnabled, enabled);

    // color
    v1::ApplyLutRequest lut;
    lut.set_item_id(items[0].id());
    lut.set_node_index(1);
    lut.set_lut_path((media_ / "lut.cube").string());
    c.Ok("ApplyLut", &Stub::ApplyLut, lut);
    v1::SetCdlRequest cdl;
    cdl.set_item_id(items[0].id());
    cdl.set_node_index(1);
    for (int i = 0; i < 3; ++i) {
        cdl.add_slope(1.1);
        cdl.add_offset(0);
        cdl.add_power(0.9);
    }
    cdl.set_saturation(1);
    c.Ok("SetCdl", &Stub::SetCdl, cdl);
    v1::CopyGradeRequest copy_grade;
    copy_grade.set_source_item_id(items[0].id());
    copy_grade.add_target_item_ids(items[1].id());
    c.Ok("CopyGrade", &Stub::CopyGrade, copy_grade);
    v1::GrabStillRequest grab;
    grab.set_timeline_id(timeline.id());
    EXPECT_EQ(c.Ok("GrabStill", &Stub::GrabStill, grab).still().label(), "01:00:02:00");
    EXPECT_EQ(c.Ok("ListStills", &Stub::ListStills, v1::ListStillsRequest()).stills_size(), 1);

    // render
    EXPECT_EQ(c.Ok("ListRenderFormats", &Stub::ListRenderFormats, v1::ListRenderFormatsRequest()).formats().at("mov"),
              "mov");
    v1::ListRenderCodecsRequest codecs;
    codecs.set_format("mov");
    EXPECT_EQ(c.Ok("ListRenderCodecs", &Stub::ListRenderCodecs, codecs).codecs().at("H.265"), "H265");
    v1::SetRenderFormatAndCodecRequest format;
    format.set_format("mov");
    format.set_codec("ProRes422HQ");
    c.Ok("SetRenderFormatAndCodec", &Stub::SetRenderFormatAndCodec, format);
    v1::SaveRenderPresetRequest save_preset;
    save_preset.set_name("HQ");
    c.Ok("SaveRenderPreset", &Stub::SaveRenderPreset, save_preset);
    EXPECT_GE(c.Ok("ListRenderPresets", &Stub::ListRenderPresets, v1::ListRenderPresetsRequest()).presets_size(), 4);
    v1::LoadRenderPresetRequest load_preset;
    load_preset.set_name("HQ");
    c.Ok("LoadRenderPreset", &Stub::LoadRenderPreset, load_preset);
    v1::SetRenderSettingsRequest render_settings;
    render_settings.set_target_dir((media_ / "renders").string());
    render_settings.set_custom_name("spot_v1");
    c.Ok("SetRenderSettings", &Stub::SetRenderSettings, render_settings);
    const auto doomed = c.Ok("AddRenderJob", &Stub::AddRenderJob, v1::AddRenderJobRequest()).job();
    v1::DeleteRenderJobRequest delete_job;
    delete_job.set_job_id(doomed.job_id());
    c.Ok("DeleteRenderJob", &Stub::DeleteRenderJob, delete_job);
    const auto job = c.Ok("AddRenderJob", &Stub::AddRenderJob, v1::AddRenderJobRequest()).job();
    EXPECT_EQ(job.codec(), "ProRes422HQ");
    EXPECT_EQ(c.Ok("ListRenderJobs", &Stub::ListRenderJobs, v1::ListRenderJobsRequest()).jobs_size(), 1);
    v1::StartRenderRequest start;
    start.add_job_ids(job.job_id());
    c.Ok("StartRender", &Stub::StartRender, start);
    {
        c.called().insert("WatchRender");
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
        v1::WatchRenderRequest watch;
        watch.add_job_ids(job.job_id());
        watch.set_interval_ms(50);
        auto reader = c.stub().WatchRender(&context, watch);
        v1::RenderProgress progress;
        int updates = 0;
        v1::RenderState last = v1::RENDER_STATE_UNSPECIFIED;
        while (reader->Read(&progress)) {
            ++updates;
            last = progress.job().state();
        }
        EXPECT_TRUE(reader->Finish().ok());
        EXPECT_GE(updates, 1);
        EXPECT_EQ(last, v1::RENDER_STATE_COMPLETE);
    }
    v1::GetRenderStatusRequest render_status;
    render_status.set_job_id(job.job_id());
    const auto done = c.Ok("GetRenderStatus", &Stub::GetRenderStatus, render_status).job();
    EXPECT_EQ(done.completion_percentage(), 100);
    EXPECT_TRUE(fs::exists(done.output_filename() + ".manifest.json")) << done.output_filename();
    c.Ok("StopRender", &Stub::StopRender, v1::StopRenderRequest());
    c.Ok("ClearRenderQueue", &Stub::ClearRenderQueue, v1::ClearRenderQueueRequest());

    // takes, versions, Fusion compositions
    v1::AddTakeRequest add_take;
    add_take.set_item_id(items[0].id());
    add_take.set_clip_id(clips[1].id());
    add_take.set_end_frame(240);
    EXPECT_EQ(c.Ok("AddTake", &Stub::AddTake, add_take).take().index(), 2);
    v1::SelectTakeRequest select_take;
    select_take.set_item_id(items[0].id());
    select_take.set_index(2);
    c.Ok("SelectTake", &Stub::SelectTake, select_take);
    v1::ListTakesRequest list_takes;
    list_takes.set_item_id(items[0].id());
    const auto takes = c.Ok("ListTakes", &Stub::ListTakes, list_takes);
    EXPECT_EQ(takes.takes_size(), 2);
    EXPECT_EQ(takes.selected_index(), 2);
    v1::AddVersionRequest add_version;
    add_version.set_item_id(items[0].id());
    add_version.set_name("warm");
    c.Ok("AddVersion", &Stub::AddVersion, add_version);
    v1::LoadVersionRequest load_version;
    load_version.set_item_id(items[0].id());
    load_version.set_name("Version 1");
    c.Ok("LoadVersion", &Stub::LoadVersion, load_version);
    v1::ListVersionsRequest list_versions;
    list_versions.set_item_id(items[0].id());
    const auto versions = c.Ok("ListVersions", &Stub::ListVersions, list_versions);
    EXPECT_EQ(versions.names_size(), 2);
    EXPECT_EQ(versions.current(), "Version 1");
    v1::AddFusionCompRequest add_comp;
    add_comp.set_item_id(items[0].id());
    EXPECT_EQ(c.Ok("AddFusionComp", &Stub::AddFusionComp, add_comp).name(), "Composition 1");
    v1::ListFusionCompsRequest list_comps;
    list_comps.set_item_id(items[0].id());
    EXPECT_EQ(c.Ok("ListFusionComps", &Stub::ListFusionComps, list_comps).names_size(), 1);

    // color groups, albums, LUT export
    v1::CreateColorGroupRequest create_group;
    create_group.set_name("Exteriors");
    c.Ok("CreateColorGroup", &Stub::CreateColorGroup, create_group);
    v1::AssignColorGroupRequest assign_group;
    assign_group.set_item_id(items[0].id());
    assign_group.set_group_name("Exteriors");
    c.Ok("AssignColorGroup", &Stub::AssignColorGroup, assign_group);
    EXPECT_EQ(c.Ok("ListColorGroups", &Stub::ListColorGroups, v1::ListColorGroupsRequest()).names(0), "Exteriors");
    v1::CreateAlbumRequest create_album;
    create_album.set_name("Looks");
    c.Ok("CreateAlbum", &Stub::CreateAlbum, create_album);
    const auto albums = c.Ok("ListAlbums", &Stub::ListAlbums, v1::ListAlbumsRequest());
    EXPECT_EQ(albums.albums_size(), 2);
    EXPECT_EQ(albums.current(), "Looks");
    v1::ExportLutRequest export_lut;
    export_lut.set_item_id(items[1].id());  // graded by CopyGrade above, without a LUT node: CDL only
    export_lut.set_type(v1::LUT_EXPORT_TYPE_CUBE_17);
    export_lut.set_path((media_ / "grade.cube").string());
    v1::ExportLutResponse lut_response;
    const auto lut_status = c.Call("ExportLut", &Stub::ExportLut, export_lut, &lut_response);
    EXPECT_EQ(lut_status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);  // it carries the copied LUT too
    EXPECT_NE(lut_status.error_message().find("LUT on a node"), std::string::npos) << lut_status.error_message();

    // media: unlink, replace; timeline import from the OTIO exported above
    v1::UnlinkClipsRequest unlink;
    unlink.add_clip_ids(clips[0].id());
    c.Ok("UnlinkClips", &Stub::UnlinkClips, unlink);
    EXPECT_EQ(c.Ok("GetClipProperties", &Stub::GetClipProperties, props).properties().at("Online Status"), "Offline");
    v1::ReplaceClipRequest replace;
    replace.set_clip_id(clips[0].id());
    replace.set_file_path(Media("a_v2.mov"));
    c.Ok("ReplaceClip", &Stub::ReplaceClip, replace);
    EXPECT_EQ(c.Ok("GetClipProperties", &Stub::GetClipProperties, props).properties().at("File Path"),
              replace.file_path());
    v1::ImportTimelineRequest import_timeline;
    import_timeline.set_path((media_ / "cut1.otio").string());
    import_timeline.set_name("Cut 1 (from OTIO)");
    const auto imported = c.Ok("ImportTimeline", &Stub::ImportTimeline, import_timeline).timeline();
    EXPECT_EQ(imported.start_frame(), timeline.start_frame());
    EXPECT_EQ(imported.end_frame(), timeline.end_frame() + 48);

    // media analysis needs a real Resolve: the simulator says so
    v1::TranscribeAudioRequest transcribe;
    transcribe.set_clip_id(clips[0].id());
    v1::TranscribeAudioResponse transcribed;
    const auto transcribe_status = c.Call("TranscribeAudio", &Stub::TranscribeAudio, transcribe, &transcribed);
    EXPECT_EQ(transcribe_status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
    EXPECT_NE(transcribe_status.error_message().find("real DaVinci Resolve Studio"), std::string::npos);
    v1::ClearTranscriptionRequest clear;
    clear.set_clip_id(clips[0].id());
    v1::ClearTranscriptionResponse cleared;
    EXPECT_EQ(c.Call("ClearTranscription", &Stub::ClearTranscription, clear, &cleared).error_code(),
              grpc::StatusCode::UNIMPLEMENTED);
    v1::AutoSyncAudioRequest sync;
    sync.add_clip_ids(clips[0].id());
    sync.add_clip_ids(clips[1].id());
    v1::AutoSyncAudioResponse synced;
    EXPECT_EQ(c.Call("AutoSyncAudio", &Stub::AutoSyncAudio, sync, &synced).error_code(),
              grpc::StatusCode::UNIMPLEMENTED);

    // clean-up calls
    v1::DeleteTimelinesRequest del_timelines;
    del_timelines.add_timeline_ids(copy.id());
    c.Ok("DeleteTimelines", &Stub::DeleteTimelines, del_timelines);
    v1::DeleteClipsRequest del_clips;
    del_clips.add_clip_ids(clips[1].id());
    c.Ok("DeleteClips", &Stub::DeleteClips, del_clips);
    v1::DeleteBinsRequest del_bins;
    del_bins.add_bin_ids(trash.id());
    c.Ok("DeleteBins", &Stub::DeleteBins, del_bins);
    c.Ok("CloseProject", &Stub::CloseProject, v1::CloseProjectRequest());

    const auto* service = ResolveService();
    ASSERT_NE(service, nullptr);
    for (int i = 0; i < service->method_count(); ++i) {
        EXPECT_TRUE(c.called().count(service->method(i)->name())) << service->method(i)->name() << " was not exercised";
    }
}

TEST_F(SimE2eTest, BadInputIsInvalidArgumentNamingTheField) {
    v1::CreateProjectResponse response;
    const auto status = client_->Call("CreateProject", &Stub::CreateProject, v1::CreateProjectRequest(), &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(status.error_message(), "name is required");
    v1::OpenPageRequest page;
    page.set_page("nowhere");
    v1::OpenPageResponse page_response;
    EXPECT_EQ(client_->Call("OpenPage", &Stub::OpenPage, page, &page_response).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(SimE2eTest, UnknownIdsAreNotFoundAndClashesAlreadyExists) {
    v1::ListTracksRequest tracks;
    tracks.set_timeline_id("no-such-timeline");
    v1::ListTracksResponse tracks_response;
    const auto missing = client_->Call("ListTracks", &Stub::ListTracks, tracks, &tracks_response);
    EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_NE(missing.error_message().find("no-such-timeline"), std::string::npos);
    v1::CreateProjectRequest create;
    create.set_name("Untitled Project");
    v1::CreateProjectResponse response;
    EXPECT_EQ(client_->Call("CreateProject", &Stub::CreateProject, create, &response).error_code(),
              grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(SimE2eTest, StateSurvivesARestartOfTheService) {
    v1::CreateProjectRequest create;
    create.set_name("Persisted");
    client_->Ok("CreateProject", &Stub::CreateProject, create);
    const auto data_dir = bridge_->data_dir();
    client_.reset();  // an idle open channel makes the common drain wait its whole drain_timeout_ms (5 s)
    ASSERT_EQ(bridge_->Stop(SIGTERM, std::chrono::milliseconds(6000)), std::optional<int>(0)) << bridge_->Logs();
    gantry::testing::ServiceProcess again(
        {std::string(GANTRY_BIN_DIR) + "/resolve-bridge", {"--backend", "sim", "--data-dir", data_dir}});
    ASSERT_TRUE(again.ok()) << again.error();
    BridgeClient client(again.endpoint("grpc"));
    EXPECT_EQ(client.Ok("GetCurrentProject", &Stub::GetCurrentProject, v1::GetCurrentProjectRequest()).project().name(),
              "Persisted");
}

}  // namespace
}  // namespace gantry::resolve

namespace gantry::resolve {
namespace {

TEST(ResolveConfigTest, TheDevConfigSelectsTheSimulatorAndUnknownBackendsAreRejected) {
    const auto binary = std::string(GANTRY_BIN_DIR) + "/resolve-bridge";
    const auto [ok_code, ok_out] = gantry::testing::ServiceProcess::RunToCompletion(
        binary, {"--config", SourcePath("deploy/config/dev/resolve-bridge.yaml"), "--check-config"});
    EXPECT_EQ(ok_code, 0) << ok_out;
    const auto [bad_code, bad_out] =
        gantry::testing::ServiceProcess::RunToCompletion(binary, {"--backend", "simulator", "--check-config"});
    EXPECT_EQ(bad_code, 2);
    EXPECT_NE(bad_out.find("unknown backend 'simulator': use auto, embedded, python-worker or sim"), std::string::npos)
        << bad_out;
}

}  // namespace
}  // namespace gantry::resolve
