// Media analysis (transcription, audio sync): the simulator does not decode media, so it cannot do these and says
// so rather than pretending. The Python backends run Resolve's own calls.
#include "ops.hpp"

namespace gantry::resolve::sim {
namespace {

Status NeedsRealResolve(SimContext& ctx, const std::string& clip_id, const char* what) {
    GANTRY_RETURN_IF_ERROR(ctx.Clip(clip_id).status());
    return UnimplementedError(std::string("the simulator does not analyse media, so it cannot ") + what +
                              "; use a real DaVinci Resolve Studio (backend auto, embedded or python-worker)");
}

}  // namespace

Status TranscribeAudio(SimContext& ctx, const v1::TranscribeAudioRequest& request, v1::TranscribeAudioResponse&) {
    return NeedsRealResolve(ctx, request.clip_id(), "transcribe audio");
}

Status ClearTranscription(SimContext& ctx, const v1::ClearTranscriptionRequest& request,
                          v1::ClearTranscriptionResponse&) {
    return NeedsRealResolve(ctx, request.clip_id(), "hold transcriptions");
}

Status AutoSyncAudio(SimContext& ctx, const v1::AutoSyncAudioRequest& request, v1::AutoSyncAudioResponse&) {
    if (request.clip_ids_size() < 2) return InvalidArgumentError("auto sync needs at least two clips");
    for (const auto& id : request.clip_ids()) GANTRY_RETURN_IF_ERROR(ctx.Clip(id).status());
    return NeedsRealResolve(ctx, request.clip_ids(0), "sync audio");
}

}  // namespace gantry::resolve::sim
