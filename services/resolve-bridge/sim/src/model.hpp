#pragma once
/// @file The simulator's object model: what Resolve keeps per project, persisted as JSON.
/// Frames are absolute timeline frames (a timeline starts at 01:00:00:00 = 86400 at 24 fps); ends are exclusive.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gantry::resolve::sim {

struct SimMarker {
    int frame = 0;  // offset from the owner's start
    std::string color, name, note;
    int duration = 1;
    std::string custom_data;
};
using MarkerMap = std::map<int, SimMarker>;

struct SimBin {
    std::string id, name, parent_id;
};

struct SimClip {
    std::string id, name, bin_id, file_path, proxy_path;
    int frames = 0;
    double fps = 24;
    bool has_video = true, has_audio = true;
    bool offline = false;  // unlinked from its media
    std::map<std::string, std::string> metadata;
    MarkerMap markers;
};

/// A node graph reduced to what the API can set: a LUT and a CDL per 1-based node.
struct SimGrade {
    int node_count = 1;
    std::map<int, std::string> luts;
    std::map<int, std::vector<double>> cdls;  // slope RGB, offset RGB, power RGB, saturation
};

struct SimTake {
    std::string clip_id;
    int start_frame = 0, end_frame = 0;  // source frames, end exclusive
};

struct SimItem {
    std::string id, name, clip_id, link_id;
    int start = 0, end = 0;                // record frames, end exclusive
    int source_start = 0, source_end = 0;  // source frames, end exclusive
    bool enabled = true;
    std::map<std::string, double> properties;
    MarkerMap markers;
    SimGrade grade;
    std::vector<SimTake> takes;
    int selected_take = 0;  // 1-based; 0 = no takes
    std::vector<std::string> local_versions = {"Version 1"};
    std::vector<std::string> remote_versions;
    std::string current_version = "Version 1";
    std::vector<std::string> fusion_comps;
    std::string color_group;
};

struct SimTrack {
    std::string name;
    bool enabled = true, locked = false;
    std::string sub_type;
    std::vector<SimItem> items;  // ordered by start
};

struct SimTimeline {
    std::string id, name;
    int start_frame = 86400;
    double fps = 24;
    int playhead = 86400;
    std::vector<SimTrack> video, audio, subtitle;
    MarkerMap markers;
};

struct SimStill {
    std::string id, label, album, timeline_id;
    int frame = 0;
};

struct SimRenderSettings {
    std::string target_dir, custom_name, format = "mov", codec = "H264";
    bool select_all_frames = true;
    int mark_in = 0, mark_out = 0;  // used when select_all_frames is false; out exclusive
    bool export_video = true, export_audio = true;
    int width = 1920, height = 1080;
};

struct SimRenderJob {
    std::string job_id, timeline_id, timeline_name, output_path, error;
    SimRenderSettings settings;
    int mark_in = 0, mark_out = 0;
    int state = 1;  // v1::RenderState
    int percentage = 0;
    int64_t started_at_ms = 0;  // wall clock, so progress survives a restart
};

struct SimProject {
    std::string name;
    std::map<std::string, std::string> settings;
    std::vector<SimBin> bins;  // bins[0] is the root ("Master")
    std::string current_bin_id;
    std::vector<SimClip> clips;
    std::vector<SimTimeline> timelines;  // Resolve's order: index 1 is timelines[0]
    std::string current_timeline_id;
    std::vector<std::string> color_groups;
    std::vector<std::string> albums;
    std::string current_album;
    std::vector<SimStill> stills;
    SimRenderSettings render;
    std::map<std::string, SimRenderSettings> render_presets;
    std::vector<SimRenderJob> jobs;
    int next_job = 1;
};

struct SimState {
    int version = 1;
    std::map<std::string, SimProject> projects;
    std::string current_project;
    std::string page = "media";
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SimMarker, frame, color, name, note, duration, custom_data)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SimBin, id, name, parent_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SimClip, id, name, bin_id, file_path, proxy_path, frames, fps,
                                                has_video, has_audio, offline, metadata, markers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SimTake, clip_id, start_frame, end_frame)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SimGrade, node_count, luts, cdls)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SimItem, id, name, clip_id, link_id, start, end, source_start,
                                                source_end, enabled, properties, markers, grade, takes, selected_take,
                                                local_versions, remote_versions, current_version, fusion_comps,
                                                color_group)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SimTrack, name, enabled, locked, sub_type, items)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SimTimeline, id, name, start_frame, fps, playhead, video, audio,
                                                subtitle, markers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SimStill, id, label, album, timeline_id, frame)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SimRenderSettings, target_dir, custom_name, format, codec,
                                                select_all_frames, mark_in, mark_out, export_video, export_audio, width,
                                                height)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SimRenderJob, job_id, timeline_id, timeline_name, output_path, error,
                                                settings, mark_in, mark_out, state, percentage, started_at_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SimProject, name, settings, bins, current_bin_id, clips, timelines,
                                                current_timeline_id, color_groups, albums, current_album, stills,
                                                render, render_presets, jobs, next_job)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SimState, version, projects, current_project, page)

/// End of a timeline: the latest item end on any track, or its start when it is empty.
int TimelineEnd(const SimTimeline& timeline);

}  // namespace gantry::resolve::sim
