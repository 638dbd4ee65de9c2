// Interchange files written from the model: the EDL's events and the OTIO document's structure.
#include <nlohmann/json.hpp>

#include "export.hpp"
#include "sim_fixture.hpp"

namespace gantry::resolve::sim {
namespace {

class SimExportTest : public SimFixture {
protected:
    std::string Export(const std::string& timeline_id, v1::ExportFormat format, Status* status = nullptr) {
        v1::ExportTimelineRequest request;
        request.set_timeline_id(timeline_id);
        request.set_format(format);
        request.set_path((dir_ / "export.out").string());
        auto response = Call<v1::ExportTimelineResponse>("ExportTimeline", request);
        if (status) *status = response.status();
        if (!response.ok()) return "";
        std::ifstream in(request.path());
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        EXPECT_EQ(static_cast<int64_t>(text.size()), response->size_bytes());
        return text;
    }
    v1::Timeline TwoCuts() {
        const auto clip = ImportOne("a.mov");
        const auto timeline = NewTimeline("Cut 1");
        v1::AppendClipsRequest append;
        auto* a = append.add_clips();
        a->set_clip_id(clip);
        a->set_start_frame(24);
        a->set_end_frame(48);
        auto* b = append.add_clips();
        b->set_clip_id(clip);
        b->set_end_frame(12);
        b->set_record_frame(86400 + 48);  // leaves a 24-frame gap
        EXPECT_TRUE(Call<v1::AppendClipsResponse>("AppendClips", append).ok());
        return timeline;
    }
};

TEST_F(SimExportTest, EdlListsOneEventPerCutWithRecordAndSourceTimecodes) {
    const auto edl = Export(TwoCuts().id(), v1::EXPORT_FORMAT_EDL);
    EXPECT_EQ(edl.rfind("TITLE: Cut 1\nFCM: NON-DROP FRAME\n", 0), 0u) << edl;
    EXPECT_NE(edl.find("001  AX       V     C        00:00:01:00 00:00:02:00 01:00:00:00 01:00:01:00"),
              std::string::npos)
        << edl;
    EXPECT_NE(edl.find("002  AX       V     C        00:00:00:00 00:00:00:12 01:00:02:00 01:00:02:12"),
              std::string::npos)
        << edl;
    EXPECT_NE(edl.find("* FROM CLIP NAME: a.mov"), std::string::npos);
}

TEST_F(SimExportTest, OtioHasTracksWithGapsAndClipsInRationalTime) {
    const auto otio = nlohmann::json::parse(Export(TwoCuts().id(), v1::EXPORT_FORMAT_OTIO));
    EXPECT_EQ(otio["OTIO_SCHEMA"], "Timeline.1");
    EXPECT_EQ(otio["global_start_time"]["value"], 86400);
    const auto& video = otio["tracks"]["children"][0];
    EXPECT_EQ(video["kind"], "Video");
    ASSERT_EQ(video["children"].size(), 3u);
    EXPECT_EQ(video["children"][0]["OTIO_SCHEMA"], "Clip.2");
    EXPECT_EQ(video["children"][0]["source_range"]["start_time"]["value"], 24);
    EXPECT_EQ(video["children"][0]["source_range"]["duration"]["value"], 24);
    EXPECT_EQ(video["children"][1]["OTIO_SCHEMA"], "Gap.1");
    EXPECT_EQ(video["children"][1]["source_range"]["duration"]["value"], 24);
    EXPECT_EQ(video["children"][2]["media_references"]["DEFAULT_MEDIA"]["OTIO_SCHEMA"], "ExternalReference.1");
}

TEST_F(SimExportTest, FcpxmlHasAnAssetAndSpineClips) {
    const auto xml = Export(TwoCuts().id(), v1::EXPORT_FORMAT_FCPXML);
    EXPECT_NE(xml.find("<fcpxml version=\"1.10\">"), std::string::npos);
    EXPECT_NE(xml.find("<asset id=\"r2\" name=\"a.mov\""), std::string::npos) << xml;
    EXPECT_NE(
        xml.find("<asset-clip ref=\"r2\" offset=\"86400/24s\" name=\"a.mov\" start=\"24/24s\" duration=\"24/24s\""),
        std::string::npos)
        << xml;
    EXPECT_NE(xml.find("<gap offset=\"86424/24s\" duration=\"24/24s\"/>"), std::string::npos) << xml;
}

TEST_F(SimExportTest, AafNeedsARealResolve) {
    Status status;
    Export(TwoCuts().id(), v1::EXPORT_FORMAT_AAF, &status);
    EXPECT_EQ(status.code(), StatusCode::kUnimplemented);
    EXPECT_NE(status.message().find("AAF"), std::string::npos);
}

}  // namespace
}  // namespace gantry::resolve::sim
