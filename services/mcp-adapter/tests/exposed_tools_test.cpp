// The tools the shipped adapter exposes (every annotated RPC of db-gateway, turso-sync and resolve-bridge), as
// tools/list sends them: the whole list has to stay small enough for MCP clients, which cap what they read (the
// MCP SDK's stdio client gives up on a line over 10 MiB) and hand every schema to the model.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "gantry/mcp/jsonrpc.hpp"
#include "gantry/mcp/tool_registry.hpp"

namespace gantry::mcp {
namespace {

using Json = nlohmann::json;

// The default backends' selection (adapter_config.cpp): each package on its own backend.
ToolRegistry SuiteTools() {
    return ToolRegistry::Build(FindAnnotatedMethods(), {{"resolve", {"gantry.resolve"}, {}, {}},
                                                        {"db", {"gantry.db"}, {}, {}},
                                                        {"turso", {"gantry.turso"}, {}, {}}});
}

// The tools/list response a client of the newest revision gets (output schemas included).
std::string ToolsListResponse(const ToolRegistry& registry) {
    Json tools = Json::array();
    for (const auto& t : registry.tools()) tools.push_back(t.ToMcp(true));
    return jsonrpc::Serialize(Json{{"jsonrpc", "2.0"}, {"id", 1}, {"result", {{"tools", std::move(tools)}}}});
}

TEST(ExposedTools, ToolsListOfEveryServiceStaysSmall) {
    const auto registry = SuiteTools();
    ASSERT_GT(registry.tools().size(), 20u);
    for (const char* name : {"query", "execute", "build_query", "turso_query"}) {
        EXPECT_NE(registry.Find(name), nullptr) << name;
    }
    const auto response = ToolsListResponse(registry);
    // GANTRY_DUMP_TOOLS_LIST=FILE writes the response, to compare schemas across changes.
    if (const char* dump = std::getenv("GANTRY_DUMP_TOOLS_LIST")) std::ofstream(dump) << response << '\n';
    EXPECT_LT(response.size(), 512u * 1024) << "tools/list is " << response.size() << " bytes";
    for (const auto& t : registry.tools()) {
        const auto size = t.input_schema.dump().size() + t.output_schema.dump().size();
        EXPECT_LT(size, 64u * 1024) << t.name << "'s schemas are " << size << " bytes";
    }
}

TEST(ExposedTools, BuildQuerySchemaIsSmallButDescribesTheTreeOnce) {
    const auto registry = SuiteTools();
    const auto* build = registry.Find("build_query");
    ASSERT_NE(build, nullptr);
    const auto input = build->input_schema.dump();
    EXPECT_LT(input.size(), 32u * 1024) << "build_query's inputSchema is " << input.size() << " bytes";
    // The expression tree is still written out somewhere: its binary operator's operands are there.
    EXPECT_NE(input.find("\"left\""), std::string::npos);
    EXPECT_NE(input.find("\"operands\""), std::string::npos);
}

}  // namespace
}  // namespace gantry::mcp
