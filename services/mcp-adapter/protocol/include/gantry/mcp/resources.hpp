#pragma once
/// @file The adapter's own MCP resources (as JSON documents); backends' resources join as they exist.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "gantry/mcp/tool_service.hpp"

namespace gantry::mcp {

/// URI of the resource listing every backend with its address, state and tools.
inline constexpr const char* kBackendsResourceUri = "gantry://adapter/backends";

/// The resources/list entries.
nlohmann::json ListResources();

/// The resources/read contents of `uri`, or nothing when there is no such resource.
std::optional<nlohmann::json> ReadResource(const std::string& uri, const ToolService& tools);

}  // namespace gantry::mcp
