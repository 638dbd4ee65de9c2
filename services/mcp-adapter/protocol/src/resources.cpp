#include "gantry/mcp/resources.hpp"

namespace gantry::mcp {

using Json = nlohmann::json;

Json ListResources() {
    return Json::array({{{"uri", kBackendsResourceUri},
                         {"name", "backends"},
                         {"title", "Gantry backends"},
                         {"description", "Every configured gRPC backend: its address, whether it is up, and its tools."},
                         {"mimeType", "application/json"}}});
}

std::optional<Json> ReadResource(const std::string& uri, const ToolService& tools) {
    if (uri != kBackendsResourceUri) return std::nullopt;
    return Json::array({{{"uri", uri},
                         {"mimeType", "application/json"},
                         {"text", tools.DescribeBackends().dump(2, ' ', false, Json::error_handler_t::replace)}}});
}

}  // namespace gantry::mcp
