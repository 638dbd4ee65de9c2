#pragma once
/// @file Creates sessions and tells every live one what concerns them all: the tool set changed
/// (notifications/tools/list_changed, and resources/ or prompts/list_changed when those lists changed with it)
/// and a backend went up or down (a log message).

#include <memory>
#include <mutex>
#include <vector>

#include "gantry/mcp/session.hpp"
#include "gantry/mcp/tool_service.hpp"

namespace gantry::mcp {

class SessionHub {
public:
    /// Subscribes to `tools`' changes; `tools` must stop notifying before the hub is destroyed.
    SessionHub(ServerInfo info, ToolService& tools, std::vector<PromptDefinition> prompts = {});

    std::shared_ptr<Session> Create();
    ToolService& tools() { return tools_; }

private:
    template <typename Fn>
    void ForEachSession(Fn fn);

    ServerInfo info_;
    ToolService& tools_;
    PromptCatalog prompts_;
    std::mutex mu_;
    std::vector<std::weak_ptr<Session>> sessions_;
};

}  // namespace gantry::mcp
