#pragma once
/// @file The mcp-adapter service: tools from the linked descriptors, backends, and the MCP
/// transports, wired into the common runtime (which still serves health, Admin and metrics).

#include <memory>
#include <thread>
#include <vector>

#include "gantry/common/service_main.hpp"
#include "gantry/mcp/adapter_config.hpp"
#include "gantry/mcp/http_transport.hpp"
#include "gantry/mcp/session_hub.hpp"
#include "gantry/mcp/stdio_transport.hpp"
#include "gantry/mcp/tool_service.hpp"

namespace gantry::mcp {

class AdapterModule final : public ServiceModule {
public:
    ~AdapterModule() override;
    void Configure(ConfigSection& root, const CommonConfig& common) override;
    Status Start(ServiceHost& host) override;
    std::vector<FlagSpec> Flags() const override;

private:
    void Shutdown();

    AdapterConfig config_;
    ServerInfo info_;
    std::unique_ptr<ToolService> tools_;
    std::unique_ptr<SessionHub> hub_;
    std::unique_ptr<HttpTransport> http_;
    std::unique_ptr<StdioTransport> stdio_;
    std::thread stdio_thread_;
};

}  // namespace gantry::mcp
