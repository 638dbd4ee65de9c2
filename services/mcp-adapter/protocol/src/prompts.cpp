#include "gantry/mcp/prompts.hpp"

#include <algorithm>
#include <set>

#include "gantry/mcp/tool_registry.hpp"

namespace gantry::mcp {
namespace {

using Json = nlohmann::json;

// The names inside {{...}} in `text`.
std::vector<std::string> Placeholders(const std::string& text) {
    std::vector<std::string> out;
    for (size_t pos = text.find("{{"); pos != std::string::npos; pos = text.find("{{", pos + 2)) {
        const auto end = text.find("}}", pos + 2);
        if (end == std::string::npos) break;
        out.push_back(text.substr(pos + 2, end - pos - 2));
    }
    return out;
}

std::string Fill(std::string text, const std::map<std::string, std::string>& values) {
    for (const auto& [name, value] : values) {
        const std::string placeholder = "{{" + name + "}}";
        for (size_t pos = text.find(placeholder); pos != std::string::npos;
             pos = text.find(placeholder, pos + value.size())) {
            text.replace(pos, placeholder.size(), value);
        }
    }
    return text;
}

}  // namespace

std::vector<PromptDefinition> BuiltinPrompts() {
    return {
        {"inspect_table",
         "Inspect a table",
         "Describe a database table and look at a few of its rows.",
         {{"table", "the table to inspect, optionally schema-qualified", true, {}}},
         {"describe_table", "query"},
         "Inspect the database table {{table}}. First call describe_table for its columns, types and keys. "
         "Then use query (read-only) to fetch at most 10 rows and count all rows. Summarize what the table "
         "holds, which columns look like keys or foreign keys, and anything unusual (NULL-heavy columns, "
         "suspicious values)."},
        {"rough_cut_from_bin",
         "Rough cut from a bin",
         "Assemble a first DaVinci Resolve timeline from the clips of one media pool bin.",
         {{"bin", "the media pool bin holding the clips", true, {}},
          {"timeline", "the new timeline's name (default: the bin's name and \"rough cut\")", false, {}}},
         {"list_bins", "list_clips", "get_clip_metadata", "create_timeline", "add_clip_to_timeline"},
         "Make a rough cut in DaVinci Resolve from the clips in the media pool bin {{bin}}. Use list_bins to find "
         "the bin and list_clips to list its clips; read get_clip_metadata where you need scene, take, shot or "
         "good-take marks. Choose an order: by scene, then shot, then take, keeping only the good take of each "
         "shot where takes are marked, and otherwise the clips' order in the bin. Then call create_timeline for a "
         "new timeline named \"{{timeline}}\" (if that name is empty, use the bin's name followed by \" rough "
         "cut\"), and add_clip_to_timeline to append the chosen clips in that order. Do not delete or move any "
         "clip. Report the order you chose, the clips you left out and why."},
        {"turso_sync_check",
         "Check a Turso database's sync",
         "Check a Turso database's sync state, sync it when it lags, and summarize its tables.",
         {{"database", "the Turso database name (empty: the default database)", false, {}}},
         {"turso_stats", "turso_sync", "turso_query"},
         "Check the Turso database \"{{database}}\" (an empty name means the default database). Call turso_stats "
         "for its mode, revision, lag, queued local changes and last error. If it is a replica or offline database "
         "and it has queued changes, a last error, or a lag of more than a minute, call turso_sync once and call "
         "turso_stats again to compare. Then use turso_query to list its tables (SELECT name FROM sqlite_schema "
         "WHERE type = 'table' AND name NOT LIKE 'sqlite_%') and count the rows of each. Summarize the sync state, "
         "what changed, and anything that needs attention."},
    };
}

Status ValidatePrompt(const PromptDefinition& prompt) {
    if (!IsValidToolName(prompt.name)) {
        return InvalidArgumentError("prompt name '" + prompt.name + "' must be 1-64 characters of [a-z0-9_]");
    }
    if (prompt.text.empty()) return InvalidArgumentError("prompt '" + prompt.name + "' needs a text");
    std::set<std::string> names;
    for (const auto& a : prompt.arguments) names.insert(a.name);
    for (const auto& p : Placeholders(prompt.text)) {
        if (!names.count(p)) {
            return InvalidArgumentError("prompt '" + prompt.name + "' uses {{" + p + "}} but has no argument '" + p +
                                        "'");
        }
    }
    return Status::Ok();
}

PromptCatalog::PromptCatalog(std::vector<PromptDefinition> prompts) : prompts_(std::move(prompts)) {}

const PromptDefinition* PromptCatalog::Find(const std::string& name) const {
    for (const auto& p : prompts_) {
        if (p.name == name) return &p;
    }
    return nullptr;
}

bool PromptCatalog::Available(const PromptDefinition& prompt, const ToolService& tools) {
    const auto available = tools.Available();
    return std::all_of(prompt.required_tools.begin(), prompt.required_tools.end(), [&](const std::string& name) {
        return std::any_of(available.begin(), available.end(), [&](const ToolDefinition* t) { return t->name == name; });
    });
}

bool PromptCatalog::DependsOnTools() const {
    return std::any_of(prompts_.begin(), prompts_.end(), [](const auto& p) { return !p.required_tools.empty(); });
}

Json PromptCatalog::List(const ToolService& tools) const {
    Json out = Json::array();
    for (const auto& p : prompts_) {
        if (!Available(p, tools)) continue;
        Json arguments = Json::array();
        for (const auto& a : p.arguments) {
            arguments.push_back({{"name", a.name}, {"description", a.description}, {"required", a.required}});
        }
        Json prompt{{"name", p.name}, {"description", p.description}, {"arguments", std::move(arguments)}};
        if (!p.title.empty()) prompt["title"] = p.title;
        out.push_back(std::move(prompt));
    }
    return out;
}

StatusOr<Json> PromptCatalog::Get(const std::string& name, const Json& arguments, const ToolService& tools) const {
    const auto* prompt = Find(name);
    if (!prompt) return InvalidArgumentError("invalid params: unknown prompt '" + name + "'");
    if (!Available(*prompt, tools)) {
        return InvalidArgumentError("invalid params: prompt '" + name + "' needs tools that are unavailable now");
    }
    if (!arguments.is_null() && !arguments.is_object()) {
        return InvalidArgumentError("invalid params: \"arguments\" must be an object of strings");
    }
    std::map<std::string, std::string> values;
    for (const auto& a : prompt->arguments) {
        const auto it = arguments.is_object() ? arguments.find(a.name) : arguments.end();
        if (it == arguments.end() || !it->is_string()) {
            if (a.required) return InvalidArgumentError("invalid params: prompt '" + name + "' needs argument '" + a.name + "'");
            values[a.name] = "";
            continue;
        }
        values[a.name] = it->get<std::string>();
    }
    return Json{{"description", prompt->description},
                {"messages", Json::array({{{"role", "user"},
                                           {"content", {{"type", "text"}, {"text", Fill(prompt->text, values)}}}}})}};
}

std::vector<std::string> PromptCatalog::Complete(const std::string& prompt, const std::string& argument,
                                                 const std::string& prefix) const {
    std::vector<std::string> out;
    const auto* p = Find(prompt);
    if (!p) return out;
    for (const auto& a : p->arguments) {
        if (a.name != argument) continue;
        for (const auto& v : a.values) {
            if (v.compare(0, prefix.size(), prefix) == 0 && out.size() < 100) out.push_back(v);
        }
    }
    return out;
}

}  // namespace gantry::mcp
