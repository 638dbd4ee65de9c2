#include "gantry/mcp/session.hpp"

#include <algorithm>
#include <array>

#include <spdlog/spdlog.h>

#include "gantry/mcp/resources.hpp"

namespace gantry::mcp {
namespace {

using Json = nlohmann::json;

constexpr std::array<const char*, 8> kLogLevels = {"debug", "info",     "notice", "warning",
                                                   "error", "critical", "alert",  "emergency"};
// Revisions from which tool results carry structuredContent and tools an outputSchema.
constexpr const char* kStructuredSince = "2025-06-18";

int LogLevelIndex(const std::string& level) {
    const auto it = std::find(kLogLevels.begin(), kLogLevels.end(), level);
    return it == kLogLevels.end() ? -1 : static_cast<int>(it - kLogLevels.begin());
}

// params.<key> as a string, or INVALID_ARGUMENT naming it.
StatusOr<std::string> RequiredString(const Json& params, const char* key) {
    if (!params.is_object() || !params.contains(key) || !params[key].is_string()) {
        return InvalidArgumentError(std::string("invalid params: \"") + key + "\" must be a string");
    }
    return params[key].get<std::string>();
}

Status NoCursor(const Json& params) {
    if (params.is_object() && params.contains("cursor")) {
        return InvalidArgumentError("invalid params: unknown cursor (this server returns every item on one page)");
    }
    return Status::Ok();
}

Json ErrorResponse(const Json& id, const Status& status) {
    if (status.reason() == kResourceNotFoundReason) {
        return jsonrpc::MakeError(id, jsonrpc::kResourceNotFound, status.message(),
                                  Json{{"uri", status.metadata().at("uri")}});
    }
    return jsonrpc::MakeError(id, status);
}

}  // namespace

const std::vector<std::string>& SupportedProtocolVersions() {
    static const std::vector<std::string> kVersions = {"2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"};
    return kVersions;
}

bool IsSupportedProtocolVersion(const std::string& version) {
    const auto& all = SupportedProtocolVersions();
    return std::find(all.begin(), all.end(), version) != all.end();
}

Session::Session(const ServerInfo& info, ToolService& tools, const PromptCatalog& prompts)
    : info_(info),
      tools_(tools),
      prompts_(prompts),
      listed_resources_(Json::array({ListResources(tools), ListResourceTemplates(tools)})),
      listed_prompts_(prompts.List(tools)),
      log_level_(1) {}

std::string Session::protocol_version() const {
    std::lock_guard lock(mu_);
    return protocol_version_;
}

bool Session::Structured() const { return protocol_version() >= kStructuredSince; }

void Session::SetStream(std::shared_ptr<Outbox> stream) {
    std::lock_guard lock(mu_);
    stream_ = std::move(stream);
}

void Session::SendToStream(const Json& message) {
    std::shared_ptr<Outbox> stream;
    {
        std::lock_guard lock(mu_);
        stream = stream_;
    }
    if (stream && initialized()) stream->Send(message);
}

void Session::NotifyToolsChanged() {
    Json resources = Json::array({ListResources(tools_), ListResourceTemplates(tools_)});
    Json prompts = prompts_.List(tools_);
    bool resources_changed = false;
    bool prompts_changed = false;
    {
        std::lock_guard lock(listed_mu_);
        resources_changed = resources != listed_resources_;
        prompts_changed = prompts != listed_prompts_;
        listed_resources_ = std::move(resources);
        listed_prompts_ = std::move(prompts);
    }
    SendToStream(jsonrpc::MakeNotification("notifications/tools/list_changed"));
    if (resources_changed) SendToStream(jsonrpc::MakeNotification("notifications/resources/list_changed"));
    if (prompts_changed) SendToStream(jsonrpc::MakeNotification("notifications/prompts/list_changed"));
}

void Session::Log(const std::string& level, const std::string& logger, Json data) {
    {
        std::lock_guard lock(mu_);
        if (LogLevelIndex(level) < log_level_) return;
    }
    SendToStream(jsonrpc::MakeNotification("notifications/message",
                                           Json{{"level", level}, {"logger", logger}, {"data", std::move(data)}}));
}

void Session::Cancel(const Json& id) {
    std::lock_guard lock(mu_);
    // Unknown or finished requests are ignored: cancellation races with completion.
    if (auto it = in_flight_.find(jsonrpc::IdKey(id)); it != in_flight_.end()) it->second->Cancel();
}

void Session::CancelAll() {
    std::lock_guard lock(mu_);
    for (auto& [id, control] : in_flight_) control->Cancel();
}

std::optional<Json> Session::Handle(const jsonrpc::Message& message, Outbox& related) {
    // No exception crosses the protocol boundary: a bug becomes an internal error, never a crash.
    try {
        return HandleMessage(message, related);
    } catch (const std::exception& e) {
        spdlog::error("internal error handling '{}': {}", message.method, e.what());
    }
    if (!message.is_request()) return std::nullopt;
    return jsonrpc::MakeError(message.id, jsonrpc::kInternalError, "internal error (see the server log)");
}

std::optional<Json> Session::HandleMessage(const jsonrpc::Message& message, Outbox& related) {
    if (message.kind == jsonrpc::Message::Kind::kNotification) {
        HandleNotification(message);
        return std::nullopt;
    }
    if (message.kind == jsonrpc::Message::Kind::kResponse) return std::nullopt;  // we send no requests

    const auto key = jsonrpc::IdKey(message.id);
    auto control = std::make_shared<CallControl>();
    {
        std::lock_guard lock(mu_);
        if (protocol_version_.empty() && message.method != "initialize" && message.method != "ping") {
            return jsonrpc::MakeError(message.id, jsonrpc::kInvalidRequest,
                                      "the session is not initialized: send \"initialize\" first");
        }
        if (!in_flight_.emplace(key, control).second) {
            return jsonrpc::MakeError(message.id, jsonrpc::kInvalidRequest,
                                      "request id " + key + " is already in use by a request in flight");
        }
    }
    struct Forget {  // the request leaves in_flight_ however Dispatch ends
        Session* self;
        const std::string& key;
        ~Forget() {
            std::lock_guard lock(self->mu_);
            self->in_flight_.erase(key);
        }
    };
    std::optional<StatusOr<Json>> result;
    {
        Forget forget{this, key};
        result.emplace(Dispatch(message, related, *control));
    }
    if (control->cancelled()) return std::nullopt;  // the client asked us not to answer
    if (!result->ok()) return ErrorResponse(message.id, result->status());
    return jsonrpc::MakeResult(message.id, std::move(**result));
}

void Session::HandleNotification(const jsonrpc::Message& message) {
    if (message.method == "notifications/initialized") {
        initialized_ = true;
    } else if (message.method == "notifications/cancelled") {
        if (!message.params.is_object() || !message.params.contains("requestId")) return;
        Cancel(message.params["requestId"]);
    }
    // Other notifications (roots/list_changed, progress, ...) need nothing from this server.
}

StatusOr<Json> Session::Dispatch(const jsonrpc::Message& m, Outbox& related, CallControl& control) {
    const auto& method = m.method;
    if (method == "initialize") return Initialize(m.params);
    if (method == "ping") return Json::object();
    if (method == "tools/list") return ListTools(m.params);
    if (method == "tools/call") return CallTool(m, related, control);
    if (method == "logging/setLevel") return SetLogLevel(m.params);
    if (method == "completion/complete") return Complete(m.params);
    if (method == "resources/list") {
        GANTRY_RETURN_IF_ERROR(NoCursor(m.params));
        return Json{{"resources", ListResources(tools_)}};
    }
    if (method == "resources/templates/list") {
        GANTRY_RETURN_IF_ERROR(NoCursor(m.params));
        return Json{{"resourceTemplates", ListResourceTemplates(tools_)}};
    }
    if (method == "resources/read") return ReadResource(m.params, control);
    if (method == "prompts/list") {
        GANTRY_RETURN_IF_ERROR(NoCursor(m.params));
        return Json{{"prompts", prompts_.List(tools_)}};
    }
    if (method == "prompts/get") return GetPrompt(m.params);
    return UnimplementedError("method not found: " + method);
}

StatusOr<Json> Session::Initialize(const Json& params) {
    GANTRY_ASSIGN_OR_RETURN(auto requested, RequiredString(params, "protocolVersion"));
    const std::string version = IsSupportedProtocolVersion(requested) ? requested : SupportedProtocolVersions().front();
    {
        std::lock_guard lock(mu_);
        if (!protocol_version_.empty()) return InvalidArgumentError("the session is already initialized");
        protocol_version_ = version;
    }
    Json server_info{{"name", info_.name}, {"version", info_.version}};
    if (!info_.title.empty()) server_info["title"] = info_.title;
    Json result{{"protocolVersion", version},
                {"capabilities",
                 {{"tools", {{"listChanged", true}}},
                  {"logging", Json::object()},
                  {"completions", Json::object()},
                  {"resources", {{"listChanged", true}, {"subscribe", false}}},
                  {"prompts", {{"listChanged", prompts_.DependsOnTools()}}}}},
                {"serverInfo", std::move(server_info)}};
    if (!info_.instructions.empty()) result["instructions"] = info_.instructions;
    return result;
}

StatusOr<Json> Session::ListTools(const Json& params) const {
    GANTRY_RETURN_IF_ERROR(NoCursor(params));
    const bool structured = Structured();
    Json tools = Json::array();
    for (const auto* tool : tools_.Available()) tools.push_back(tool->ToMcp(structured));
    return Json{{"tools", std::move(tools)}};
}

StatusOr<Json> Session::CallTool(const jsonrpc::Message& m, Outbox& related, CallControl& control) {
    GANTRY_ASSIGN_OR_RETURN(auto name, RequiredString(m.params, "name"));
    Json arguments = m.params.value("arguments", Json());
    if (!arguments.is_null() && !arguments.is_object()) {
        return InvalidArgumentError("invalid params: \"arguments\" must be an object");
    }
    Json token;
    if (const auto meta = m.params.find("_meta"); meta != m.params.end() && meta->is_object()) {
        if (const auto t = meta->find("progressToken"); t != meta->end() && (t->is_string() || t->is_number_integer())) {
            token = *t;
        }
    }
    StreamProgress progress;
    if (!token.is_null()) {
        progress = [&related, token](const Json& message, int64_t index) {
            related.Send(jsonrpc::MakeNotification(
                "notifications/progress",
                Json{{"progressToken", token},
                     {"progress", index},
                     {"message", message.dump(-1, ' ', false, Json::error_handler_t::replace)}}));
        };
    }
    return tools_.Call(name, arguments, control, progress, Structured());
}

StatusOr<Json> Session::SetLogLevel(const Json& params) {
    GANTRY_ASSIGN_OR_RETURN(auto level, RequiredString(params, "level"));
    const int index = LogLevelIndex(level);
    if (index < 0) {
        return InvalidArgumentError("invalid params: unknown log level '" + level +
                                    "' (debug, info, notice, warning, error, critical, alert or emergency)");
    }
    std::lock_guard lock(mu_);
    log_level_ = index;
    return Json::object();
}

StatusOr<Json> Session::Complete(const Json& params) const {
    const auto ref = params.is_object() ? params.find("ref") : params.end();
    if (ref == params.end() || !ref->is_object() || !ref->contains("type") || !(*ref)["type"].is_string()) {
        return InvalidArgumentError("invalid params: \"ref\" must be an object with a \"type\"");
    }
    const auto type = (*ref)["type"].get<std::string>();
    if (type != "ref/prompt" && type != "ref/resource") {
        return InvalidArgumentError("invalid params: ref.type must be \"ref/prompt\" or \"ref/resource\"");
    }
    const auto argument = params.find("argument");
    if (argument == params.end() || !argument->is_object()) {
        return InvalidArgumentError("invalid params: \"argument\" must be an object with \"name\" and \"value\"");
    }
    GANTRY_ASSIGN_OR_RETURN(auto name, RequiredString(*argument, "name"));
    const auto value = argument->value("value", Json(""));
    std::vector<std::string> values;
    // Prompt arguments may list known values; no resource template of this server takes arguments yet.
    if (type == "ref/prompt" && ref->contains("name") && (*ref)["name"].is_string() && value.is_string()) {
        values = prompts_.Complete((*ref)["name"].get<std::string>(), name, value.get<std::string>());
    }
    return Json{{"completion", {{"values", values}, {"total", values.size()}, {"hasMore", false}}}};
}

StatusOr<Json> Session::ReadResource(const Json& params, CallControl& control) {
    GANTRY_ASSIGN_OR_RETURN(auto uri, RequiredString(params, "uri"));
    GANTRY_ASSIGN_OR_RETURN(auto contents, mcp::ReadResource(uri, tools_, control));
    return Json{{"contents", std::move(contents)}};
}

StatusOr<Json> Session::GetPrompt(const Json& params) const {
    GANTRY_ASSIGN_OR_RETURN(auto name, RequiredString(params, "name"));
    return prompts_.Get(name, params.value("arguments", Json()), tools_);
}

}  // namespace gantry::mcp
