#include "gantry/mcp/tool_registry.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "gantry/mcp_fixture/v1/fixture.pb.h"

namespace gantry::mcp {
namespace {

using namespace gantry::mcp_fixture::v1;

std::vector<std::string> Names(const ToolRegistry& r) {
    std::vector<std::string> out;
    for (const auto& t : r.tools()) out.push_back(t.name);
    return out;
}

const std::vector<std::string> kAllFixtureTools = {"fixture_count", "fixture_echo",  "fixture_fail",
                                                   "fixture_sleep", "fixture_stats", "fixture_tree"};

TEST(ToolRegistry, FindsEveryAnnotatedMethodInTheLinkedPool) {
    auto methods = FindAnnotatedMethods();
    std::vector<std::string> names;
    for (const auto* m : methods) names.push_back(m->full_name());
    EXPECT_NE(std::find(names.begin(), names.end(), "gantry.mcp_fixture.v1.Fixture.Echo"), names.end());
    EXPECT_EQ(std::find(names.begin(), names.end(), "gantry.mcp_fixture.v1.Fixture.Hidden"), names.end());
}

TEST(ToolRegistry, BuildsToolsFromOptionsAndDescriptors) {
    auto r = ToolRegistry::Build(FindAnnotatedMethods(), {{"fx", {"gantry.mcp_fixture"}, {}, {}}});
    EXPECT_EQ(Names(r), kAllFixtureTools);
    EXPECT_TRUE(r.warnings().empty());
    const auto* echo = r.Find("fixture_echo");
    ASSERT_NE(echo, nullptr);
    EXPECT_EQ(echo->title, "Echo");
    EXPECT_EQ(echo->grpc_method, "/gantry.mcp_fixture.v1.Fixture/Echo");
    EXPECT_EQ(echo->backend, "fx");
    EXPECT_FALSE(echo->server_streaming);
    EXPECT_EQ(echo->annotations.at("readOnlyHint"), true);
    EXPECT_EQ(echo->annotations.at("idempotentHint"), true);
    EXPECT_EQ(echo->annotations.at("destructiveHint"), false);
    const auto* tree = r.Find("fixture_tree");
    EXPECT_EQ(tree->annotations.at("destructiveHint"), true);
    EXPECT_EQ(tree->annotations.at("openWorldHint"), true);
    EXPECT_TRUE(r.Find("fixture_count")->server_streaming);
    EXPECT_TRUE(r.Find("fixture_count")->output_schema.at("properties").contains("messages"));

    const auto mcp = echo->ToMcp(true);
    EXPECT_EQ(mcp.at("name"), "fixture_echo");
    EXPECT_FALSE(mcp.at("description").get<std::string>().empty());
    EXPECT_EQ(mcp.at("inputSchema").at("type"), "object");
}

TEST(ToolRegistry, SelectionByServiceAllowlistAndExclusion) {
    EXPECT_TRUE(ToolRegistry::Build(FindAnnotatedMethods(), {{"db", {"gantry.db"}, {}, {}}}).tools().empty());
    const auto everything = Names(ToolRegistry::Build(FindAnnotatedMethods(), {{"fx", {"*"}, {}, {}}}));
    for (const auto& name : kAllFixtureTools) {
        EXPECT_NE(std::find(everything.begin(), everything.end(), name), everything.end()) << name;
    }
    EXPECT_NE(std::find(everything.begin(), everything.end(), "test_simple_text"), everything.end());
    EXPECT_EQ(Names(ToolRegistry::Build(FindAnnotatedMethods(),
                                        {{"fx", {"gantry.mcp_fixture.v1.Fixture"}, {"fixture_echo"}, {}}})),
              std::vector<std::string>{"fixture_echo"});
    auto excluded = ToolRegistry::Build(FindAnnotatedMethods(), {{"fx", {"gantry.mcp_fixture"}, {}, {"fixture_tree"}}});
    EXPECT_EQ(excluded.Find("fixture_tree"), nullptr);
    EXPECT_NE(excluded.Find("fixture_echo"), nullptr);
    // A prefix matches whole name segments only.
    EXPECT_TRUE(ToolRegistry::Build(FindAnnotatedMethods(), {{"fx", {"gantry.mcp_fix"}, {}, {}}}).tools().empty());
}

TEST(ToolRegistry, UnknownAllowlistedToolIsAWarning) {
    auto r = ToolRegistry::Build(FindAnnotatedMethods(), {{"fx", {"gantry.mcp_fixture"}, {"fixture_typo"}, {}}});
    EXPECT_TRUE(r.tools().empty());
    ASSERT_EQ(r.warnings().size(), 1u);
    EXPECT_NE(r.warnings()[0].find("fixture_typo"), std::string::npos);
}

TEST(ToolRegistry, TheFirstMatchingBackendWins) {
    auto r = ToolRegistry::Build(FindAnnotatedMethods(),
                                 {{"a", {"gantry.mcp_fixture"}, {}, {}}, {"b", {"*"}, {}, {}}});
    EXPECT_EQ(r.Find("fixture_echo")->backend, "a");
}

TEST(ToolRegistry, ACollisionAcrossBackendsPrefixesTheLaterOne) {
    auto r = ToolRegistry::Build(FindAnnotatedMethods(), {{"fx", {"gantry.mcp_fixture"}, {}, {}},
                                                          {"twin", {"gantry.mcp_fixture_twin"}, {}, {}}});
    ASSERT_NE(r.Find("fixture_echo"), nullptr);
    EXPECT_EQ(r.Find("fixture_echo")->backend, "fx");
    ASSERT_NE(r.Find("twin_fixture_echo"), nullptr);
    EXPECT_EQ(r.Find("twin_fixture_echo")->grpc_method, "/gantry.mcp_fixture_twin.v1.Twin/Echo");
    ASSERT_EQ(r.warnings().size(), 1u);
    EXPECT_NE(r.warnings()[0].find("twin_fixture_echo"), std::string::npos);
}

TEST(ToolRegistry, ACollisionWithinOneBackendSkipsTheLaterOne) {
    auto r = ToolRegistry::Build(FindAnnotatedMethods(), {{"fx", {"gantry.mcp_fixture", "gantry.mcp_fixture_twin"}, {}, {}}});
    EXPECT_EQ(r.Find("fixture_echo")->grpc_method, "/gantry.mcp_fixture.v1.Fixture/Echo");
    EXPECT_EQ(r.Find("fx_fixture_echo"), nullptr);
    ASSERT_EQ(r.warnings().size(), 1u);
    EXPECT_NE(r.warnings()[0].find("skipping gantry.mcp_fixture_twin.v1.Twin.Echo"), std::string::npos);
}

TEST(ToolRegistry, ToolNames) {
    EXPECT_TRUE(IsValidToolName("list_tables"));
    EXPECT_TRUE(IsValidToolName("a1"));
    EXPECT_FALSE(IsValidToolName(""));
    EXPECT_FALSE(IsValidToolName("List"));
    EXPECT_FALSE(IsValidToolName("db.query"));
    EXPECT_FALSE(IsValidToolName(std::string(65, 'a')));
}

}  // namespace
}  // namespace gantry::mcp
