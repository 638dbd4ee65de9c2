// The python-worker and embedded backends end to end: resolve-bridge runs the real gantry_resolve_ops code over a
// test double of DaVinciResolveScript (fake_resolve/), so everything but Resolve itself is real.
#include <filesystem>
#include <fstream>

#include "resolve_client.hpp"

namespace gantry::resolve {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::map<std::string, std::string> FakeEnv(std::map<std::string, std::string> extra = {}) {
    extra["RESOLVE_SCRIPT_API"] = FakeResolveApi();
    extra["RESOLVE_SCRIPT_LIB"] = "/nonexistent/fusionscript.so";
    return extra;
}

class PythonBackendTest : public ::testing::TestWithParam<std::string> {
protected:
    void Start(std::map<std::string, std::string> env = FakeEnv()) {
        bridge_ = StartBridge(GetParam(), std::move(env));
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
    std::unique_ptr<gantry::testing::ServiceProcess> bridge_;
    std::unique_ptr<BridgeClient> client_;
    fs::path media_;
};

TEST_P(PythonBackendTest, AnEditingSessionRunsThroughTheRealPythonPath) {
    Start();
    auto& c = *client_;
    const auto status = c.Ok("GetStatus", &Stub::GetStatus, v1::GetStatusRequest());
    EXPECT_EQ(status.backend(), GetParam());
    EXPECT_TRUE(status.available());
    EXPECT_EQ(status.product(), "DaVinci Resolve Studio (fake)");
    EXPECT_EQ(c.Ok("GetVersion", &Stub::GetVersion, v1::GetVersionRequest()).major(), 20);

    v1::CreateProjectRequest create;
    create.set_name("Spot");
    EXPECT_TRUE(c.Ok("CreateProject", &Stub::CreateProject, create).project().is_current());
    v1::CreateProjectResponse again;
    const auto clash = c.Call("CreateProject", &Stub::CreateProject, create, &again);
    EXPECT_EQ(clash.error_code(), grpc::StatusCode::ALREADY_EXISTS);
    EXPECT_EQ(clash.error_message(), "a project named 'Spot' already exists");

    v1::ImportMediaRequest import;
    import.add_paths(Media("a.mov"));
    const auto clip = c.Ok("ImportMedia", &Stub::ImportMedia, import).clips(0);
    EXPECT_EQ(clip.frames(), 100);
    v1::CreateTimelineRequest create_timeline;
    create_timeline.set_name("Cut 1");
    const auto timeline = c.Ok("CreateTimeline", &Stub::CreateTimeline, create_timeline).timeline();
    v1::AppendClipsRequest append;
    auto* placement = append.add_clips();
    placement->set_clip_id(clip.id());
    placement->set_start_frame(10);
    placement->set_end_frame(34);
    const auto item = c.Ok("AppendClips", &Stub::AppendClips, append).items(0);
    EXPECT_EQ(item.start(), 86400);
    EXPECT_EQ(item.end(), 86424);
    EXPECT_EQ(item.source_start(), 10);
    EXPECT_EQ(item.source_end(), 34);
    placement->set_end_frame(101);
    v1::AppendClipsResponse past;
    EXPECT_EQ(c.Call("AppendClips", &Stub::AppendClips, append, &past).error_code(), grpc::StatusCode::OUT_OF_RANGE);

    v1::AddMarkerRequest marker;
    marker.mutable_owner()->set_timeline_id(timeline.id());
    marker.mutable_marker()->set_frame(3);
    marker.mutable_marker()->set_color("Red");
    marker.mutable_marker()->set_duration(2);
    marker.mutable_marker()->set_custom_data("note-7");
    c.Ok("AddMarker", &Stub::AddMarker, marker);
    v1::ListMarkersRequest markers;
    *markers.mutable_owner() = marker.owner();
    EXPECT_EQ(c.Ok("ListMarkers", &Stub::ListMarkers, markers).markers(0).custom_data(), "note-7");

    v1::SetItemTransformRequest transform;
    transform.set_item_id(item.id());
    transform.set_zoom_x(1.25);
    EXPECT_EQ(c.Ok("SetItemTransform", &Stub::SetItemTransform, transform).properties().at("ZoomX"), 1.25);
    v1::ResetItemPropertiesRequest reset;
    reset.set_item_id(item.id());
    EXPECT_EQ(c.Ok("ResetItemProperties", &Stub::ResetItemProperties, reset).properties().at("ZoomX"), 1);
    v1::ApplyLutRequest lut;
    lut.set_item_id(item.id());
    lut.set_node_index(2);
    lut.set_lut_path("/luts/look.cube");
    v1::ApplyLutResponse lut_response;
    const auto no_node = c.Call("ApplyLut", &Stub::ApplyLut, lut, &lut_response);
    EXPECT_EQ(no_node.error_code(), grpc::StatusCode::OUT_OF_RANGE);
    EXPECT_NE(no_node.error_message().find("nodes cannot be added"), std::string::npos);

    v1::SetRenderSettingsRequest settings;
    settings.set_target_dir((media_ / "out").string());
    c.Ok("SetRenderSettings", &Stub::SetRenderSettings, settings);
    const auto job = c.Ok("AddRenderJob", &Stub::AddRenderJob, v1::AddRenderJobRequest()).job();
    EXPECT_EQ(job.mark_out() - job.mark_in(), 24);
    c.Ok("StartRender", &Stub::StartRender, v1::StartRenderRequest());
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    v1::WatchRenderRequest watch;
    watch.set_interval_ms(50);
    auto reader = c.stub().WatchRender(&context, watch);
    v1::RenderProgress progress;
    v1::RenderState last = v1::RENDER_STATE_UNSPECIFIED;
    while (reader->Read(&progress)) last = progress.job().state();
    EXPECT_TRUE(reader->Finish().ok());
    EXPECT_EQ(last, v1::RENDER_STATE_COMPLETE);

    v1::ExportTimelineRequest exp;
    exp.set_timeline_id(timeline.id());
    exp.set_format(v1::EXPORT_FORMAT_AAF);
    exp.set_path((media_ / "cut.aaf").string());
    EXPECT_GT(c.Ok("ExportTimeline", &Stub::ExportTimeline, exp).size_bytes(), 0);  // AAF goes through Resolve
}

TEST_P(PythonBackendTest, ResolveNotAnsweringIsUnavailableWithTheFix) {
    Start(FakeEnv({{"FAKE_RESOLVE_DOWN", "1"}}));
    const auto status = client_->Ok("GetStatus", &Stub::GetStatus, v1::GetStatusRequest());
    EXPECT_FALSE(status.available());
    EXPECT_EQ(status.backend(), "");
    EXPECT_NE(status.reason().find("External scripting using: Local"), std::string::npos) << status.reason();
    v1::GetVersionResponse version;
    const auto call = client_->Call("GetVersion", &Stub::GetVersion, v1::GetVersionRequest(), &version);
    EXPECT_EQ(call.error_code(), grpc::StatusCode::UNAVAILABLE);
    EXPECT_NE(call.error_message().find("Studio"), std::string::npos) << call.error_message();
}

TEST_P(PythonBackendTest, AMissingScriptingModuleSaysWhereItLooked) {
    Start({{"RESOLVE_SCRIPT_API", "/nonexistent/Scripting"}});
    v1::GetVersionResponse version;
    const auto call = client_->Call("GetVersion", &Stub::GetVersion, v1::GetVersionRequest(), &version);
    EXPECT_EQ(call.error_code(), grpc::StatusCode::UNAVAILABLE);
    EXPECT_NE(call.error_message().find("cannot import DaVinciResolveScript from /nonexistent/Scripting/Modules"),
              std::string::npos)
        << call.error_message();
}

TEST_P(PythonBackendTest, TakesVersionsColorGroupsAlbumsAndImportGoThroughResolvesCalls) {
    Start();
    auto& c = *client_;
    v1::ImportMediaRequest import;
    import.add_paths(Media("a.mov"));
    import.add_paths(Media("b.mov"));
    const auto clips = c.Ok("ImportMedia", &Stub::ImportMedia, import).clips();
    v1::CreateTimelineRequest create;
    create.set_name("Cut");
    create.add_clip_ids(clips[0].id());
    const auto timeline = c.Ok("CreateTimeline", &Stub::CreateTimeline, create).timeline();
    v1::ListItemsRequest list;
    list.set_timeline_id(timeline.id());
    list.set_type(v1::TRACK_TYPE_VIDEO);
    list.set_index(1);
    const auto item = c.Ok("ListItems", &Stub::ListItems, list).items(0).id();

    v1::AddTakeRequest take;
    take.set_item_id(item);
    take.set_clip_id(clips[1].id());
    EXPECT_EQ(c.Ok("AddTake", &Stub::AddTake, take).take().clip_id(), clips[1].id());
    v1::SelectTakeRequest select;
    select.set_item_id(item);
    select.set_index(2);
    c.Ok("SelectTake", &Stub::SelectTake, select);
    v1::ListTakesRequest takes;
    takes.set_item_id(item);
    EXPECT_EQ(c.Ok("ListTakes", &Stub::ListTakes, takes).selected_index(), 2);

    v1::AddVersionRequest version;
    version.set_item_id(item);
    version.set_name("warm");
    c.Ok("AddVersion", &Stub::AddVersion, version);
    v1::AddVersionResponse again;
    EXPECT_EQ(c.Call("AddVersion", &Stub::AddVersion, version, &again).error_code(), grpc::StatusCode::ALREADY_EXISTS);
    v1::ListVersionsRequest versions;
    versions.set_item_id(item);
    EXPECT_EQ(c.Ok("ListVersions", &Stub::ListVersions, versions).current(), "warm");
    v1::AddFusionCompRequest comp;
    comp.set_item_id(item);
    EXPECT_EQ(c.Ok("AddFusionComp", &Stub::AddFusionComp, comp).name(), "Composition 1");

    v1::CreateColorGroupRequest group;
    group.set_name("Night");
    c.Ok("CreateColorGroup", &Stub::CreateColorGroup, group);
    v1::AssignColorGroupRequest assign;
    assign.set_item_id(item);
    assign.set_group_name("Day");
    v1::AssignColorGroupResponse assigned;
    EXPECT_EQ(c.Call("AssignColorGroup", &Stub::AssignColorGroup, assign, &assigned).error_code(),
              grpc::StatusCode::NOT_FOUND);
    assign.set_group_name("Night");
    c.Ok("AssignColorGroup", &Stub::AssignColorGroup, assign);
    v1::CreateAlbumRequest album;
    album.set_name("Looks");
    c.Ok("CreateAlbum", &Stub::CreateAlbum, album);
    EXPECT_EQ(c.Ok("ListAlbums", &Stub::ListAlbums, v1::ListAlbumsRequest()).current(), "Looks");
    v1::ExportLutRequest lut;
    lut.set_item_id(item);
    lut.set_type(v1::LUT_EXPORT_TYPE_CUBE_33);
    lut.set_path((media_ / "look.cube").string());
    c.Ok("ExportLut", &Stub::ExportLut, lut);
    EXPECT_TRUE(fs::exists(lut.path()));

    v1::UnlinkClipsRequest unlink;
    unlink.add_clip_ids(clips[0].id());
    c.Ok("UnlinkClips", &Stub::UnlinkClips, unlink);
    v1::ReplaceClipRequest replace;
    replace.set_clip_id(clips[0].id());
    replace.set_file_path(Media("a2.mov"));
    c.Ok("ReplaceClip", &Stub::ReplaceClip, replace);

    v1::TranscribeAudioRequest transcribe;
    transcribe.set_clip_id(clips[0].id());
    c.Ok("TranscribeAudio", &Stub::TranscribeAudio, transcribe);
    v1::ClearTranscriptionRequest clear;
    clear.set_clip_id(clips[0].id());
    c.Ok("ClearTranscription", &Stub::ClearTranscription, clear);
    v1::AutoSyncAudioRequest sync;
    sync.add_clip_ids(clips[0].id());
    v1::AutoSyncAudioResponse synced;
    EXPECT_EQ(c.Call("AutoSyncAudio", &Stub::AutoSyncAudio, sync, &synced).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
    sync.add_clip_ids(clips[1].id());
    sync.set_by_timecode(true);
    c.Ok("AutoSyncAudio", &Stub::AutoSyncAudio, sync);

    v1::ExportTimelineRequest exp;
    exp.set_timeline_id(timeline.id());
    exp.set_format(v1::EXPORT_FORMAT_OTIO);
    exp.set_path((media_ / "cut.otio").string());
    c.Ok("ExportTimeline", &Stub::ExportTimeline, exp);
    v1::ImportTimelineRequest import_timeline;
    import_timeline.set_path(exp.path());
    import_timeline.set_name("Cut imported");
    EXPECT_EQ(c.Ok("ImportTimeline", &Stub::ImportTimeline, import_timeline).timeline().name(), "Cut imported");
}

INSTANTIATE_TEST_SUITE_P(Backends, PythonBackendTest, ::testing::Values("python-worker", "embedded"),
                         [](const auto& info) {
                             return info.param == "embedded" ? std::string("Embedded") : "Worker";
                         });

TEST(AutoBackendE2eTest, PrefersEmbedded) {
    auto bridge = StartBridge("auto", FakeEnv());
    ASSERT_TRUE(bridge->ok()) << bridge->error();
    BridgeClient client(bridge->endpoint("grpc"));
    const auto status = client.Ok("GetStatus", &Stub::GetStatus, v1::GetStatusRequest());
    EXPECT_EQ(status.configured_backend(), "auto");
    EXPECT_EQ(status.backend(), "embedded");
}

TEST(AutoBackendE2eTest, WithoutResolveItIsUnavailableAndNeverTheSimulator) {
    auto bridge = StartBridge("auto", FakeEnv({{"FAKE_RESOLVE_DOWN", "1"}}));
    ASSERT_TRUE(bridge->ok()) << bridge->error();
    BridgeClient client(bridge->endpoint("grpc"));
    v1::ListProjectsResponse projects;
    const auto call = client.Call("ListProjects", &Stub::ListProjects, v1::ListProjectsRequest(), &projects);
    EXPECT_EQ(call.error_code(), grpc::StatusCode::UNAVAILABLE);
    EXPECT_NE(call.error_message().find("embedded:"), std::string::npos) << call.error_message();
    EXPECT_NE(call.error_message().find("python-worker:"), std::string::npos) << call.error_message();
    EXPECT_EQ(projects.projects_size(), 0);
    const auto status = client.Ok("GetStatus", &Stub::GetStatus, v1::GetStatusRequest());
    EXPECT_FALSE(status.available());
    EXPECT_NE(status.backend(), "sim");
}

TEST(WorkerE2eTest, ACrashFailsTheCallInFlightAndTheNextCallGetsAFreshWorker) {
    auto bridge = StartBridge("python-worker", FakeEnv());
    ASSERT_TRUE(bridge->ok()) << bridge->error();
    BridgeClient client(bridge->endpoint("grpc"));
    const auto before = client.Ok("GetStatus", &Stub::GetStatus, v1::GetStatusRequest()).reason();
    v1::CreateProjectRequest crash;
    crash.set_name("fake:crash");
    v1::CreateProjectResponse response;
    const auto call = client.Call("CreateProject", &Stub::CreateProject, crash, &response);
    EXPECT_EQ(call.error_code(), grpc::StatusCode::UNAVAILABLE);
    EXPECT_NE(call.error_message().find("the Python worker died during CreateProject (exit code 3)"), std::string::npos)
        << call.error_message();
    EXPECT_EQ(client.Ok("GetVersion", &Stub::GetVersion, v1::GetVersionRequest()).major(), 20);
    const auto after = client.Ok("GetStatus", &Stub::GetStatus, v1::GetStatusRequest()).reason();
    EXPECT_NE(before, after) << "the worker's pid should have changed";
    EXPECT_NE(bridge->Logs().find("died during CreateProject"), std::string::npos);
}

TEST(WorkerE2eTest, AHungCallIsStoppedByTheWatchdog) {
    auto bridge = StartBridge("python-worker", FakeEnv({{"GANTRY_RESOLVE_BRIDGE_RESOLVE_CALL_TIMEOUT_MS", "1000"}}));
    ASSERT_TRUE(bridge->ok()) << bridge->error();
    BridgeClient client(bridge->endpoint("grpc"));
    client.Ok("GetVersion", &Stub::GetVersion, v1::GetVersionRequest());
    v1::CreateProjectRequest hang;
    hang.set_name("fake:hang");
    v1::CreateProjectResponse response;
    const auto started = std::chrono::steady_clock::now();
    const auto call = client.Call("CreateProject", &Stub::CreateProject, hang, &response);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 15s);  // bounded by the watchdog, not the hang
    EXPECT_EQ(call.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
    EXPECT_NE(call.error_message().find("did not answer CreateProject within 1000 ms"), std::string::npos)
        << call.error_message();
    v1::CreateProjectRequest next;
    next.set_name("After");
    EXPECT_EQ(client.Ok("CreateProject", &Stub::CreateProject, next).project().name(), "After");
}

}  // namespace
}  // namespace gantry::resolve
