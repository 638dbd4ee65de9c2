#include "convert.hpp"

#include "timecode.hpp"

namespace gantry::resolve::sim {

void ToProto(const SimProject& project, bool is_current, v1::Project& out) {
    out.set_name(project.name);
    out.set_is_current(is_current);
    out.set_timeline_count(static_cast<int>(project.timelines.size()));
}

void ToProto(const SimBin& bin, v1::Bin& out) {
    out.set_id(bin.id);
    out.set_name(bin.name);
    out.set_parent_id(bin.parent_id);
}

void ToProto(const SimClip& clip, v1::Clip& out) {
    out.set_id(clip.id);
    out.set_name(clip.name);
    out.set_bin_id(clip.bin_id);
    out.set_file_path(clip.file_path);
    out.set_frames(clip.frames);
    out.set_fps(clip.fps);
}

void ToProto(const SimTimeline& timeline, bool is_current, v1::Timeline& out) {
    out.set_id(timeline.id);
    out.set_name(timeline.name);
    out.set_start_frame(timeline.start_frame);
    out.set_end_frame(TimelineEnd(timeline));
    out.set_start_timecode(FramesToTimecode(timeline.start_frame, timeline.fps));
    out.set_is_current(is_current);
    out.set_video_track_count(static_cast<int>(timeline.video.size()));
    out.set_audio_track_count(static_cast<int>(timeline.audio.size()));
}

void ToProto(const SimTrack& track, v1::TrackType type, int index, v1::Track& out) {
    out.set_type(type);
    out.set_index(index);
    out.set_name(track.name);
    out.set_enabled(track.enabled);
    out.set_locked(track.locked);
    out.set_sub_type(track.sub_type);
    out.set_item_count(static_cast<int>(track.items.size()));
}

void ToProto(const SimItem& item, v1::TrackType type, int track_index, v1::TimelineItem& out) {
    out.set_id(item.id);
    out.set_name(item.name);
    out.set_track_type(type);
    out.set_track_index(track_index);
    out.set_start(item.start);
    out.set_end(item.end);
    out.set_duration(item.end - item.start);
    out.set_source_start(item.source_start);
    out.set_source_end(item.source_end);
    out.set_clip_id(item.clip_id);
    out.set_enabled(item.enabled);
}

void ToProto(const SimMarker& marker, v1::Marker& out) {
    out.set_frame(marker.frame);
    out.set_color(marker.color);
    out.set_name(marker.name);
    out.set_note(marker.note);
    out.set_duration(marker.duration);
    out.set_custom_data(marker.custom_data);
}

void ToProto(const SimRenderJob& job, v1::RenderJob& out) {
    out.set_job_id(job.job_id);
    out.set_timeline_name(job.timeline_name);
    out.set_target_dir(job.settings.target_dir);
    out.set_output_filename(job.output_path);
    out.set_format(job.settings.format);
    out.set_codec(job.settings.codec);
    out.set_mark_in(job.mark_in);
    out.set_mark_out(job.mark_out);
    out.set_state(static_cast<v1::RenderState>(job.state));
    out.set_completion_percentage(job.percentage);
    out.set_error(job.error);
}

}  // namespace gantry::resolve::sim
