#include "gantry/resolve/validation.hpp"

#include <gtest/gtest.h>

#include "gantry/resolve/v1/app.pb.h"
#include "gantry/resolve/v1/color.pb.h"
#include "gantry/resolve/v1/projects.pb.h"
#include "gantry/resolve/v1/timelines.pb.h"

namespace gantry::resolve {
namespace {

TEST(ValidationTest, MissingRequiredFieldIsNamed) {
    v1::CreateProjectRequest request;
    const auto status = ValidateRequest(request);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(status.message(), "name is required");
    request.set_name("Film");
    EXPECT_TRUE(ValidateRequest(request).ok());
}

TEST(ValidationTest, NestedRequiredFieldsAreNamedWithTheirPath) {
    v1::AppendClipsRequest request;
    EXPECT_EQ(ValidateRequest(request).message(), "clips is required");
    request.add_clips();
    EXPECT_EQ(ValidateRequest(request).message(), "clips[0].clip_id is required");
    request.mutable_clips(0)->set_clip_id("c");
    EXPECT_TRUE(ValidateRequest(request).ok());
}

TEST(ValidationTest, EnumZeroCountsAsMissing) {
    v1::AddTrackRequest request;
    request.set_timeline_id("t");
    EXPECT_EQ(ValidateRequest(request).message(), "type is required");
    request.set_type(v1::TRACK_TYPE_AUDIO);
    EXPECT_TRUE(ValidateRequest(request).ok());
}

TEST(ValidationTest, PagesAreResolvesPages) {
    v1::OpenPageRequest request;
    request.set_page("colour");
    const auto status = ValidateRequest(request);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(status.message().find("unknown page 'colour'"), std::string::npos);
    request.set_page("color");
    EXPECT_TRUE(ValidateRequest(request).ok());
}

TEST(ValidationTest, MarkersNeedAnOwnerAKnownColorAndADuration) {
    v1::AddMarkerRequest request;
    request.mutable_owner();
    request.mutable_marker()->set_color("Blue");
    request.mutable_marker()->set_duration(1);
    EXPECT_EQ(ValidateRequest(request).message(), "owner needs one of timeline_id, clip_id or item_id");
    request.mutable_owner()->set_timeline_id("t");
    EXPECT_TRUE(ValidateRequest(request).ok());
    request.mutable_marker()->set_color("Orange");
    EXPECT_NE(ValidateRequest(request).message().find("unknown marker color 'Orange'"), std::string::npos);
    request.mutable_marker()->set_color("Blue");
    request.mutable_marker()->set_duration(0);
    EXPECT_EQ(ValidateRequest(request).message(), "marker.duration must be at least 1 frame");
}

TEST(ValidationTest, TimecodesAndRanges) {
    v1::SetTimecodeRequest tc;
    tc.set_timeline_id("t");
    tc.set_timecode("1:00:00");
    EXPECT_EQ(ValidateRequest(tc).message(), "timecode '1:00:00' is not HH:MM:SS:FF");
    tc.set_timecode("01:00:00:00");
    EXPECT_TRUE(ValidateRequest(tc).ok());

    v1::AppendClipsRequest append;
    auto* clip = append.add_clips();
    clip->set_clip_id("c");
    clip->set_start_frame(10);
    clip->set_end_frame(10);
    EXPECT_EQ(ValidateRequest(append).message(), "end_frame is exclusive and must be greater than start_frame");
}

TEST(ValidationTest, CdlNeedsThreeValuesEach) {
    v1::SetCdlRequest request;
    request.set_item_id("i");
    request.set_node_index(1);
    for (int i = 0; i < 3; ++i) {
        request.add_slope(1);
        request.add_offset(0);
    }
    request.add_power(1);
    EXPECT_EQ(ValidateRequest(request).message(), "power needs 3 values (R G B)");
}

}  // namespace
}  // namespace gantry::resolve
