#include "gantry/mcp/resources.hpp"

#include <algorithm>
#include <cctype>

namespace gantry::mcp {

using Json = nlohmann::json;

namespace {

bool ToolAvailable(const ToolService& tools, const std::string& name) {
    const auto available = tools.Available();
    return std::any_of(available.begin(), available.end(), [&](const ToolDefinition* t) { return t->name == name; });
}

bool IsTemplate(const ToolResource& r) { return r.uri.find('{') != std::string::npos; }

std::optional<std::string> PercentDecode(std::string_view in) {
    std::string out;
    for (size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out.push_back(in[i]);
            continue;
        }
        if (i + 2 >= in.size() || !std::isxdigit(static_cast<unsigned char>(in[i + 1])) ||
            !std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
            return std::nullopt;
        }
        out.push_back(static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16)));
        i += 2;
    }
    return out;
}

// A resources/list or resources/templates/list entry; `uri_key` is "uri" or "uriTemplate".
Json Entry(const ToolResource& r, const char* uri_key) {
    return {{uri_key, r.uri}, {"name", r.name}, {"title", r.title}, {"description", r.description},
            {"mimeType", "application/json"}};
}

Status NotFound(const std::string& uri, const std::string& message) {
    return NotFoundError(message).WithReason(kResourceNotFoundReason).WithMetadata("uri", uri);
}

}  // namespace

const std::vector<ToolResource>& ToolResources() {
    static const std::vector<ToolResource> kResources = {
        {"gantry://db/{database}/tables", "db-tables", "Database tables",
         "The tables and views of a db-gateway database (list_tables); {database} is its configured name, e.g. main.",
         "list_tables"},
        {"gantry://db/{database}/tables/{table}", "db-table-schema", "Table schema",
         "The columns of a table with their types, nullability and primary key (describe_table).", "describe_table"},
        {"gantry://turso/{database}/stats", "turso-stats", "Turso sync statistics",
         "A Turso database's sync statistics: pulls, pushes, revision, lag, queued changes, last error (turso_stats).",
         "turso_stats"},
        {"gantry://resolve/project", "resolve-project", "Current Resolve project",
         "The project open in DaVinci Resolve (get_current_project).", "get_current_project"},
        {"gantry://resolve/timelines", "resolve-timelines", "Timelines of the current Resolve project",
         "The timelines of the open project, in Resolve's order (list_timelines_tool).", "list_timelines_tool"},
    };
    return kResources;
}

std::optional<std::map<std::string, std::string>> MatchUriTemplate(std::string_view uri_template,
                                                                   std::string_view uri) {
    std::map<std::string, std::string> parts;
    size_t t = 0;
    size_t u = 0;
    while (t < uri_template.size()) {
        if (uri_template[t] != '{') {
            if (u >= uri.size() || uri[u] != uri_template[t]) return std::nullopt;
            ++t;
            ++u;
            continue;
        }
        const auto close = uri_template.find('}', t);
        if (close == std::string_view::npos) return std::nullopt;
        const auto name = uri_template.substr(t + 1, close - t - 1);
        const auto end = std::min(uri.find('/', u), uri.size());
        auto value = PercentDecode(uri.substr(u, end - u));
        if (!value || value->empty()) return std::nullopt;
        parts[std::string(name)] = std::move(*value);
        t = close + 1;
        u = end;
    }
    if (u != uri.size()) return std::nullopt;
    return parts;
}

Json ListResources(const ToolService& tools) {
    Json out = Json::array({{{"uri", kBackendsResourceUri},
                             {"name", "backends"},
                             {"title", "Gantry backends"},
                             {"description", "Every configured gRPC backend: its address, whether it is up, and its tools."},
                             {"mimeType", "application/json"}}});
    for (const auto& r : ToolResources()) {
        if (!IsTemplate(r) && ToolAvailable(tools, r.tool)) out.push_back(Entry(r, "uri"));
    }
    return out;
}

Json ListResourceTemplates(const ToolService& tools) {
    Json out = Json::array();
    for (const auto& r : ToolResources()) {
        if (IsTemplate(r) && ToolAvailable(tools, r.tool)) out.push_back(Entry(r, "uriTemplate"));
    }
    return out;
}

StatusOr<Json> ReadResource(const std::string& uri, ToolService& tools, CallControl& control) {
    if (uri == kBackendsResourceUri) {
        return Json::array({{{"uri", uri},
                             {"mimeType", "application/json"},
                             {"text", tools.DescribeBackends().dump(2, ' ', false, Json::error_handler_t::replace)}}});
    }
    for (const auto& r : ToolResources()) {
        auto parts = MatchUriTemplate(r.uri, uri);
        if (!parts) continue;
        if (!tools.registry().Find(r.tool)) break;  // a backend this adapter is not configured for
        Json arguments = Json::object();
        for (auto& [name, value] : *parts) arguments[name] = std::move(value);
        GANTRY_ASSIGN_OR_RETURN(auto result, tools.Call(r.tool, arguments, control, {}, /*structured=*/false));
        const auto text = result.at("content").at(0).at("text").get<std::string>();
        if (result.value("isError", false)) {
            if (text.find("NOT_FOUND") != std::string::npos) return NotFound(uri, "resource not found: " + text);
            return UnavailableError("cannot read " + uri + ": " + text);
        }
        return Json::array({{{"uri", uri}, {"mimeType", "application/json"}, {"text", text}}});
    }
    return NotFound(uri, "resource not found: " + uri);
}

}  // namespace gantry::mcp
