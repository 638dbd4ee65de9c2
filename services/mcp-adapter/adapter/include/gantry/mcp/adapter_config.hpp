#pragma once
/// @file The mcp-adapter's configuration keys (`mcp.*`).

#include <string>
#include <vector>

#include "gantry/common/config.hpp"
#include "gantry/mcp/backend.hpp"
#include "gantry/mcp/http_transport.hpp"
#include "gantry/mcp/prompts.hpp"
#include "gantry/mcp/stdio_transport.hpp"
#include "gantry/mcp/tool_registry.hpp"
#include "gantry/mcp/tool_service.hpp"

namespace gantry::mcp {

struct BackendEntry {
    BackendConfig backend;
    ToolSelection selection;
};

struct AdapterConfig {
    bool stdio = false;  // stdio instead of HTTP
    bool http_enabled = true;
    HttpOptions http;
    StdioOptions stdio_options;
    ToolService::Options tools;
    std::vector<BackendEntry> backends;
    std::vector<PromptDefinition> prompts;
    std::string instructions;
};

/// Reads `mcp.*`. Without `mcp.backends`, the suite's own services on their default addresses are used.
AdapterConfig ReadAdapterConfig(ConfigSection root);

}  // namespace gantry::mcp
