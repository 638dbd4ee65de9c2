#pragma once
/// @file Workflow prompts: a message template with arguments that needs certain tools. A prompt is
/// offered only while every tool it needs is available, so a prompt for a backend that is not
/// running (or not built yet) never shows up.

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/mcp/tool_service.hpp"

namespace gantry::mcp {

struct PromptArgument {
    std::string name;
    std::string description;
    bool required = true;
    std::vector<std::string> values;  // known choices, offered by completion/complete
};

struct PromptDefinition {
    std::string name;
    std::string title;
    std::string description;
    std::vector<PromptArgument> arguments;
    std::vector<std::string> required_tools;
    std::string text;  // the user message; {{argument}} is replaced by the argument's value
};

/// The prompts Gantry ships, written against the suite's tool names.
std::vector<PromptDefinition> BuiltinPrompts();

/// Checks a definition: a valid name, a text, and no {{placeholder}} without an argument.
Status ValidatePrompt(const PromptDefinition& prompt);

class PromptCatalog {
public:
    explicit PromptCatalog(std::vector<PromptDefinition> prompts);

    /// The prompts/list entries whose tools are all available.
    nlohmann::json List(const ToolService& tools) const;
    /// prompts/get: INVALID_ARGUMENT for an unknown or unavailable prompt or a missing argument.
    StatusOr<nlohmann::json> Get(const std::string& name, const nlohmann::json& arguments,
                                 const ToolService& tools) const;
    /// Known values of a prompt argument that start with `prefix` (at most 100).
    std::vector<std::string> Complete(const std::string& prompt, const std::string& argument,
                                      const std::string& prefix) const;
    /// Whether some prompt depends on tools (its availability can change).
    bool DependsOnTools() const;

private:
    const PromptDefinition* Find(const std::string& name) const;
    static bool Available(const PromptDefinition& prompt, const ToolService& tools);

    std::vector<PromptDefinition> prompts_;
};

}  // namespace gantry::mcp
