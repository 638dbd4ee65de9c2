#include "gantry/mcp/tool_registry.hpp"

#include <google/protobuf/descriptor_database.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "gantry/common/v1/mcp_tool.pb.h"
#include "gantry/mcp/json_schema.hpp"

namespace gantry::mcp {
namespace {

using google::protobuf::MethodDescriptor;
using Json = nlohmann::json;

// "GetTableSchema" -> "get_table_schema"
std::string SnakeCase(const std::string& name) {
    std::string out;
    for (size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (std::isupper(c) && i > 0) out.push_back('_');
        out.push_back(static_cast<char>(std::tolower(c)));
    }
    return out;
}

bool ServiceMatches(const std::string& pattern, const std::string& service) {
    if (pattern == "*" || pattern == service) return true;
    return service.size() > pattern.size() && service.compare(0, pattern.size(), pattern) == 0 &&
           service[pattern.size()] == '.';
}

const ToolSelection* SelectionFor(const std::vector<ToolSelection>& selections, const std::string& service) {
    for (const auto& s : selections) {
        for (const auto& pattern : s.services) {
            if (ServiceMatches(pattern, service)) return &s;
        }
    }
    return nullptr;
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

bool IsValidToolName(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::vector<const MethodDescriptor*> FindAnnotatedMethods() {
    std::vector<std::string> files;
    google::protobuf::DescriptorPool::internal_generated_database()->FindAllFileNames(&files);
    std::sort(files.begin(), files.end());
    std::vector<const MethodDescriptor*> out;
    const auto* pool = google::protobuf::DescriptorPool::generated_pool();
    for (const auto& name : files) {
        const auto* file = pool->FindFileByName(name);
        if (!file) continue;
        for (int s = 0; s < file->service_count(); ++s) {
            const auto* service = file->service(s);
            for (int m = 0; m < service->method_count(); ++m) {
                const auto* method = service->method(m);
                if (method->options().HasExtension(gantry::common::v1::mcp_tool)) out.push_back(method);
            }
        }
    }
    return out;
}

Json ToolDefinition::ToMcp(bool with_output_schema) const {
    Json tool{{"name", name}, {"description", description}, {"inputSchema", input_schema},
              {"annotations", annotations}};
    if (!title.empty()) tool["title"] = title;
    if (with_output_schema) tool["outputSchema"] = output_schema;
    return tool;
}

ToolRegistry ToolRegistry::Build(const std::vector<const MethodDescriptor*>& methods,
                                 const std::vector<ToolSelection>& selections) {
    ToolRegistry registry;
    std::set<std::pair<std::string, std::string>> seen;  // (backend, tool) pairs that exist
    for (const auto* method : methods) {
        const auto& option = method->options().GetExtension(gantry::common::v1::mcp_tool);
        const auto rpc = method->full_name();
        const auto* selection = SelectionFor(selections, method->service()->full_name());
        if (!selection) continue;
        ToolDefinition tool;
        tool.name = option.name().empty() ? SnakeCase(method->name()) : option.name();
        seen.emplace(selection->backend, tool.name);
        if (!IsValidToolName(tool.name)) {
            registry.warnings_.push_back("skipping " + rpc + ": tool name '" + tool.name +
                                         "' is not 1-64 characters of [a-z0-9_]");
            continue;
        }
        if (Contains(selection->exclude_tools, tool.name) ||
            (!selection->tools.empty() && !Contains(selection->tools, tool.name))) {
            continue;
        }
        if (method->client_streaming()) {
            registry.warnings_.push_back("skipping " + rpc + ": client-streaming RPCs cannot be tools");
            continue;
        }
        if (registry.by_name_.count(tool.name)) {
            // The first backend keeps the name; a later one's tool is prefixed with its backend's name.
            const auto& owner = registry.tools_[registry.by_name_[tool.name]];
            const auto renamed = selection->backend + "_" + tool.name;
            if (owner.backend == selection->backend || !IsValidToolName(renamed) || registry.by_name_.count(renamed)) {
                registry.warnings_.push_back("skipping " + rpc + ": tool name '" + tool.name + "' is already used by " +
                                             owner.method->full_name());
                continue;
            }
            registry.warnings_.push_back(rpc + ": tool name '" + tool.name + "' is already used by " +
                                         owner.method->full_name() + " (backend '" + owner.backend +
                                         "'); exposing it as '" + renamed + "'");
            tool.name = renamed;
        }
        tool.input_schema = InputSchema(method->input_type());
        tool.server_streaming = method->server_streaming();
        tool.output_schema =
            tool.server_streaming ? StreamOutputSchema(method->output_type()) : OutputSchema(method->output_type());
        if (tool.input_schema.value("type", "") != "object" || tool.output_schema.value("type", "") != "object") {
            registry.warnings_.push_back("skipping " + rpc + ": its request and response must print as JSON objects");
            continue;
        }
        tool.title = option.title();
        tool.description = option.description().empty() ? "Calls " + rpc + "." : option.description();
        tool.annotations = {{"readOnlyHint", option.read_only()},
                            {"destructiveHint", option.destructive()},
                            {"idempotentHint", option.idempotent()},
                            {"openWorldHint", option.open_world()}};
        if (!tool.title.empty()) tool.annotations["title"] = tool.title;
        tool.method = method;
        tool.grpc_method = "/" + method->service()->full_name() + "/" + method->name();
        tool.backend = selection->backend;
        registry.by_name_[tool.name] = registry.tools_.size();
        registry.tools_.push_back(std::move(tool));
    }
    for (const auto& selection : selections) {
        for (const auto& name : selection.tools) {
            if (!seen.count({selection.backend, name})) {
                registry.warnings_.push_back("backend '" + selection.backend + "' lists tool '" + name +
                                             "', but none of its services has a tool of that name");
            }
        }
    }
    std::sort(registry.tools_.begin(), registry.tools_.end(),
              [](const ToolDefinition& a, const ToolDefinition& b) { return a.name < b.name; });
    registry.by_name_.clear();
    for (size_t i = 0; i < registry.tools_.size(); ++i) registry.by_name_[registry.tools_[i].name] = i;
    return registry;
}

const ToolDefinition* ToolRegistry::Find(const std::string& name) const {
    const auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : &tools_[it->second];
}

}  // namespace gantry::mcp
