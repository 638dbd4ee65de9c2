#include <cmath>
#include <map>

#include "export.hpp"

namespace gantry::resolve::sim {
namespace {

std::string Escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

/// Frame duration as a rational: 1/24 for integer rates, 1001/24000 for NTSC rates.
struct Rate {
    long long num, den;
};

Rate FrameDuration(double fps) {
    const double rounded = std::round(fps);
    if (std::fabs(fps - rounded) < 0.01) return {1, static_cast<long long>(rounded)};
    return {1001, static_cast<long long>(std::round(fps * 1001))};
}

std::string Seconds(long long frames, Rate rate) {
    if (frames == 0) return "0s";
    return std::to_string(frames * rate.num) + "/" + std::to_string(rate.den) + "s";
}

}  // namespace

std::string ExportFcpxml(const SimProject& project, const SimTimeline& timeline) {
    const Rate rate = FrameDuration(timeline.fps);
    std::map<std::string, std::string> asset_ids;  // clip id -> resource id
    std::string resources = "    <format id=\"r1\" frameDuration=\"" + Seconds(1, rate) + "\" width=\"" +
                            project.settings.at("timelineResolutionWidth") + "\" height=\"" +
                            project.settings.at("timelineResolutionHeight") + "\"/>\n";
    for (const auto& track : timeline.video) {
        for (const auto& item : track.items) {
            const auto* clip = FindClip(project, item.clip_id);
            if (!clip || asset_ids.count(clip->id)) continue;
            const auto id = "r" + std::to_string(asset_ids.size() + 2);
            asset_ids[clip->id] = id;
            resources += "    <asset id=\"" + id + "\" name=\"" + Escape(clip->name) + "\" start=\"0s\" duration=\"" +
                         Seconds(clip->frames, rate) + "\" hasVideo=\"" + (clip->has_video ? "1" : "0") +
                         "\" hasAudio=\"" + (clip->has_audio ? "1" : "0") + "\" format=\"r1\">\n" +
                         "      <media-rep kind=\"original-media\" src=\"file://" + Escape(clip->file_path) +
                         "\"/>\n    </asset>\n";
        }
    }
    auto clip_element = [&](const SimItem& item) {
        const auto* clip = FindClip(project, item.clip_id);
        const std::string ref = clip ? asset_ids[clip->id] : "";
        return "<asset-clip ref=\"" + ref + "\" offset=\"" + Seconds(item.start, rate) + "\" name=\"" +
               Escape(item.name) + "\" start=\"" + Seconds(item.source_start, rate) + "\" duration=\"" +
               Seconds(item.end - item.start, rate) + "\" enabled=\"" + (item.enabled ? "1" : "0") + "\"/>";
    };
    std::string spine;
    const int end = TimelineEnd(timeline);
    long long cursor = timeline.start_frame;
    const SimTrack* base = timeline.video.empty() ? nullptr : &timeline.video.front();
    if (base) {
        for (const auto& item : base->items) {
            if (item.start > cursor) {
                spine += "            <gap offset=\"" + Seconds(cursor, rate) + "\" duration=\"" +
                         Seconds(item.start - cursor, rate) + "\"/>\n";
            }
            spine += "            " + clip_element(item) + "\n";
            cursor = item.end;
        }
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE fcpxml>\n<fcpxml version=\"1.10\">\n"
           "  <resources>\n" +
           resources + "  </resources>\n  <library>\n    <event name=\"" + Escape(project.name) +
           "\">\n      <project name=\"" + Escape(timeline.name) + "\">\n        <sequence format=\"r1\" duration=\"" +
           Seconds(end - timeline.start_frame, rate) + "\" tcStart=\"" + Seconds(timeline.start_frame, rate) +
           "\" tcFormat=\"NDF\">\n          <spine>\n" + spine +
           "          </spine>\n        </sequence>\n      </project>\n    </event>\n  </library>\n</fcpxml>\n";
}

}  // namespace gantry::resolve::sim
