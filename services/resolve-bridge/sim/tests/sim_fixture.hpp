#pragma once
// A simulator in a temporary folder with a clock the test moves, called the way the bridge calls it.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "gantry/resolve/sim/sim_backend.hpp"
#include "gantry/resolve/v1/app.pb.h"
#include "gantry/resolve/v1/color.pb.h"
#include "gantry/resolve/v1/items.pb.h"
#include "gantry/resolve/v1/media.pb.h"
#include "gantry/resolve/v1/projects.pb.h"
#include "gantry/resolve/v1/render.pb.h"
#include "gantry/resolve/v1/timelines.pb.h"

namespace gantry::resolve::sim {

class SimFixture : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("gantry-sim-" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(dir_ / "media");
        Reopen();
    }
    void TearDown() override {
        backend_.reset();
        std::filesystem::remove_all(dir_);
    }

    void Reopen() {
        backend_.reset();
        SimOptions options;
        options.state_dir = (dir_ / "state").string();
        options.render_fps = 100;  // 100 frames take one second of the test clock
        options.default_clip_frames = 240;
        options.now_ms = [this] { return now_ms_; };
        auto opened = SimBackend::Open(options);
        ASSERT_TRUE(opened.ok()) << opened.status().ToString();
        backend_ = std::move(*opened);
    }

    template <typename Response, typename Request>
    StatusOr<Response> Call(const std::string& method, const Request& request) {
        Response response;
        auto status = backend_->Call(method, request, response);
        if (!status.ok()) return status;
        return response;
    }

    /// A media file that exists on disk.
    std::string Media(const std::string& name) {
        const auto path = (dir_ / "media" / name).string();
        std::ofstream(path) << "media";
        return path;
    }

    std::string ImportOne(const std::string& name) {
        v1::ImportMediaRequest request;
        request.add_paths(Media(name));
        auto response = Call<v1::ImportMediaResponse>("ImportMedia", request);
        EXPECT_TRUE(response.ok()) << response.status().ToString();
        return response.ok() ? response->clips(0).id() : "";
    }

    v1::Timeline NewTimeline(const std::string& name, std::vector<std::string> clips = {}) {
        v1::CreateTimelineRequest request;
        request.set_name(name);
        for (auto& c : clips) request.add_clip_ids(c);
        auto response = Call<v1::CreateTimelineResponse>("CreateTimeline", request);
        EXPECT_TRUE(response.ok()) << response.status().ToString();
        return response.ok() ? response->timeline() : v1::Timeline();
    }

    std::filesystem::path dir_;
    int64_t now_ms_ = 1'000'000;
    std::unique_ptr<SimBackend> backend_;
};

}  // namespace gantry::resolve::sim
