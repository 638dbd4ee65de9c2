// Project manager operations: projects are unique by name; the open one cannot be deleted.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "convert.hpp"
#include "ids.hpp"
#include "ops.hpp"
#include "sim_store.hpp"

namespace gantry::resolve::sim {
namespace {

constexpr const char* kUntitled = "Untitled Project";
constexpr const char* kExportMagic = "gantry-resolve-sim-project";

bool IsRendering(const SimProject& project) {
    for (const auto& job : project.jobs) {
        if (job.state == v1::RENDER_STATE_RENDERING || job.state == v1::RENDER_STATE_QUEUED) return true;
    }
    return false;
}

Status CheckCanLeave(SimContext& ctx) {
    if (IsRendering(ctx.Project())) {
        return FailedPreconditionError("project '" + ctx.Project().name +
                                       "' is rendering; stop the render before switching projects");
    }
    return Status::Ok();
}

void Current(SimContext& ctx, v1::Project& out) { ToProto(ctx.Project(), true, out); }

}  // namespace

Status ListProjects(SimContext& ctx, const v1::ListProjectsRequest&, v1::ListProjectsResponse& response) {
    for (const auto& [name, project] : ctx.state().projects) {
        ToProto(project, name == ctx.state().current_project, *response.add_projects());
    }
    return Status::Ok();
}

Status GetCurrentProject(SimContext& ctx, const v1::GetCurrentProjectRequest&,
                         v1::GetCurrentProjectResponse& response) {
    Current(ctx, *response.mutable_project());
    return Status::Ok();
}

Status CreateProject(SimContext& ctx, const v1::CreateProjectRequest& request, v1::CreateProjectResponse& response) {
    if (ctx.state().projects.count(request.name())) {
        return AlreadyExistsError("a project named '" + request.name() + "' already exists");
    }
    GANTRY_RETURN_IF_ERROR(CheckCanLeave(ctx));
    ctx.state().projects[request.name()] = NewProject(request.name(), NewId());
    ctx.state().current_project = request.name();
    Current(ctx, *response.mutable_project());
    return Status::Ok();
}

Status OpenProject(SimContext& ctx, const v1::OpenProjectRequest& request, v1::OpenProjectResponse& response) {
    if (!ctx.state().projects.count(request.name())) {
        return NotFoundError("no project named '" + request.name() + "'");
    }
    if (request.name() != ctx.state().current_project) GANTRY_RETURN_IF_ERROR(CheckCanLeave(ctx));
    ctx.state().current_project = request.name();
    Current(ctx, *response.mutable_project());
    return Status::Ok();
}

Status SaveProject(SimContext&, const v1::SaveProjectRequest&, v1::SaveProjectResponse&) {
    return Status::Ok();  // the simulator persists every change as it happens
}

Status CloseProject(SimContext& ctx, const v1::CloseProjectRequest&, v1::CloseProjectResponse&) {
    GANTRY_RETURN_IF_ERROR(CheckCanLeave(ctx));
    // As in Resolve, closing leaves the untitled project open.
    if (!ctx.state().projects.count(kUntitled)) ctx.state().projects[kUntitled] = NewProject(kUntitled, NewId());
    ctx.state().current_project = kUntitled;
    return Status::Ok();
}

Status DeleteProject(SimContext& ctx, const v1::DeleteProjectRequest& request, v1::DeleteProjectResponse&) {
    if (!ctx.state().projects.count(request.name())) {
        return NotFoundError("no project named '" + request.name() + "'");
    }
    if (request.name() == ctx.state().current_project) {
        return FailedPreconditionError("project '" + request.name() + "' is open; close it before deleting it");
    }
    ctx.state().projects.erase(request.name());
    return Status::Ok();
}

Status ExportProject(SimContext& ctx, const v1::ExportProjectRequest& request, v1::ExportProjectResponse& response) {
    const auto it = ctx.state().projects.find(request.name());
    if (it == ctx.state().projects.end()) return NotFoundError("no project named '" + request.name() + "'");
    nlohmann::json doc = {{"format", kExportMagic}, {"project", it->second}};
    std::ofstream out(request.path(), std::ios::trunc);
    out << doc.dump(1);
    if (!out) return FailedPreconditionError("cannot write '" + request.path() + "'");
    response.set_path(request.path());
    return Status::Ok();
}

Status ImportProject(SimContext& ctx, const v1::ImportProjectRequest& request, v1::ImportProjectResponse& response) {
    std::ifstream in(request.path());
    if (!in) return NotFoundError("cannot read '" + request.path() + "'");
    std::stringstream text;
    text << in.rdbuf();
    const auto doc = nlohmann::json::parse(text.str(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || doc.value("format", "") != kExportMagic) {
        return InvalidArgumentError("'" + request.path() +
                                    "' is not a project exported by the simulator (it cannot read real .drp files)");
    }
    SimProject project;
    try {
        project = doc.at("project").get<SimProject>();
    } catch (const nlohmann::json::exception& e) {
        return InvalidArgumentError("'" + request.path() + "' is damaged: " + e.what());
    }
    if (!request.name().empty()) project.name = request.name();
    if (ctx.state().projects.count(project.name)) {
        return AlreadyExistsError("a project named '" + project.name + "' already exists");
    }
    ToProto(project, false, *response.mutable_project());
    ctx.state().projects[project.name] = std::move(project);
    return Status::Ok();
}

Status GetProjectSettings(SimContext& ctx, const v1::GetProjectSettingsRequest& request,
                          v1::GetProjectSettingsResponse& response) {
    const auto& settings = ctx.Project().settings;
    if (request.name().empty()) {
        response.mutable_settings()->insert(settings.begin(), settings.end());
        return Status::Ok();
    }
    const auto it = settings.find(request.name());
    if (it == settings.end()) return NotFoundError("no project setting '" + request.name() + "'");
    (*response.mutable_settings())[it->first] = it->second;
    return Status::Ok();
}

Status SetProjectSetting(SimContext& ctx, const v1::SetProjectSettingRequest& request, v1::SetProjectSettingResponse&) {
    auto& settings = ctx.Project().settings;
    const auto it = settings.find(request.name());
    if (it == settings.end()) return InvalidArgumentError("Resolve has no project setting '" + request.name() + "'");
    if (request.name() == "timelineFrameRate") {
        char* end = nullptr;
        const double fps = std::strtod(request.value().c_str(), &end);
        if (end == request.value().c_str() || *end != '\0' || fps <= 0 || fps > 120) {
            return InvalidArgumentError("timelineFrameRate must be a frame rate such as 24, 25 or 29.97");
        }
    }
    it->second = request.value();
    return Status::Ok();
}

}  // namespace gantry::resolve::sim
