// The simulator follows Resolve's rules: names clash, indices are 1-based, end frames exclusive, and a failed
// call changes nothing. Its state survives a restart, and a damaged state file is never overwritten.
#include "sim_fixture.hpp"

namespace gantry::resolve::sim {
namespace {

TEST_F(SimFixture, StartsWithTheUntitledProjectOpen) {
    auto current = Call<v1::GetCurrentProjectResponse>("GetCurrentProject", v1::GetCurrentProjectRequest());
    ASSERT_TRUE(current.ok());
    EXPECT_EQ(current->project().name(), "Untitled Project");
}

TEST_F(SimFixture, ProjectNamesClashAndTheOpenProjectCannotBeDeleted) {
    v1::CreateProjectRequest create;
    create.set_name("Film");
    ASSERT_TRUE(Call<v1::CreateProjectResponse>("CreateProject", create).ok());
    EXPECT_EQ(Call<v1::CreateProjectResponse>("CreateProject", create).status().code(), StatusCode::kAlreadyExists);
    v1::DeleteProjectRequest del;
    del.set_name("Film");
    EXPECT_EQ(Call<v1::DeleteProjectResponse>("DeleteProject", del).status().code(), StatusCode::kFailedPrecondition);
    ASSERT_TRUE(Call<v1::CloseProjectResponse>("CloseProject", v1::CloseProjectRequest()).ok());
    EXPECT_TRUE(Call<v1::DeleteProjectResponse>("DeleteProject", del).ok());
    EXPECT_EQ(Call<v1::DeleteProjectResponse>("DeleteProject", del).status().code(), StatusCode::kNotFound);
}

TEST_F(SimFixture, TimelineNamesClash) {
    NewTimeline("Edit");
    v1::CreateTimelineRequest again;
    again.set_name("Edit");
    const auto status = Call<v1::CreateTimelineResponse>("CreateTimeline", again).status();
    EXPECT_EQ(status.code(), StatusCode::kAlreadyExists);
    EXPECT_NE(status.message().find("'Edit'"), std::string::npos);
}

TEST_F(SimFixture, TimelinesStartAtOneHourAndEndFramesAreExclusive) {
    const auto clip = ImportOne("a.mov");
    const auto timeline = NewTimeline("Edit", {clip});
    EXPECT_EQ(timeline.start_frame(), 86400);
    EXPECT_EQ(timeline.start_timecode(), "01:00:00:00");
    EXPECT_EQ(timeline.end_frame(), 86400 + 240);  // 240 frames: 86400 .. 86639, end exclusive

    v1::AppendClipsRequest append;
    auto* placement = append.add_clips();
    placement->set_clip_id(clip);
    placement->set_start_frame(200);
    placement->set_end_frame(240);  // exactly the clip's end: allowed
    auto items = Call<v1::AppendClipsResponse>("AppendClips", append);
    ASSERT_TRUE(items.ok()) << items.status().ToString();
    ASSERT_EQ(items->items_size(), 2);  // linked video and audio
    EXPECT_EQ(items->items(0).start(), 86640);
    EXPECT_EQ(items->items(0).end(), 86680);
    EXPECT_EQ(items->items(0).duration(), 40);
    EXPECT_EQ(items->items(0).source_end(), 240);

    placement->set_end_frame(241);
    const auto past = Call<v1::AppendClipsResponse>("AppendClips", append);
    EXPECT_EQ(past.status().code(), StatusCode::kOutOfRange);
    EXPECT_NE(past.status().message().find("ends are exclusive"), std::string::npos);
}

TEST_F(SimFixture, TrackIndicesAreOneBased) {
    const auto timeline = NewTimeline("Edit");
    v1::ListItemsRequest list;
    list.set_timeline_id(timeline.id());
    list.set_type(v1::TRACK_TYPE_VIDEO);
    list.set_index(1);
    EXPECT_TRUE(Call<v1::ListItemsResponse>("ListItems", list).ok());
    list.set_index(2);
    const auto status = Call<v1::ListItemsResponse>("ListItems", list).status();
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(status.message().find("has 1 video track(s); index 2 is out of range (indices are 1-based)"),
              std::string::npos);
    v1::AddTrackRequest add;
    add.set_timeline_id(timeline.id());
    add.set_type(v1::TRACK_TYPE_VIDEO);
    auto track = Call<v1::AddTrackResponse>("AddTrack", add);
    ASSERT_TRUE(track.ok());
    EXPECT_EQ(track->track().index(), 2);
    EXPECT_EQ(track->track().name(), "Video 2");
    EXPECT_TRUE(Call<v1::ListItemsResponse>("ListItems", list).ok());
}

TEST_F(SimFixture, OverlapsAndLockedTracksAreRefusedAndChangeNothing) {
    const auto clip = ImportOne("a.mov");
    const auto timeline = NewTimeline("Edit", {clip});
    v1::AppendClipsRequest append;
    append.set_timeline_id(timeline.id());
    auto* ok = append.add_clips();
    ok->set_clip_id(clip);  // would land at the end: fine on its own
    auto* overlapping = append.add_clips();
    overlapping->set_clip_id(clip);
    overlapping->set_record_frame(86410);
    EXPECT_EQ(Call<v1::AppendClipsResponse>("AppendClips", append).status().code(), StatusCode::kFailedPrecondition);
    v1::ListItemsRequest list;
    list.set_timeline_id(timeline.id());
    list.set_type(v1::TRACK_TYPE_VIDEO);
    list.set_index(1);
    EXPECT_EQ(Call<v1::ListItemsResponse>("ListItems", list)->items_size(), 1);  // all or nothing

    v1::UpdateTrackRequest lock;
    lock.set_timeline_id(timeline.id());
    lock.set_type(v1::TRACK_TYPE_VIDEO);
    lock.set_index(1);
    lock.set_locked(true);
    ASSERT_TRUE(Call<v1::UpdateTrackResponse>("UpdateTrack", lock).ok());
    append.mutable_clips()->RemoveLast();
    const auto locked = Call<v1::AppendClipsResponse>("AppendClips", append).status();
    EXPECT_EQ(locked.code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(locked.message().find("locked"), std::string::npos);
}

TEST_F(SimFixture, OneMarkerPerFrameWithCustomData) {
    const auto timeline = NewTimeline("Edit");
    v1::AddMarkerRequest add;
    add.mutable_owner()->set_timeline_id(timeline.id());
    add.mutable_marker()->set_frame(12);
    add.mutable_marker()->set_color("Red");
    add.mutable_marker()->set_duration(3);
    add.mutable_marker()->set_custom_data("{\"shot\": 7}");
    ASSERT_TRUE(Call<v1::AddMarkerResponse>("AddMarker", add).ok());
    EXPECT_EQ(Call<v1::AddMarkerResponse>("AddMarker", add).status().code(), StatusCode::kAlreadyExists);
    v1::ListMarkersRequest list;
    *list.mutable_owner() = add.owner();
    auto markers = Call<v1::ListMarkersResponse>("ListMarkers", list);
    ASSERT_EQ(markers->markers_size(), 1);
    EXPECT_EQ(markers->markers(0).custom_data(), "{\"shot\": 7}");

    const auto clip = ImportOne("a.mov");
    add.mutable_owner()->set_clip_id(clip);
    add.mutable_marker()->set_frame(240);  // clips have 240 frames: 0..239
    EXPECT_EQ(Call<v1::AddMarkerResponse>("AddMarker", add).status().code(), StatusCode::kOutOfRange);
}

TEST_F(SimFixture, StateSurvivesARestart) {
    v1::CreateProjectRequest create;
    create.set_name("Kept");
    ASSERT_TRUE(Call<v1::CreateProjectResponse>("CreateProject", create).ok());
    const auto clip = ImportOne("a.mov");
    NewTimeline("Edit", {clip});
    Reopen();
    auto current = Call<v1::GetCurrentProjectResponse>("GetCurrentProject", v1::GetCurrentProjectRequest());
    EXPECT_EQ(current->project().name(), "Kept");
    auto timelines = Call<v1::ListTimelinesResponse>("ListTimelines", v1::ListTimelinesRequest());
    ASSERT_EQ(timelines->timelines_size(), 1);
    EXPECT_EQ(timelines->timelines(0).end_frame(), 86400 + 240);
}

TEST_F(SimFixture, ADamagedStateFileIsDataLossAndLeftUntouched) {
    ImportOne("a.mov");
    backend_.reset();
    const auto path = dir_ / "state" / "state.json";
    std::ofstream(path) << "{ not json";
    SimOptions options;
    options.state_dir = (dir_ / "state").string();
    const auto opened = SimBackend::Open(options);
    EXPECT_EQ(opened.status().code(), StatusCode::kDataLoss);
    EXPECT_NE(opened.status().message().find("left untouched"), std::string::npos);
    std::ifstream in(path);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(content, "{ not json");
    std::filesystem::remove(path);
    Reopen();
}

TEST_F(SimFixture, ImportRefusesMissingFilesAndSkipsDuplicates) {
    v1::ImportMediaRequest request;
    request.add_paths(Media("a.mov"));
    request.add_paths((dir_ / "media" / "missing.mov").string());
    const auto missing = Call<v1::ImportMediaResponse>("ImportMedia", request);
    EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
    EXPECT_NE(missing.status().message().find("missing.mov"), std::string::npos);
    EXPECT_EQ(Call<v1::ListClipsResponse>("ListClips", v1::ListClipsRequest())->clips_size(), 0);
    request.mutable_paths()->RemoveLast();
    ASSERT_TRUE(Call<v1::ImportMediaResponse>("ImportMedia", request).ok());
    EXPECT_EQ(Call<v1::ImportMediaResponse>("ImportMedia", request).status().code(), StatusCode::kAlreadyExists);
}

TEST_F(SimFixture, AudioFilesGoToAudioTracksOnly) {
    const auto clip = ImportOne("music.wav");
    NewTimeline("Edit", {clip});
    auto timelines = Call<v1::ListTimelinesResponse>("ListTimelines", v1::ListTimelinesRequest());
    v1::ListTracksRequest tracks;
    tracks.set_timeline_id(timelines->timelines(0).id());
    auto listed = Call<v1::ListTracksResponse>("ListTracks", tracks);
    ASSERT_EQ(listed->tracks_size(), 2);
    EXPECT_EQ(listed->tracks(0).item_count(), 0);  // video 1
    EXPECT_EQ(listed->tracks(1).item_count(), 1);  // audio 1
}

TEST_F(SimFixture, DeletingABinDeletesItsSubBinsAndClips) {
    v1::CreateBinRequest create;
    create.set_name("Dailies");
    auto bin = Call<v1::CreateBinResponse>("CreateBin", create);
    ASSERT_TRUE(bin.ok());
    create.set_parent_id(bin->bin().id());
    create.set_name("Day 1");
    auto sub = Call<v1::CreateBinResponse>("CreateBin", create);
    EXPECT_EQ(Call<v1::CreateBinResponse>("CreateBin", create).status().code(), StatusCode::kAlreadyExists);
    v1::ImportMediaRequest import;
    import.add_paths(Media("a.mov"));
    import.set_bin_id(sub->bin().id());
    ASSERT_TRUE(Call<v1::ImportMediaResponse>("ImportMedia", import).ok());
    v1::DeleteBinsRequest del;
    del.add_bin_ids(bin->bin().id());
    ASSERT_TRUE(Call<v1::DeleteBinsResponse>("DeleteBins", del).ok());
    EXPECT_EQ(Call<v1::ListBinsResponse>("ListBins", v1::ListBinsRequest())->bins_size(), 1);
    EXPECT_EQ(Call<v1::ListClipsResponse>("ListClips", v1::ListClipsRequest())->clips_size(), 0);
}

TEST_F(SimFixture, ItemPropertiesUseResolveNamesAndRanges) {
    const auto clip = ImportOne("a.mov");
    NewTimeline("Edit", {clip});
    auto timelines = Call<v1::ListTimelinesResponse>("ListTimelines", v1::ListTimelinesRequest());
    v1::ListItemsRequest list;
    list.set_timeline_id(timelines->timelines(0).id());
    list.set_type(v1::TRACK_TYPE_VIDEO);
    list.set_index(1);
    const auto item = Call<v1::ListItemsResponse>("ListItems", list)->items(0).id();
    v1::SetItemTransformRequest transform;
    transform.set_item_id(item);
    transform.set_zoom_x(1.5);
    transform.set_flip_y(true);
    auto set = Call<v1::SetItemPropertiesResponse>("SetItemTransform", transform);
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    EXPECT_EQ(set->properties().at("ZoomX"), 1.5);
    EXPECT_EQ(set->properties().at("FlipY"), 1);
    EXPECT_EQ(set->properties().at("ZoomY"), 1);
    v1::SetItemCompositeRequest composite;
    composite.set_item_id(item);
    composite.set_opacity(101);
    EXPECT_EQ(Call<v1::SetItemPropertiesResponse>("SetItemComposite", composite).status().code(),
              StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gantry::resolve::sim
