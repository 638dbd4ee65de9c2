#pragma once
/// @file The tool set: every RPC in the linked descriptor pool that carries the
/// `(gantry.common.v1.mcp_tool)` option, matched to the backend that serves it and filtered by
/// configuration. Built once at startup; an RPC gains a tool by gaining the option.

#include <google/protobuf/descriptor.h>

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace gantry::mcp {

/// Which gRPC services a backend serves and which of their tools are exposed.
struct ToolSelection {
    std::string backend;                     // the backend's configured name
    std::vector<std::string> services;       // full service names or package prefixes ("gantry.db"); "*" = all
    std::vector<std::string> tools;          // exposed tool names; empty = all
    std::vector<std::string> exclude_tools;  // never exposed
};

struct ToolDefinition {
    std::string name;
    std::string title;
    std::string description;
    nlohmann::json input_schema;
    nlohmann::json output_schema;
    nlohmann::json annotations;
    const google::protobuf::MethodDescriptor* method = nullptr;
    std::string grpc_method;  // "/gantry.db.v1.Query/Execute"
    bool server_streaming = false;
    std::string backend;

    /// The MCP Tool object for tools/list; `with_output_schema` is false for protocol revisions before
    /// 2025-06-18, which have no structured results.
    nlohmann::json ToMcp(bool with_output_schema) const;
};

/// Every method with the mcp_tool option in the generated (linked) descriptor pool.
std::vector<const google::protobuf::MethodDescriptor*> FindAnnotatedMethods();

/// Whether `name` is a valid Gantry tool name: [a-z0-9_], 1 to 64 characters.
bool IsValidToolName(const std::string& name);

class ToolRegistry {
public:
    /// Builds the tool set from `methods`. Methods no selection claims are skipped; problems
    /// (invalid names, client streaming, non-object messages, unknown names in a selection's `tools`)
    /// are skipped too and described in warnings(). When two backends offer the same tool name, the
    /// first backend keeps it and the other's becomes "<backend>_<name>" (with a warning); within
    /// one backend, the later duplicate is skipped.
    static ToolRegistry Build(const std::vector<const google::protobuf::MethodDescriptor*>& methods,
                              const std::vector<ToolSelection>& selections);

    const ToolDefinition* Find(const std::string& name) const;
    /// All tools, ordered by name.
    const std::vector<ToolDefinition>& tools() const { return tools_; }
    const std::vector<std::string>& warnings() const { return warnings_; }

private:
    std::vector<ToolDefinition> tools_;
    std::map<std::string, size_t> by_name_;
    std::vector<std::string> warnings_;
};

}  // namespace gantry::mcp
