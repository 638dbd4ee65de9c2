#pragma once
/// @file The adapter's MCP resources, as JSON documents: its own backends document, and resources read through
/// the backends' tools (database schemas, Turso sync statistics, the current Resolve project and its timelines),
/// each offered only while its tool is available.

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/mcp/tool_service.hpp"

namespace gantry::mcp {

/// URI of the resource listing every backend with its address, state and tools.
inline constexpr const char* kBackendsResourceUri = "gantry://adapter/backends";
/// The Status reason of a resources/read for a URI no resource has (JSON-RPC -32002).
inline constexpr const char* kResourceNotFoundReason = "RESOURCE_NOT_FOUND";

/// A resource read by calling a tool: the URI (template)'s {parts} are the tool's arguments.
struct ToolResource {
    std::string uri;  // "gantry://db/{database}/tables"; without {parts}, a fixed resource
    std::string name;
    std::string title;
    std::string description;
    std::string tool;  // "list_tables"
};

/// The resources read through the suite's tools.
const std::vector<ToolResource>& ToolResources();

/// The {parts} of `uri` when it matches `uri_template` (every part non-empty and without '/', percent-decoded).
std::optional<std::map<std::string, std::string>> MatchUriTemplate(std::string_view uri_template,
                                                                   std::string_view uri);

/// The resources/list entries: the backends document and the fixed tool resources whose tool is available.
nlohmann::json ListResources(const ToolService& tools);
/// The resources/templates/list entries: the templated tool resources whose tool is available.
nlohmann::json ListResourceTemplates(const ToolService& tools);

/// The resources/read contents of `uri`. An unknown URI, or a tool answering NOT_FOUND, is NOT_FOUND with reason
/// kResourceNotFoundReason and metadata "uri"; another tool error is UNAVAILABLE with the tool's message.
StatusOr<nlohmann::json> ReadResource(const std::string& uri, ToolService& tools, CallControl& control);

}  // namespace gantry::mcp
