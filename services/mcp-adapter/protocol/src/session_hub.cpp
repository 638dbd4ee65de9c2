#include "gantry/mcp/session_hub.hpp"

#include <algorithm>

namespace gantry::mcp {

SessionHub::SessionHub(ServerInfo info, ToolService& tools, std::vector<PromptDefinition> prompts)
    : info_(std::move(info)), tools_(tools), prompts_(std::move(prompts)) {
    tools_.OnToolsChanged([this] { ForEachSession([](Session& s) { s.NotifyToolsChanged(); }); });
    tools_.OnBackendChanged([this](const Backend& backend) {
        nlohmann::json data{{"backend", backend.config().name},
                            {"address", backend.config().address},
                            {"up", backend.up()},
                            {"message", "backend '" + backend.config().name + "' is " + (backend.up() ? "up" : "down")}};
        ForEachSession([&](Session& s) { s.Log(backend.up() ? "info" : "warning", "gantry.backends", data); });
    });
}

std::shared_ptr<Session> SessionHub::Create() {
    auto session = std::make_shared<Session>(info_, tools_, prompts_);
    std::lock_guard lock(mu_);
    sessions_.erase(std::remove_if(sessions_.begin(), sessions_.end(), [](const auto& w) { return w.expired(); }),
                    sessions_.end());
    sessions_.push_back(session);
    return session;
}

template <typename Fn>
void SessionHub::ForEachSession(Fn fn) {
    std::vector<std::shared_ptr<Session>> live;
    {
        std::lock_guard lock(mu_);
        for (const auto& w : sessions_) {
            if (auto s = w.lock()) live.push_back(std::move(s));
        }
    }
    for (const auto& s : live) fn(*s);
}

}  // namespace gantry::mcp
