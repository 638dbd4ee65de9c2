// Takes, grade versions, LUT export and timeline import on the simulator.
#include <sstream>

#include "sim_fixture.hpp"

namespace gantry::resolve::sim {
namespace {

class SimItemsTest : public SimFixture {
protected:
    std::string FirstVideoItem(const v1::Timeline& timeline) {
        v1::ListItemsRequest list;
        list.set_timeline_id(timeline.id());
        list.set_type(v1::TRACK_TYPE_VIDEO);
        list.set_index(1);
        return Call<v1::ListItemsResponse>("ListItems", list)->items(0).id();
    }
};

TEST_F(SimItemsTest, TheFirstTakeIsTheItemsOwnClipAndSelectingATakeSwapsTheSource) {
    const auto a = ImportOne("a.mov");
    const auto b = ImportOne("b.mov");
    const auto item = FirstVideoItem(NewTimeline("Edit", {a}));
    v1::AddTakeRequest add;
    add.set_item_id(item);
    add.set_clip_id(b);
    add.set_start_frame(10);
    add.set_end_frame(250);
    EXPECT_EQ(Call<v1::AddTakeResponse>("AddTake", add).status().code(), StatusCode::kOutOfRange);
    add.set_end_frame(240);
    ASSERT_EQ(Call<v1::AddTakeResponse>("AddTake", add)->take().index(), 2);
    v1::SelectTakeRequest select;
    select.set_item_id(item);
    select.set_index(3);
    EXPECT_EQ(Call<v1::SelectTakeResponse>("SelectTake", select).status().code(), StatusCode::kOutOfRange);
    select.set_index(2);
    ASSERT_TRUE(Call<v1::SelectTakeResponse>("SelectTake", select).ok());
    v1::GetItemRequest get;
    get.set_item_id(item);
    const auto after = Call<v1::GetItemResponse>("GetItem", get)->item();
    EXPECT_EQ(after.clip_id(), b);
    EXPECT_EQ(after.source_start(), 10);
    EXPECT_EQ(after.duration(), 240);  // the item keeps its place and length on the timeline
}

TEST_F(SimItemsTest, VersionNamesClashAndLoadingAnUnknownOneIsNotFound) {
    const auto item = FirstVideoItem(NewTimeline("Edit", {ImportOne("a.mov")}));
    v1::AddVersionRequest add;
    add.set_item_id(item);
    add.set_name("Version 1");
    EXPECT_EQ(Call<v1::AddVersionResponse>("AddVersion", add).status().code(), StatusCode::kAlreadyExists);
    add.set_type(v1::VERSION_TYPE_REMOTE);
    ASSERT_TRUE(Call<v1::AddVersionResponse>("AddVersion", add).ok());  // remote names are their own namespace
    v1::LoadVersionRequest load;
    load.set_item_id(item);
    load.set_name("nope");
    EXPECT_EQ(Call<v1::LoadVersionResponse>("LoadVersion", load).status().code(), StatusCode::kNotFound);
}

TEST_F(SimItemsTest, ExportedLutsBakeTheCdl) {
    const auto item = FirstVideoItem(NewTimeline("Edit", {ImportOne("a.mov")}));
    v1::ExportLutRequest exp;
    exp.set_item_id(item);
    exp.set_type(v1::LUT_EXPORT_TYPE_CUBE_17);
    exp.set_path((dir_ / "identity.cube").string());
    ASSERT_TRUE(Call<v1::ExportLutResponse>("ExportLut", exp).ok());
    std::ifstream identity(exp.path());
    std::vector<std::string> lines;
    for (std::string line; std::getline(identity, line);) lines.push_back(line);
    ASSERT_EQ(lines.size(), 2u + 17 * 17 * 17);
    EXPECT_EQ(lines[1], "LUT_3D_SIZE 17");
    EXPECT_EQ(lines[2], "0.000000 0.000000 0.000000");
    EXPECT_EQ(lines[3], "0.062500 0.000000 0.000000");  // red varies fastest
    EXPECT_EQ(lines.back(), "1.000000 1.000000 1.000000");

    v1::SetCdlRequest cdl;
    cdl.set_item_id(item);
    cdl.set_node_index(1);
    for (double s : {0.5, 1.0, 1.0}) cdl.add_slope(s);
    for (int i = 0; i < 3; ++i) {
        cdl.add_offset(0);
        cdl.add_power(1);
    }
    cdl.set_saturation(1);
    ASSERT_TRUE(Call<v1::SetCdlResponse>("SetCdl", cdl).ok());
    exp.set_path((dir_ / "graded.cube").string());
    ASSERT_TRUE(Call<v1::ExportLutResponse>("ExportLut", exp).ok());
    std::ifstream graded(exp.path());
    std::string last;
    for (std::string line; std::getline(graded, line);) last = line;
    EXPECT_EQ(last, "0.500000 1.000000 1.000000");
    exp.set_type(v1::LUT_EXPORT_TYPE_PANASONIC_VLUT);
    EXPECT_EQ(Call<v1::ExportLutResponse>("ExportLut", exp).status().code(), StatusCode::kUnimplemented);
}

TEST_F(SimItemsTest, OtioExportImportsBackAsTheSameEdit) {
    const auto clip = ImportOne("a.mov");
    const auto timeline = NewTimeline("Edit", {clip});
    v1::AddMarkerRequest marker;
    marker.mutable_owner()->set_timeline_id(timeline.id());
    marker.mutable_marker()->set_frame(5);
    marker.mutable_marker()->set_color("Green");
    marker.mutable_marker()->set_duration(1);
    marker.mutable_marker()->set_custom_data("keep");
    ASSERT_TRUE(Call<v1::AddMarkerResponse>("AddMarker", marker).ok());
    v1::ExportTimelineRequest exp;
    exp.set_timeline_id(timeline.id());
    exp.set_format(v1::EXPORT_FORMAT_OTIO);
    exp.set_path((dir_ / "edit.otio").string());
    ASSERT_TRUE(Call<v1::ExportTimelineResponse>("ExportTimeline", exp).ok());

    v1::ImportTimelineRequest import;
    import.set_path(exp.path());
    EXPECT_EQ(Call<v1::ImportTimelineResponse>("ImportTimeline", import).status().code(), StatusCode::kAlreadyExists);
    import.set_name("Edit again");
    auto imported = Call<v1::ImportTimelineResponse>("ImportTimeline", import);
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
    EXPECT_EQ(imported->timeline().start_frame(), timeline.start_frame());
    EXPECT_EQ(imported->timeline().end_frame(), timeline.end_frame());
    v1::ListItemsRequest list;
    list.set_timeline_id(imported->timeline().id());
    list.set_type(v1::TRACK_TYPE_VIDEO);
    list.set_index(1);
    EXPECT_EQ(Call<v1::ListItemsResponse>("ListItems", list)->items(0).clip_id(), clip);  // matched by file path
    v1::ListMarkersRequest markers;
    markers.mutable_owner()->set_timeline_id(imported->timeline().id());
    EXPECT_EQ(Call<v1::ListMarkersResponse>("ListMarkers", markers)->markers(0).custom_data(), "keep");

    std::ofstream(dir_ / "not.otio") << "TITLE: an EDL";
    import.set_path((dir_ / "not.otio").string());
    import.set_name("Bad");
    EXPECT_EQ(Call<v1::ImportTimelineResponse>("ImportTimeline", import).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SimItemsTest, UnlinkedClipsComeBackOnlineWhenReplaced) {
    const auto clip = ImportOne("a.mov");
    v1::UnlinkClipsRequest unlink;
    unlink.add_clip_ids(clip);
    ASSERT_TRUE(Call<v1::UnlinkClipsResponse>("UnlinkClips", unlink).ok());
    v1::GetClipPropertiesRequest props;
    props.set_clip_id(clip);
    EXPECT_EQ(Call<v1::GetClipPropertiesResponse>("GetClipProperties", props)->properties().at("Online Status"),
              "Offline");
    v1::ReplaceClipRequest replace;
    replace.set_clip_id(clip);
    replace.set_file_path((dir_ / "media" / "missing.mov").string());
    EXPECT_EQ(Call<v1::ReplaceClipResponse>("ReplaceClip", replace).status().code(), StatusCode::kNotFound);
    replace.set_file_path(Media("b.mov"));
    ASSERT_TRUE(Call<v1::ReplaceClipResponse>("ReplaceClip", replace).ok());
    EXPECT_EQ(Call<v1::GetClipPropertiesResponse>("GetClipProperties", props)->properties().at("Online Status"),
              "Online");
}

}  // namespace
}  // namespace gantry::resolve::sim
