#include "gantry/mcp/tool_service.hpp"

#include <spdlog/spdlog.h>

#include "gantry/client/proto_json.hpp"

namespace gantry::mcp {

using Json = nlohmann::json;
using client::BytesToJson;
using client::JsonToBytes;

Json SuccessResult(Json structured, bool with_structured) {
    Json result{{"content", Json::array({{{"type", "text"},
                                          {"text", structured.dump(-1, ' ', false, Json::error_handler_t::replace)}}})}};
    if (with_structured) result["structuredContent"] = std::move(structured);
    return result;
}

Json ErrorResult(const std::string& text) {
    return {{"content", Json::array({{{"type", "text"}, {"text", text}}})}, {"isError", true}};
}

ToolService::ToolService(ToolRegistry registry, std::vector<std::unique_ptr<Backend>> backends, Options options)
    : registry_(std::move(registry)), backends_(std::move(backends)), options_(options) {}

ToolService::~ToolService() { Stop(); }

void ToolService::Start() {
    ProbeAll();
    prober_ = std::thread([this] { RunProber(); });
}

void ToolService::Stop() {
    {
        std::lock_guard lock(prober_mu_);
        stopping_ = true;
    }
    prober_cv_.notify_all();
    if (prober_.joinable()) prober_.join();
}

void ToolService::RunProber() {
    std::unique_lock lock(prober_mu_);
    while (!prober_cv_.wait_for(lock, options_.probe_interval, [this] { return stopping_; })) {
        lock.unlock();
        ProbeAll();
        lock.lock();
    }
}

void ToolService::ProbeAll() {
    std::vector<const Backend*> changed;
    for (auto& backend : backends_) {
        const bool before = backend->up();
        if (backend->Probe(options_.probe_timeout) != before) changed.push_back(backend.get());
    }
    Notify(changed);
}

void ToolService::Notify(const std::vector<const Backend*>& changed) {
    if (changed.empty()) return;
    std::vector<std::function<void()>> tools_listeners;
    std::vector<std::function<void(const Backend&)>> backend_listeners;
    {
        std::lock_guard lock(listeners_mu_);
        tools_listeners = tools_listeners_;
        backend_listeners = backend_listeners_;
    }
    bool tools_changed = false;
    for (const auto* backend : changed) {
        spdlog::log(backend->up() ? spdlog::level::info : spdlog::level::warn, "backend '{}' at {} is {}",
                    backend->config().name, backend->config().address, backend->up() ? "up" : "down");
        for (const auto& l : backend_listeners) l(*backend);
        for (const auto& tool : registry_.tools()) tools_changed |= tool.backend == backend->config().name;
    }
    if (tools_changed) {
        for (const auto& l : tools_listeners) l();
    }
}

void ToolService::OnToolsChanged(std::function<void()> listener) {
    std::lock_guard lock(listeners_mu_);
    tools_listeners_.push_back(std::move(listener));
}

void ToolService::OnBackendChanged(std::function<void(const Backend&)> listener) {
    std::lock_guard lock(listeners_mu_);
    backend_listeners_.push_back(std::move(listener));
}

Backend* ToolService::FindBackend(const std::string& name) const {
    for (const auto& b : backends_) {
        if (b->config().name == name) return b.get();
    }
    return nullptr;
}

std::vector<const ToolDefinition*> ToolService::Available() const {
    std::vector<const ToolDefinition*> out;
    for (const auto& tool : registry_.tools()) {
        const auto* backend = FindBackend(tool.backend);
        if (backend && backend->up()) out.push_back(&tool);
    }
    return out;
}

StatusOr<Json> ToolService::Call(const std::string& name, const Json& arguments, CallControl& control,
                                 const StreamProgress& progress, bool structured) {
    const auto* tool = registry_.Find(name);
    if (!tool) return InvalidArgumentError("unknown tool '" + name + "'");
    auto* backend = FindBackend(tool->backend);
    auto request = JsonToBytes(arguments, tool->method->input_type());
    if (!request.ok()) return ErrorResult(request.status().message());

    Json messages = Json::array();
    const auto& request_bytes = *request;
    const auto to_json = [&](const std::string& bytes) { return BytesToJson(bytes, tool->method->output_type()); };
    Status status;
    if (tool->server_streaming) {
        status = backend->CallStreaming(tool->grpc_method, request_bytes, control, [&](std::string bytes) -> Status {
            GANTRY_ASSIGN_OR_RETURN(auto json, to_json(bytes));
            if (static_cast<int64_t>(messages.size()) >= options_.max_stream_messages) {
                return ResourceExhaustedError("the backend streamed more than " +
                                              std::to_string(options_.max_stream_messages) + " messages");
            }
            if (progress) progress(json, static_cast<int64_t>(messages.size()) + 1);
            messages.push_back(std::move(json));
            return Status::Ok();
        });
    } else {
        auto response = backend->CallUnary(tool->grpc_method, request_bytes, control);
        status = response.status();
        if (response.ok()) {
            auto json = to_json(*response);
            status = json.status();
            if (json.ok()) messages.push_back(std::move(*json));
        }
    }
    // A call is a probe too: UNAVAILABLE means down, any answer from the service means up.
    const bool answered = status.code() != StatusCode::kUnavailable && status.code() != StatusCode::kCancelled &&
                          status.code() != StatusCode::kDeadlineExceeded;
    if ((status.code() == StatusCode::kUnavailable || answered) && backend->SetUp(answered)) Notify({backend});
    if (!status.ok()) {
        std::string text = "gRPC error " + std::string(StatusCodeName(status.code())) + " (" +
                           std::to_string(static_cast<int>(status.code())) + ") from " + tool->grpc_method +
                           " on backend '" + backend->config().name + "'";
        if (status.code() == StatusCode::kUnavailable) text += " at " + backend->config().address + " (is it running?)";
        text += ": " + status.message();
        if (!status.reason().empty()) text += " [reason " + status.reason() + "]";
        return ErrorResult(text);
    }
    if (tool->server_streaming) return SuccessResult(Json{{"messages", std::move(messages)}}, structured);
    return SuccessResult(std::move(messages[0]), structured);
}

Json ToolService::DescribeBackends() const {
    Json out = Json::array();
    for (const auto& backend : backends_) {
        Json tools = Json::array();
        for (const auto& tool : registry_.tools()) {
            if (tool.backend == backend->config().name) tools.push_back(tool.name);
        }
        out.push_back({{"name", backend->config().name},
                       {"address", backend->config().address},
                       {"up", backend->up()},
                       {"tools", std::move(tools)}});
    }
    return Json{{"backends", std::move(out)}};
}

}  // namespace gantry::mcp
