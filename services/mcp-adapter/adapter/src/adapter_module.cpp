#include "gantry/mcp/adapter_module.hpp"

#include <spdlog/spdlog.h>

namespace gantry::mcp {

AdapterModule::~AdapterModule() { Shutdown(); }

std::vector<FlagSpec> AdapterModule::Flags() const {
    return {
        {"stdio", "mcp.transport", "serve MCP on stdin/stdout instead of HTTP; exits when stdin closes", "stdio",
         // Each MCP client starts its own copy: keep the copies off the fixed default ports.
         {{"server.listen", "127.0.0.1:0"}, {"server.metrics_listen", ""}}},
        {"http-listen", "mcp.http.listen", "host:port for MCP over HTTP at /mcp", ""},
    };
}

void AdapterModule::Configure(ConfigSection& root, const CommonConfig& common) {
    config_ = ReadAdapterConfig(root);
}

Status AdapterModule::Start(ServiceHost& host) {
    info_.version = GantryVersion();
    info_.instructions = config_.instructions;
    std::vector<ToolSelection> selections;
    std::vector<std::unique_ptr<Backend>> backends;
    for (const auto& entry : config_.backends) {
        selections.push_back(entry.selection);
        auto backend = entry.backend;
        backend.max_message_bytes = host.config().server.max_message_bytes;
        backends.push_back(std::make_unique<Backend>(std::move(backend)));
    }
    auto registry = ToolRegistry::Build(FindAnnotatedMethods(), selections);
    for (const auto& warning : registry.warnings()) spdlog::warn("tools: {}", warning);
    spdlog::info("{} tools from {} backends", registry.tools().size(), backends.size());
    tools_ = std::make_unique<ToolService>(std::move(registry), std::move(backends), config_.tools);
    hub_ = std::make_unique<SessionHub>(info_, *tools_, config_.prompts);
    tools_->Start();

    if (config_.http_enabled) {
        http_ = std::make_unique<HttpTransport>(*hub_, config_.http);
        GANTRY_ASSIGN_OR_RETURN(auto address, http_->Start());
        host.AddEndpoint("mcp_http", "http://" + address + "/mcp");
        spdlog::info("serving MCP over HTTP on http://{}/mcp", address);
    }
    if (config_.stdio) {
        stdio_ = std::make_unique<StdioTransport>(*hub_, config_.stdio_options);
        stdio_thread_ = std::thread([this] {
            stdio_->Run();
            spdlog::info("stdin closed: shutting down");
            ServiceHost::RequestShutdown();
        });
        host.AddEndpoint("mcp_stdio", "stdio");
    }
    if (!http_ && !stdio_) {
        spdlog::warn("no MCP transport: set mcp.http.listen (--http-listen 127.0.0.1:8454) or pass --stdio");
    }
    host.OnShutdown([this] { Shutdown(); });
    return Status::Ok();
}

void AdapterModule::Shutdown() {
    if (stdio_) stdio_->Stop();
    if (stdio_thread_.joinable()) stdio_thread_.join();
    if (http_) http_->Stop();
    if (tools_) tools_->Stop();
}

}  // namespace gantry::mcp
