// Simulated render jobs progress with time, one after another, and leave a manifest of what they rendered.
#include <nlohmann/json.hpp>

#include "sim_fixture.hpp"

namespace gantry::resolve::sim {
namespace {

class SimRenderTest : public SimFixture {
protected:
    std::string AddJob(const std::string& name) {
        v1::SetRenderSettingsRequest settings;
        settings.set_target_dir((dir_ / "renders").string());
        settings.set_custom_name(name);
        EXPECT_TRUE(Call<v1::SetRenderSettingsResponse>("SetRenderSettings", settings).ok());
        auto job = Call<v1::AddRenderJobResponse>("AddRenderJob", v1::AddRenderJobRequest());
        EXPECT_TRUE(job.ok()) << job.status().ToString();
        return job.ok() ? job->job().job_id() : "";
    }
    v1::RenderJob Status(const std::string& id) {
        v1::GetRenderStatusRequest request;
        request.set_job_id(id);
        return Call<v1::GetRenderStatusResponse>("GetRenderStatus", request)->job();
    }
};

TEST_F(SimRenderTest, AddingAJobNeedsATimelineAndATarget) {
    EXPECT_EQ(Call<v1::AddRenderJobResponse>("AddRenderJob", v1::AddRenderJobRequest()).status().code(),
              StatusCode::kFailedPrecondition);
    NewTimeline("Edit", {ImportOne("a.mov")});
    const auto no_target = Call<v1::AddRenderJobResponse>("AddRenderJob", v1::AddRenderJobRequest()).status();
    EXPECT_EQ(no_target.code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(no_target.message().find("target_dir"), std::string::npos);
}

TEST_F(SimRenderTest, JobsRenderInTurnAndWriteAManifest) {
    NewTimeline("Edit", {ImportOne("a.mov")});  // 240 frames = 2.4 s at 100 fps
    const auto first = AddJob("first");
    const auto second = AddJob("second");
    EXPECT_EQ(Status(first).state(), v1::RENDER_STATE_READY);
    ASSERT_TRUE(Call<v1::StartRenderResponse>("StartRender", v1::StartRenderRequest()).ok());
    EXPECT_EQ(Status(first).state(), v1::RENDER_STATE_RENDERING);
    EXPECT_EQ(Status(second).state(), v1::RENDER_STATE_QUEUED);
    now_ms_ += 1200;
    EXPECT_EQ(Status(first).completion_percentage(), 50);
    EXPECT_EQ(Call<v1::ClearRenderQueueResponse>("ClearRenderQueue", v1::ClearRenderQueueRequest()).status().code(),
              StatusCode::kFailedPrecondition);
    now_ms_ += 2400;  // first done at 2.4 s, second half way at 3.6 s
    EXPECT_EQ(Status(first).state(), v1::RENDER_STATE_COMPLETE);
    EXPECT_EQ(Status(second).state(), v1::RENDER_STATE_RENDERING);
    EXPECT_EQ(Status(second).completion_percentage(), 50);
    now_ms_ += 10000;
    const auto done = Status(second);
    EXPECT_EQ(done.state(), v1::RENDER_STATE_COMPLETE);
    EXPECT_EQ(done.completion_percentage(), 100);

    std::ifstream in(done.output_filename() + ".manifest.json");
    ASSERT_TRUE(in) << done.output_filename();
    const auto manifest = nlohmann::json::parse(in);
    EXPECT_EQ(manifest["frames"], 240);
    EXPECT_EQ(manifest["timeline"], "Edit");
    EXPECT_EQ(manifest["items"].size(), 1u);
    EXPECT_EQ(done.output_filename(), (dir_ / "renders" / "second.mov").string());
}

TEST_F(SimRenderTest, StopCancelsTheRunningJobAndRequeuesTheRest) {
    NewTimeline("Edit", {ImportOne("a.mov")});
    const auto first = AddJob("first");
    const auto second = AddJob("second");
    ASSERT_TRUE(Call<v1::StartRenderResponse>("StartRender", v1::StartRenderRequest()).ok());
    EXPECT_EQ(Call<v1::StartRenderResponse>("StartRender", v1::StartRenderRequest()).status().code(),
              StatusCode::kFailedPrecondition);
    ASSERT_TRUE(Call<v1::StopRenderResponse>("StopRender", v1::StopRenderRequest()).ok());
    EXPECT_EQ(Status(first).state(), v1::RENDER_STATE_CANCELLED);
    EXPECT_EQ(Status(second).state(), v1::RENDER_STATE_READY);
    now_ms_ += 100000;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "renders" / "first.mov.manifest.json"));
}

TEST_F(SimRenderTest, ProgressSurvivesARestart) {
    NewTimeline("Edit", {ImportOne("a.mov")});
    const auto job = AddJob("kept");
    ASSERT_TRUE(Call<v1::StartRenderResponse>("StartRender", v1::StartRenderRequest()).ok());
    Reopen();
    now_ms_ += 5000;
    EXPECT_EQ(Status(job).state(), v1::RENDER_STATE_COMPLETE);
}

TEST_F(SimRenderTest, FormatsCodecsAndPresets) {
    v1::SetRenderFormatAndCodecRequest bad;
    bad.set_format("mov");
    bad.set_codec("VP9");
    EXPECT_EQ(Call<v1::SetRenderFormatAndCodecResponse>("SetRenderFormatAndCodec", bad).status().code(),
              StatusCode::kInvalidArgument);
    v1::SaveRenderPresetRequest save;
    save.set_name("Mine");
    ASSERT_TRUE(Call<v1::SaveRenderPresetResponse>("SaveRenderPreset", save).ok());
    EXPECT_EQ(Call<v1::SaveRenderPresetResponse>("SaveRenderPreset", save).status().code(), StatusCode::kAlreadyExists);
    auto presets = Call<v1::ListRenderPresetsResponse>("ListRenderPresets", v1::ListRenderPresetsRequest());
    EXPECT_NE(std::find(presets->presets().begin(), presets->presets().end(), "Mine"), presets->presets().end());
}

}  // namespace
}  // namespace gantry::resolve::sim
