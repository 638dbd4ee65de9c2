#include "gantry/mcp/adapter_config.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace gantry::mcp {
namespace {

struct Read {
    AdapterConfig config;
    Status status;
};

Read FromYaml(const std::string& yaml) {
    auto reader = ConfigReader::FromString(yaml, "mcp-adapter");
    EXPECT_TRUE(reader.ok()) << reader.status().message();
    reader->SetEnvironment([](const char*) -> const char* { return nullptr; });
    auto config = ReadAdapterConfig(reader->Root());
    return {std::move(config), reader->Finish()};
}

TEST(AdapterConfig, DefaultsAreTheSuiteOnLoopbackWithoutHttp) {
    auto r = FromYaml("{}");
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    EXPECT_FALSE(r.config.stdio);
    EXPECT_FALSE(r.config.http_enabled);
    ASSERT_EQ(r.config.backends.size(), 3u);
    EXPECT_EQ(r.config.backends[1].backend.name, "db");
    EXPECT_EQ(r.config.backends[1].backend.address, "127.0.0.1:50052");
    EXPECT_EQ(r.config.backends[1].selection.services, std::vector<std::string>{"gantry.db"});
    EXPECT_EQ(r.config.http.allowed_hosts, (std::vector<std::string>{"localhost", "127.0.0.1", "::1"}));
    ASSERT_EQ(r.config.prompts.size(), BuiltinPrompts().size());
}

TEST(AdapterConfig, PerBackendAndPerPromptKeysAreDocumentedWhenNoneAreConfigured) {
    auto reader = ConfigReader::FromString("{}", "mcp-adapter");
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    reader->SetEnvironment([](const char*) -> const char* { return nullptr; });
    auto config = ReadAdapterConfig(reader->Root());
    ASSERT_TRUE(reader->Finish().ok()) << reader->Finish().message();
    EXPECT_EQ(config.backends.size(), 3u);  // the placeholders are neither backends nor prompts
    EXPECT_EQ(config.prompts.size(), BuiltinPrompts().size());
    const auto md = reader->DocumentationMarkdown();
    for (const char* key : {"mcp.backends.<name>.address", "mcp.backends.<name>.services", "mcp.backends.<name>.tools",
                            "mcp.backends.<name>.exclude_tools", "mcp.backends.<name>.timeout_ms",
                            "mcp.backends.<name>.token", "mcp.prompts.<name>.text", "mcp.prompts.<name>.requires_tools",
                            "mcp.prompts.<name>.arguments.<argument>.required"}) {
        EXPECT_NE(md.find(std::string("`") + key + "`"), std::string::npos) << key << "\n" << md;
    }
    EXPECT_NE(reader->DocumentationText().find("mcp.backends.<name>.address"), std::string::npos);
}

TEST(AdapterConfig, BackendsHttpAndStdio) {
    auto r = FromYaml(R"(
mcp:
  transport: stdio
  http: {listen: "127.0.0.1:0", allowed_hosts: [mcp.internal], bearer_token: t0k}
  backends:
    db: {address: "unix:/run/db.sock", services: [gantry.db], exclude_tools: [execute], timeout_ms: 500}
)");
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    EXPECT_TRUE(r.config.stdio);
    EXPECT_FALSE(r.config.http_enabled);  // stdio replaces HTTP
    EXPECT_EQ(r.config.http.allowed_hosts, std::vector<std::string>{"mcp.internal"});
    EXPECT_EQ(r.config.http.bearer_token, "t0k");
    ASSERT_EQ(r.config.backends.size(), 1u);
    EXPECT_EQ(r.config.backends[0].backend.address, "unix:/run/db.sock");
    EXPECT_EQ(r.config.backends[0].backend.call_timeout.count(), 500);
    EXPECT_EQ(r.config.backends[0].selection.exclude_tools, std::vector<std::string>{"execute"});
}

TEST(AdapterConfig, MistakesAreConfigurationErrorsNamingTheKey) {
    auto transport = FromYaml("mcp: {transport: carrier-pigeon}");
    EXPECT_NE(transport.status.message().find("transport"), std::string::npos) << transport.status.message();
    auto no_address = FromYaml("mcp: {backends: {db: {services: [gantry.db]}}}");
    EXPECT_NE(no_address.status.message().find("address"), std::string::npos) << no_address.status.message();
    auto no_services = FromYaml("mcp: {backends: {db: {address: \"127.0.0.1:1\"}}}");
    EXPECT_NE(no_services.status.message().find("services"), std::string::npos) << no_services.status.message();
    auto unknown = FromYaml("mcp: {htttp: {}}");
    EXPECT_NE(unknown.status.message().find("htttp"), std::string::npos) << unknown.status.message();
    auto prompt = FromYaml("mcp: {prompts: {p: {text: \"hello {{who}}\"}}}");
    EXPECT_NE(prompt.status.message().find("{{who}}"), std::string::npos) << prompt.status.message();
}

TEST(AdapterConfig, PromptsFromConfigurationReplaceBuiltinsOfTheSameName) {
    auto r = FromYaml(R"(
mcp:
  prompts:
    inspect_table:
      text: "Look at {{table}}."
      requires_tools: [query]
      arguments: {table: {description: the table, values: [users, orders]}}
    greet: {text: Hello.}
)");
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    ASSERT_EQ(r.config.prompts.size(), BuiltinPrompts().size() + 1);  // inspect_table replaced, greet added
    const auto inspect = std::find_if(r.config.prompts.begin(), r.config.prompts.end(),
                                      [](const auto& p) { return p.name == "inspect_table"; });
    ASSERT_NE(inspect, r.config.prompts.end());
    EXPECT_EQ(std::count_if(r.config.prompts.begin(), r.config.prompts.end(),
                            [](const auto& p) { return p.name == "inspect_table"; }),
              1);
    EXPECT_EQ(inspect->text, "Look at {{table}}.");
    EXPECT_EQ(inspect->arguments.at(0).values, (std::vector<std::string>{"users", "orders"}));
    EXPECT_TRUE(inspect->arguments.at(0).required);
    EXPECT_EQ(r.config.prompts.back().name, "greet");
    EXPECT_TRUE(FromYaml("mcp: {builtin_prompts: false}").config.prompts.empty());
}

}  // namespace
}  // namespace gantry::mcp
