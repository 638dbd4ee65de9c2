#include <cstdio>

#include "export.hpp"
#include "timecode.hpp"

namespace gantry::resolve::sim {

const SimClip* FindClip(const SimProject& project, const std::string& clip_id) {
    for (const auto& clip : project.clips) {
        if (clip.id == clip_id) return &clip;
    }
    return nullptr;
}

std::string ExportEdl(const SimProject& project, const SimTimeline& timeline) {
    const bool video = !timeline.video.empty() && !timeline.video.front().items.empty();
    const SimTrack* track =
        video ? &timeline.video.front() : (timeline.audio.empty() ? nullptr : &timeline.audio.front());
    std::string out = "TITLE: " + timeline.name + "\nFCM: NON-DROP FRAME\n\n";
    if (track == nullptr) return out;
    int event = 0;
    for (const auto& item : track->items) {
        const auto* clip = FindClip(project, item.clip_id);
        char line[160];
        std::snprintf(line, sizeof line, "%03d  AX       %-5s C        %s %s %s %s\n", ++event, video ? "V" : "A",
                      FramesToTimecode(item.source_start, timeline.fps).c_str(),
                      FramesToTimecode(item.source_end, timeline.fps).c_str(),
                      FramesToTimecode(item.start, timeline.fps).c_str(),
                      FramesToTimecode(item.end, timeline.fps).c_str());
        out += line;
        out += "* FROM CLIP NAME: " + (clip ? clip->name : item.name) + "\n";
        if (clip) out += "* SOURCE FILE: " + clip->file_path + "\n";
        out += "\n";
    }
    return out;
}

}  // namespace gantry::resolve::sim
