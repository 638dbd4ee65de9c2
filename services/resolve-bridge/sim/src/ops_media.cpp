// Media storage and media pool operations. Storage is the real file system of the host; imported media is
// not decoded: a clip gets resolve.sim.default_clip_frames frames at the project frame rate.
#include <algorithm>
#include <filesystem>
#include <set>

#include "convert.hpp"
#include "ids.hpp"
#include "ops.hpp"

namespace gantry::resolve::sim {
namespace {

namespace fs = std::filesystem;

const std::set<std::string> kAudioExtensions = {".wav", ".mp3", ".aac", ".aif", ".aiff", ".flac", ".m4a"};
const std::set<std::string> kStillExtensions = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".exr", ".dpx", ".bmp"};
const std::set<std::string> kMetadataFields = {
    "Description", "Comments",  "Keywords",  "Scene",         "Shot",   "Take",     "Angle",    "Camera #",
    "Reel Number", "Good Take", "Shoot Day", "Date Recorded", "People", "Producer", "Director", "Roll Card #"};

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

bool IsFile(const std::string& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

std::string ClipType(const SimClip& clip) {
    if (clip.has_video && clip.has_audio) return "Video + Audio";
    return clip.has_video ? "Video" : "Audio";
}

/// Ids of `root` and every bin below it.
std::set<std::string> Subtree(const SimProject& project, const std::string& root) {
    std::set<std::string> ids = {root};
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& bin : project.bins) {
            if (ids.count(bin.parent_id) && ids.insert(bin.id).second) grew = true;
        }
    }
    return ids;
}

void AppendBinsDepthFirst(const SimProject& project, const std::string& parent, v1::ListBinsResponse& response) {
    for (const auto& bin : project.bins) {
        if (bin.parent_id != parent || bin.id == project.bins.front().id) continue;
        ToProto(bin, *response.add_bins());
        AppendBinsDepthFirst(project, bin.id, response);
    }
}

template <typename Ids>
StatusOr<std::vector<SimClip*>> ClipsById(SimContext& ctx, const Ids& ids) {
    std::vector<SimClip*> clips;
    for (const auto& id : ids) {
        GANTRY_ASSIGN_OR_RETURN(auto* clip, ctx.Clip(id));
        clips.push_back(clip);
    }
    return clips;
}

}  // namespace

Status ListVolumes(SimContext&, const v1::ListVolumesRequest&, v1::ListVolumesResponse& response) {
    response.mutable_volumes()->Add(std::string(1, std::filesystem::path::preferred_separator));
    return Status::Ok();
}

Status ListStorage(SimContext&, const v1::ListStorageRequest& request, v1::ListStorageResponse& response) {
    std::error_code ec;
    if (!fs::is_directory(request.path(), ec)) return NotFoundError("'" + request.path() + "' is not a folder");
    std::vector<std::string> folders, files;
    for (const auto& entry : fs::directory_iterator(request.path(), ec)) {
        (entry.is_directory(ec) ? folders : files).push_back(entry.path().string());
    }
    std::sort(folders.begin(), folders.end());
    std::sort(files.begin(), files.end());
    for (auto& f : folders) response.add_folders(std::move(f));
    for (auto& f : files) response.add_files(std::move(f));
    return Status::Ok();
}

Status ImportMedia(SimContext& ctx, const v1::ImportMediaRequest& request, v1::ImportMediaResponse& response) {
    auto& project = ctx.Project();
    const std::string bin_id = request.bin_id().empty() ? project.current_bin_id : request.bin_id();
    GANTRY_RETURN_IF_ERROR(ctx.Bin(bin_id).status());
    for (const auto& path : request.paths()) {
        if (!IsFile(path)) return NotFoundError("no media file '" + path + "' (nothing was imported)");
    }
    const double fps = std::strtod(project.settings["timelineFrameRate"].c_str(), nullptr);
    for (const auto& path : request.paths()) {
        const bool duplicate = std::any_of(project.clips.begin(), project.clips.end(),
                                           [&](const SimClip& c) { return c.bin_id == bin_id && c.file_path == path; });
        if (duplicate) continue;  // Resolve skips media already in the bin
        SimClip clip;
        clip.id = NewId();
        clip.name = fs::path(path).filename().string();
        clip.bin_id = bin_id;
        clip.file_path = path;
        clip.frames = ctx.options().default_clip_frames;
        clip.fps = fps > 0 ? fps : 24;
        const auto ext = Lower(fs::path(path).extension().string());
        clip.has_video = !kAudioExtensions.count(ext);
        clip.has_audio = !kStillExtensions.count(ext);
        ToProto(clip, *response.add_clips());
        project.clips.push_back(std::move(clip));
    }
    if (response.clips_size() == 0) return AlreadyExistsError("every file is already in the bin");
    return Status::Ok();
}

Status ListBins(SimContext& ctx, const v1::ListBinsRequest&, v1::ListBinsResponse& response) {
    const auto& project = ctx.Project();
    ToProto(project.bins.front(), *response.add_bins());
    AppendBinsDepthFirst(project, project.bins.front().id, response);
    return Status::Ok();
}

Status CreateBin(SimContext& ctx, const v1::CreateBinRequest& request, v1::CreateBinResponse& response) {
    auto& project = ctx.Project();
    const std::string parent = request.parent_id().empty() ? project.bins.front().id : request.parent_id();
    GANTRY_ASSIGN_OR_RETURN(auto* parent_bin, ctx.Bin(parent));
    for (const auto& bin : project.bins) {
        if (bin.parent_id == parent && bin.name == request.name()) {
            return AlreadyExistsError("bin '" + parent_bin->name + "' already has a bin named '" + request.name() +
                                      "'");
        }
    }
    project.bins.push_back({NewId(), request.name(), parent});
    ToProto(project.bins.back(), *response.mutable_bin());
    return Status::Ok();
}

Status DeleteBins(SimContext& ctx, const v1::DeleteBinsRequest& request, v1::DeleteBinsResponse&) {
    auto& project = ctx.Project();
    std::set<std::string> doomed;
    for (const auto& id : request.bin_ids()) {
        GANTRY_RETURN_IF_ERROR(ctx.Bin(id).status());
        if (id == project.bins.front().id) return InvalidArgumentError("the root bin cannot be deleted");
        doomed.merge(Subtree(project, id));
    }
    std::erase_if(project.bins, [&](const SimBin& b) { return doomed.count(b.id) > 0; });
    std::erase_if(project.clips, [&](const SimClip& c) { return doomed.count(c.bin_id) > 0; });
    if (doomed.count(project.current_bin_id)) project.current_bin_id = project.bins.front().id;
    return Status::Ok();
}

Status ListClips(SimContext& ctx, const v1::ListClipsRequest& request, v1::ListClipsResponse& response) {
    if (!request.bin_id().empty()) GANTRY_RETURN_IF_ERROR(ctx.Bin(request.bin_id()).status());
    for (const auto& clip : ctx.Project().clips) {
        if (request.bin_id().empty() || clip.bin_id == request.bin_id()) ToProto(clip, *response.add_clips());
    }
    return Status::Ok();
}

Status GetClipMetadata(SimContext& ctx, const v1::GetClipMetadataRequest& request,
                       v1::GetClipMetadataResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto* clip, ctx.Clip(request.clip_id()));
    response.mutable_metadata()->insert(clip->metadata.begin(), clip->metadata.end());
    return Status::Ok();
}

Status SetClipMetadata(SimContext& ctx, const v1::SetClipMetadataRequest& request, v1::SetClipMetadataResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto* clip, ctx.Clip(request.clip_id()));
    for (const auto& [key, value] : request.metadata()) {
        if (!kMetadataFields.count(key)) {
            return InvalidArgumentError("Resolve has no clip metadata field '" + key +
                                        "' (e.g. Description, Comments, Keywords, Scene, Shot, Take)");
        }
    }
    for (const auto& [key, value] : request.metadata()) clip->metadata[key] = value;
    return Status::Ok();
}

Status GetClipProperties(SimContext& ctx, const v1::GetClipPropertiesRequest& request,
                         v1::GetClipPropertiesResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto* clip, ctx.Clip(request.clip_id()));
    auto& p = *response.mutable_properties();
    p["Clip Name"] = clip->name;
    p["File Path"] = clip->file_path;
    p["File Name"] = fs::path(clip->file_path).filename().string();
    p["Frames"] = std::to_string(clip->frames);
    p["FPS"] = std::to_string(clip->fps);
    p["Type"] = ClipType(*clip);
    p["Proxy Media Path"] = clip->proxy_path;
    p["Online Status"] = clip->offline ? "Offline" : "Online";
    return Status::Ok();
}

Status LinkProxyMedia(SimContext& ctx, const v1::LinkProxyMediaRequest& request, v1::LinkProxyMediaResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto* clip, ctx.Clip(request.clip_id()));
    if (!IsFile(request.proxy_path())) return NotFoundError("no proxy file '" + request.proxy_path() + "'");
    clip->proxy_path = request.proxy_path();
    return Status::Ok();
}

Status UnlinkProxyMedia(SimContext& ctx, const v1::UnlinkProxyMediaRequest& request, v1::UnlinkProxyMediaResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto* clip, ctx.Clip(request.clip_id()));
    if (clip->proxy_path.empty()) return FailedPreconditionError("clip '" + clip->name + "' has no proxy linked");
    clip->proxy_path.clear();
    return Status::Ok();
}

Status RelinkClips(SimContext& ctx, const v1::RelinkClipsRequest& request, v1::RelinkClipsResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto clips, ClipsById(ctx, request.clip_ids()));
    std::vector<std::string> targets;
    for (const auto* clip : clips) {
        auto target = (fs::path(request.folder_path()) / fs::path(clip->file_path).filename()).string();
        if (!IsFile(target)) return NotFoundError("no '" + target + "' to relink clip '" + clip->name + "' to");
        targets.push_back(std::move(target));
    }
    for (size_t i = 0; i < clips.size(); ++i) {
        clips[i]->file_path = targets[i];
        clips[i]->offline = false;
    }
    return Status::Ok();
}

Status MoveClips(SimContext& ctx, const v1::MoveClipsRequest& request, v1::MoveClipsResponse&) {
    GANTRY_RETURN_IF_ERROR(ctx.Bin(request.bin_id()).status());
    GANTRY_ASSIGN_OR_RETURN(auto clips, ClipsById(ctx, request.clip_ids()));
    for (auto* clip : clips) clip->bin_id = request.bin_id();
    return Status::Ok();
}

Status DeleteClips(SimContext& ctx, const v1::DeleteClipsRequest& request, v1::DeleteClipsResponse&) {
    GANTRY_RETURN_IF_ERROR(ClipsById(ctx, request.clip_ids()).status());
    const std::set<std::string> doomed(request.clip_ids().begin(), request.clip_ids().end());
    std::erase_if(ctx.Project().clips, [&](const SimClip& c) { return doomed.count(c.id) > 0; });
    return Status::Ok();
}

}  // namespace gantry::resolve::sim

namespace gantry::resolve::sim {

Status UnlinkClips(SimContext& ctx, const v1::UnlinkClipsRequest& request, v1::UnlinkClipsResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto clips, ClipsById(ctx, request.clip_ids()));
    for (auto* clip : clips) clip->offline = true;
    return Status::Ok();
}

Status ReplaceClip(SimContext& ctx, const v1::ReplaceClipRequest& request, v1::ReplaceClipResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto* clip, ctx.Clip(request.clip_id()));
    if (!IsFile(request.file_path())) return NotFoundError("no media file '" + request.file_path() + "'");
    clip->file_path = request.file_path();
    clip->offline = false;
    return Status::Ok();
}

}  // namespace gantry::resolve::sim
