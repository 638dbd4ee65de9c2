#pragma once
/// @file The MCP protocol, transport-free: one Session per client connection (the stdio process, or
/// one Mcp-Session-Id over HTTP) answers requests and notifications. Transports parse messages,
/// hand them to Handle() and write what comes back.

#include <nlohmann/json.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "gantry/mcp/backend.hpp"
#include "gantry/mcp/jsonrpc.hpp"
#include "gantry/mcp/prompts.hpp"
#include "gantry/mcp/tool_service.hpp"

namespace gantry::mcp {

/// Where a transport writes server-to-client messages.
class Outbox {
public:
    virtual ~Outbox() = default;
    /// Sends one message; must be safe to call from any thread.
    virtual void Send(const nlohmann::json& message) = 0;
};

/// Revisions this server speaks, newest first.
const std::vector<std::string>& SupportedProtocolVersions();
bool IsSupportedProtocolVersion(const std::string& version);

struct ServerInfo {
    std::string name = "gantry-mcp-adapter";
    std::string title = "Gantry";
    std::string version;
    std::string instructions;
};

class Session {
public:
    Session(const ServerInfo& info, ToolService& tools, const PromptCatalog& prompts);

    /// Handles one message. A request's response is returned; notifications, responses and cancelled
    /// requests return nothing. Progress and log messages about this request go to `related`.
    /// Safe to call from several threads at once (requests run concurrently).
    std::optional<nlohmann::json> Handle(const jsonrpc::Message& message, Outbox& related);

    /// Where messages not tied to a request go (list_changed, logs); null drops them.
    void SetStream(std::shared_ptr<Outbox> stream);
    /// The tool set changed: sends notifications/tools/list_changed, and resources/list_changed or
    /// prompts/list_changed when the resources (and templates) or prompts listed differ from the last time this
    /// session looked (its creation or the previous change). Nothing is sent before the client is initialized.
    void NotifyToolsChanged();
    /// Sends notifications/message when `level` is at or above the level the client asked for.
    void Log(const std::string& level, const std::string& logger, nlohmann::json data);

    /// The negotiated revision ("" before initialize).
    std::string protocol_version() const;
    bool initialized() const { return initialized_.load(); }
    /// Cancels every call in flight (the client went away).
    void CancelAll();
    /// Cancels the request `id` if it is in flight (its response is then not sent); unknown ids are ignored.
    void Cancel(const nlohmann::json& id);

private:
    using Json = nlohmann::json;
    std::optional<Json> HandleMessage(const jsonrpc::Message& message, Outbox& related);
    StatusOr<Json> Dispatch(const jsonrpc::Message& message, Outbox& related, CallControl& control);
    StatusOr<Json> Initialize(const Json& params);
    StatusOr<Json> ListTools(const Json& params) const;
    StatusOr<Json> CallTool(const jsonrpc::Message& message, Outbox& related, CallControl& control);
    StatusOr<Json> SetLogLevel(const Json& params);
    StatusOr<Json> Complete(const Json& params) const;
    StatusOr<Json> ReadResource(const Json& params, CallControl& control);
    StatusOr<Json> GetPrompt(const Json& params) const;
    void SendToStream(const Json& message);
    void HandleNotification(const jsonrpc::Message& message);
    bool Structured() const;

    const ServerInfo& info_;
    ToolService& tools_;
    const PromptCatalog& prompts_;
    std::atomic<bool> initialized_{false};
    std::mutex listed_mu_;
    Json listed_resources_;  // [resources/list, resources/templates/list] as of the last tools change
    Json listed_prompts_;    // prompts/list as of the last tools change

    mutable std::mutex mu_;
    std::string protocol_version_;
    int log_level_;  // index into the MCP level list; messages below it are dropped
    std::shared_ptr<Outbox> stream_;
    std::map<std::string, std::shared_ptr<CallControl>> in_flight_;  // by jsonrpc::IdKey
};

}  // namespace gantry::mcp
