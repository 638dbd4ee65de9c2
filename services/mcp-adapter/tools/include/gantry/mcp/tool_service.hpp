#pragma once
/// @file Tools as MCP sees them: the registry's tools whose backend is up, and tools/call turned into
/// a gRPC call (JSON arguments -> request message -> backend -> response JSON -> CallToolResult).
/// A monitor probes the backends; when the set of available tools changes, listeners are told.

#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/mcp/backend.hpp"
#include "gantry/mcp/tool_registry.hpp"

namespace gantry::mcp {

/// Called with each streamed message (as JSON) and its 1-based position.
using StreamProgress = std::function<void(const nlohmann::json& message, int64_t index)>;

class ToolService {
public:
    struct Options {
        std::chrono::milliseconds probe_interval{2000};
        std::chrono::milliseconds probe_timeout{1000};
        int64_t max_stream_messages = 10000;  // a longer stream ends the call with an error
    };

    ToolService(ToolRegistry registry, std::vector<std::unique_ptr<Backend>> backends, Options options);
    ~ToolService();
    ToolService(const ToolService&) = delete;
    ToolService& operator=(const ToolService&) = delete;

    /// Probes every backend once (bounded by probe_timeout each), then keeps probing in the background.
    void Start();
    /// Stops the background probing (also done by the destructor).
    void Stop();

    /// Tools whose backend is up, ordered by name.
    std::vector<const ToolDefinition*> Available() const;

    /// Runs tools/call. Unknown tools are an INVALID_ARGUMENT Status (a protocol error); everything that goes
    /// wrong once the tool is known (bad arguments, backend down, a gRPC error) is a CallToolResult
    /// with isError. `structured` = false leaves out structuredContent (revisions before 2025-06-18).
    StatusOr<nlohmann::json> Call(const std::string& name, const nlohmann::json& arguments, CallControl& control,
                                  const StreamProgress& progress, bool structured);

    /// Registers a listener run (on the prober's or a caller's thread) when the available set changes.
    void OnToolsChanged(std::function<void()> listener);
    /// Registers a listener told when a backend goes up or down (name, up, address).
    void OnBackendChanged(std::function<void(const Backend&)> listener);

    /// Every backend with its state and tools, as JSON (for the gantry://adapter/backends resource).
    nlohmann::json DescribeBackends() const;

    const ToolRegistry& registry() const { return registry_; }

private:
    Backend* FindBackend(const std::string& name) const;
    void ProbeAll();
    void Notify(const std::vector<const Backend*>& changed);
    void RunProber();

    ToolRegistry registry_;
    std::vector<std::unique_ptr<Backend>> backends_;
    Options options_;

    std::mutex listeners_mu_;
    std::vector<std::function<void()>> tools_listeners_;
    std::vector<std::function<void(const Backend&)>> backend_listeners_;

    std::mutex prober_mu_;
    std::condition_variable prober_cv_;
    bool stopping_ = false;
    std::thread prober_;
};

/// The CallToolResult of a successful call: structuredContent and the same JSON as text.
nlohmann::json SuccessResult(nlohmann::json structured, bool with_structured);
/// The CallToolResult of a failed call: isError with one text item.
nlohmann::json ErrorResult(const std::string& text);

}  // namespace gantry::mcp
