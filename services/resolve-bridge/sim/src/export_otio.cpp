#include <nlohmann/json.hpp>

#include "export.hpp"

namespace gantry::resolve::sim {
namespace {

using nlohmann::json;

json Time(double value, double rate) { return {{"OTIO_SCHEMA", "RationalTime.1"}, {"rate", rate}, {"value", value}}; }

json Range(double start, double duration, double rate) {
    return {{"OTIO_SCHEMA", "TimeRange.1"}, {"start_time", Time(start, rate)}, {"duration", Time(duration, rate)}};
}

std::string OtioColor(const std::string& resolve_color) {
    static const std::map<std::string, std::string> kColors = {
        {"Blue", "BLUE"},    {"Cyan", "CYAN"},       {"Green", "GREEN"},   {"Yellow", "YELLOW"},
        {"Red", "RED"},      {"Pink", "PINK"},       {"Purple", "PURPLE"}, {"Fuchsia", "MAGENTA"},
        {"Rose", "PINK"},    {"Lavender", "PURPLE"}, {"Sky", "CYAN"},      {"Mint", "GREEN"},
        {"Lemon", "YELLOW"}, {"Sand", "ORANGE"},     {"Cocoa", "BLACK"},   {"Cream", "WHITE"}};
    const auto it = kColors.find(resolve_color);
    return it == kColors.end() ? "RED" : it->second;
}

json Markers(const MarkerMap& markers, double rate) {
    json out = json::array();
    for (const auto& [frame, m] : markers) {
        out.push_back({{"OTIO_SCHEMA", "Marker.2"},
                       {"name", m.name},
                       {"color", OtioColor(m.color)},
                       {"comment", m.note},
                       {"marked_range", Range(frame, m.duration, rate)},
                       {"metadata",
                        {{"Resolve_OTIO", {{"Color", m.color}, {"Note", m.note}, {"Keywords", json::array()}}},
                         {"gantry", {{"custom_data", m.custom_data}}}}}});
    }
    return out;
}

json Gap(int frames, double rate) {
    return {{"OTIO_SCHEMA", "Gap.1"},
            {"name", ""},
            {"source_range", Range(0, frames, rate)},
            {"effects", json::array()},
            {"markers", json::array()},
            {"metadata", json::object()},
            {"enabled", true}};
}

json Clip(const SimProject& project, const SimItem& item, double rate) {
    const auto* clip = FindClip(project, item.clip_id);
    json reference = {{"OTIO_SCHEMA", "MissingReference.1"},
                      {"name", ""},
                      {"available_range", nullptr},
                      {"available_image_bounds", nullptr},
                      {"metadata", json::object()}};
    if (clip) {
        reference = {
            {"OTIO_SCHEMA", "ExternalReference.1"},      {"name", clip->name},
            {"target_url", "file://" + clip->file_path}, {"available_range", Range(0, clip->frames, clip->fps)},
            {"available_image_bounds", nullptr},         {"metadata", json::object()}};
    }
    return {{"OTIO_SCHEMA", "Clip.2"},
            {"name", item.name},
            {"source_range", Range(item.source_start, item.source_end - item.source_start, rate)},
            {"media_references", {{"DEFAULT_MEDIA", reference}}},
            {"active_media_reference_key", "DEFAULT_MEDIA"},
            {"effects", json::array()},
            {"markers", Markers(item.markers, rate)},
            {"metadata", {{"gantry", {{"item_id", item.id}, {"clip_id", item.clip_id}}}}},
            {"enabled", item.enabled}};
}

json Track(const SimProject& project, const SimTimeline& timeline, const SimTrack& track, const char* kind) {
    json children = json::array();
    int cursor = timeline.start_frame;
    for (const auto& item : track.items) {
        if (item.start > cursor) children.push_back(Gap(item.start - cursor, timeline.fps));
        children.push_back(Clip(project, item, timeline.fps));
        cursor = item.end;
    }
    return {{"OTIO_SCHEMA", "Track.1"}, {"name", track.name},         {"kind", kind},
            {"children", children},     {"source_range", nullptr},    {"effects", json::array()},
            {"markers", json::array()}, {"metadata", json::object()}, {"enabled", track.enabled}};
}

}  // namespace

std::string ExportOtio(const SimProject& project, const SimTimeline& timeline) {
    json tracks = json::array();
    for (const auto& track : timeline.video) tracks.push_back(Track(project, timeline, track, "Video"));
    for (const auto& track : timeline.audio) tracks.push_back(Track(project, timeline, track, "Audio"));
    json doc = {{"OTIO_SCHEMA", "Timeline.1"},
                {"name", timeline.name},
                {"metadata", {{"Resolve_OTIO", {{"Resolve OTIO Meta Version", "1.0"}}}}},
                {"global_start_time", Time(timeline.start_frame, timeline.fps)},
                {"tracks",
                 {{"OTIO_SCHEMA", "Stack.1"},
                  {"name", "tracks"},
                  {"children", tracks},
                  {"source_range", nullptr},
                  {"effects", json::array()},
                  {"markers", Markers(timeline.markers, timeline.fps)},
                  {"metadata", json::object()},
                  {"enabled", true}}}};
    return doc.dump(4) + "\n";
}

}  // namespace gantry::resolve::sim
