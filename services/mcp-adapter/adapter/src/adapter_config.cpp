#include "gantry/mcp/adapter_config.hpp"

#include <algorithm>

namespace gantry::mcp {
namespace {

struct DefaultBackend {
    const char* name;
    const char* address;
    const char* package;
};

// The suite's services on their embedded default addresses (see README.md).
constexpr DefaultBackend kDefaultBackends[] = {
    {"resolve", "127.0.0.1:50051", "gantry.resolve"},
    {"db", "127.0.0.1:50052", "gantry.db"},
    {"turso", "127.0.0.1:50053", "gantry.turso"},
};

// The placeholder entry names read when nothing is configured, so that every per-entry key reaches --help and
// docs/configuration.md (as db-gateway's databases.<name>.* do); they are not entries.
constexpr const char* kPlaceholder = "<name>";
constexpr const char* kArgumentPlaceholder = "<argument>";

PromptArgument ReadPromptArgument(const std::string& name, ConfigSection& arg) {
    return {name, arg.String("description", "", "what to pass"),
            arg.Bool("required", true, "whether the argument must be given"),
            arg.StringList("values", "known values, offered by completion")};
}

PromptDefinition ReadPrompt(const std::string& name, ConfigSection& section) {
    PromptDefinition p;
    p.name = name;
    p.title = section.String("title", "", "a short human title");
    p.description = section.String("description", "", "what the prompt is for");
    p.text = section.String("text", "", "the user message; {{argument}} is replaced by that argument's value");
    p.required_tools = section.StringList("requires_tools", "tools the prompt needs; it is hidden while any is unavailable");
    const char* what = "the prompt's arguments, by name";
    auto arguments = section.Entries("arguments", what);
    for (auto& [arg_name, arg] : arguments) p.arguments.push_back(ReadPromptArgument(arg_name, arg));
    if (arguments.empty()) {
        auto placeholder = section.Section("arguments", what).Section(kArgumentPlaceholder, "one argument");
        (void)ReadPromptArgument(kArgumentPlaceholder, placeholder);
    }
    return p;
}

void ReadPrompts(ConfigSection& mcp, std::vector<PromptDefinition>& out) {
    if (mcp.Bool("builtin_prompts", true, "offer Gantry's workflow prompts (each only while the tools it needs are)")) {
        out = BuiltinPrompts();
    }
    const char* what = "workflow prompts of your own, by name";
    auto entries = mcp.Entries("prompts", what);
    if (entries.empty()) {
        auto placeholder = mcp.Section("prompts", what).Section(kPlaceholder, "one prompt");
        (void)ReadPrompt(kPlaceholder, placeholder);
    }
    for (auto& [name, section] : entries) {
        auto p = ReadPrompt(name, section);
        if (auto status = ValidatePrompt(p); !status.ok()) section.Fail("text", status.message());
        out.erase(std::remove_if(out.begin(), out.end(), [&](const auto& b) { return b.name == p.name; }), out.end());
        out.push_back(std::move(p));
    }
}

BackendEntry ReadBackend(const std::string& name, ConfigSection& section) {
    BackendEntry e;
    e.backend.name = e.selection.backend = name;
    e.backend.address = section.String("address", "", "gRPC address: host:port or unix:/path");
    e.selection.services = section.StringList(
        "services", "full gRPC service names or package prefixes served there (e.g. gantry.db); * = any");
    e.selection.tools = section.StringList("tools", "tool names to expose; empty exposes every tool");
    e.selection.exclude_tools = section.StringList("exclude_tools", "tool names never exposed");
    e.backend.call_timeout = std::chrono::milliseconds(section.Int("timeout_ms", 30000, "deadline of one tool call", 1));
    e.backend.token = section.Secret("token", "bearer token sent to the backend when it has auth on");
    return e;
}

}  // namespace

AdapterConfig ReadAdapterConfig(ConfigSection root) {
    AdapterConfig c;
    auto mcp = root.Section("mcp", "the MCP server: transports, backends and their tools");
    const auto transport = mcp.String("transport", "http", "http (Streamable HTTP at /mcp) or stdio (--stdio)");
    if (transport != "http" && transport != "stdio") mcp.Fail("transport", "must be 'http' or 'stdio'");
    c.stdio = transport == "stdio";
    c.instructions = mcp.String("instructions", "",
                                "text sent to clients at initialize, telling the model how to use the tools");
    const auto max_message = mcp.Int("max_message_bytes", 4 * 1024 * 1024,
                                     "largest accepted JSON-RPC message (a stdio line or an HTTP body)", 1024, 1 << 30);
    c.tools.max_stream_messages = mcp.Int("max_stream_messages", 10000,
                                          "a server-streaming tool whose stream is longer ends with an error", 1);
    c.tools.probe_interval = std::chrono::milliseconds(mcp.Int(
        "health_interval_ms", 2000, "how often backends are probed (grpc.health.v1) to update the tool list", 50));
    c.tools.probe_timeout = std::chrono::milliseconds(
        mcp.Int("health_timeout_ms", 1000, "how long a backend probe may take before it counts as down", 10));
    c.stdio_options.max_message_bytes = static_cast<size_t>(max_message);
    c.stdio_options.workers = static_cast<int>(
        mcp.Int("stdio_workers", 4, "tool calls run at once in stdio mode (more wait in a queue)", 1, 256));
    c.stdio_options.max_queued = static_cast<size_t>(
        mcp.Int("stdio_max_queued", 64, "tool calls waiting in stdio mode; more are refused", 1, 100000));

    auto http = mcp.Section("http", "Streamable HTTP transport");
    // Off unless configured, so that several adapters (stdio clients, tests) never fight over a port;
    // deploy/config/dev/mcp-adapter.yaml turns it on at 127.0.0.1:8454.
    c.http.listen = http.String("listen", "",
                                "host:port for MCP over HTTP at /mcp, e.g. 127.0.0.1:8454 (port 0 picks one); "
                                "empty: no HTTP");
    c.http_enabled = !c.http.listen.empty() && !c.stdio;
    const auto hosts = http.StringList(
        "allowed_hosts", "host names accepted in Host and Origin headers (DNS-rebinding protection); "
                         "default localhost, 127.0.0.1 and ::1");
    if (!hosts.empty()) c.http.allowed_hosts = hosts;
    c.http.bearer_token = http.Secret("bearer_token", "token clients must send as 'Authorization: Bearer <token>'");
    c.http.threads = static_cast<int>(
        http.Int("threads", 32, "HTTP connections served at once; each open GET stream holds one", 2, 4096));
    c.http.max_sessions =
        static_cast<size_t>(http.Int("max_sessions", 256, "sessions at once; more initialize calls get 503", 1));
    c.http.session_idle_timeout = std::chrono::seconds(
        http.Int("session_idle_timeout_s", 3600, "a session unused this long (and with no GET stream) ends", 1));
    c.http.max_message_bytes = static_cast<size_t>(max_message);

    const char* what = "gRPC services whose annotated RPCs become tools, by name; default: resolve, db and turso on the "
                       "suite's default addresses";
    auto entries = mcp.Entries("backends", what);
    for (auto& [name, section] : entries) {
        auto e = ReadBackend(name, section);
        if (e.backend.address.empty()) section.Fail("address", "every backend needs an address");
        if (e.selection.services.empty()) section.Fail("services", "list the services or packages this backend serves");
        c.backends.push_back(std::move(e));
    }
    if (entries.empty()) {
        auto placeholder = mcp.Section("backends", what).Section(kPlaceholder, "one backend");
        (void)ReadBackend(kPlaceholder, placeholder);
        for (const auto& d : kDefaultBackends) {
            BackendEntry e;
            e.backend.name = e.selection.backend = d.name;
            e.backend.address = d.address;
            e.selection.services = {d.package};
            c.backends.push_back(std::move(e));
        }
    }
    ReadPrompts(mcp, c.prompts);
    return c;
}

}  // namespace gantry::mcp
