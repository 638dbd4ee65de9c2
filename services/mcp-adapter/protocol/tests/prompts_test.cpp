#include "gantry/mcp/prompts.hpp"

#include <gtest/gtest.h>

#include <map>

#include "gantry/mcp_fixture/v1/fixture.pb.h"

namespace gantry::mcp {
namespace {

using Json = nlohmann::json;

PromptDefinition Greeting() {
    return {"greet", "Greet", "Greets someone.",
            {{"who", "whom to greet", true, {"ann", "anna", "bob"}}, {"tone", "how", false, {}}},
            {},
            "Say hello to {{who}} {{tone}}. Really, {{who}}."};
}

class PromptsTest : public ::testing::Test {
protected:
    PromptsTest() {
        gantry::mcp_fixture::v1::EchoRequest link_the_fixture;
        (void)link_the_fixture;
        std::vector<std::unique_ptr<Backend>> backends;
        backends.push_back(std::make_unique<Backend>(BackendConfig{"fixture", "unix:/nonexistent/gantry-test.sock"}));
        tools_ = std::make_unique<ToolService>(
            ToolRegistry::Build(FindAnnotatedMethods(), {{"fixture", {"gantry.mcp_fixture"}, {}, {}}}),
            std::move(backends), ToolService::Options{});
    }
    std::unique_ptr<ToolService> tools_;  // its backend is down: no tool is available
};

TEST_F(PromptsTest, GetFillsArgumentsIntoTheMessage) {
    PromptCatalog catalog({Greeting()});
    auto r = catalog.Get("greet", Json{{"who", "ann"}, {"tone", "warmly"}}, *tools_);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->at("messages").at(0).at("role"), "user");
    EXPECT_EQ(r->at("messages").at(0).at("content").at("text"), "Say hello to ann warmly. Really, ann.");
    auto optional_missing = catalog.Get("greet", Json{{"who", "bob"}}, *tools_);
    ASSERT_TRUE(optional_missing.ok());
    EXPECT_EQ(optional_missing->at("messages").at(0).at("content").at("text"), "Say hello to bob . Really, bob.");
}

TEST_F(PromptsTest, MissingRequiredArgumentsAndUnknownPromptsAreInvalid) {
    PromptCatalog catalog({Greeting()});
    auto missing = catalog.Get("greet", Json::object(), *tools_);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.status().message().find("who"), std::string::npos);
    EXPECT_EQ(catalog.Get("nope", nullptr, *tools_).status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(catalog.Get("greet", Json::array(), *tools_).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(PromptsTest, PromptsNeedingUnavailableToolsAreHidden) {
    auto needs_echo = Greeting();
    needs_echo.name = "greet_with_echo";
    needs_echo.required_tools = {"fixture_echo"};
    PromptCatalog catalog({Greeting(), needs_echo});
    EXPECT_TRUE(catalog.DependsOnTools());
    auto list = catalog.List(*tools_);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].at("name"), "greet");
    EXPECT_EQ(list[0].at("title"), "Greet");
    EXPECT_EQ(list[0].at("arguments").at(0).at("required"), true);
    EXPECT_FALSE(catalog.Get("greet_with_echo", Json{{"who", "x"}}, *tools_).ok());
    EXPECT_FALSE(PromptCatalog({Greeting()}).DependsOnTools());
}

TEST_F(PromptsTest, CompletionOffersKnownValuesByPrefix) {
    PromptCatalog catalog({Greeting()});
    EXPECT_EQ(catalog.Complete("greet", "who", "an"), (std::vector<std::string>{"ann", "anna"}));
    EXPECT_EQ(catalog.Complete("greet", "who", ""), (std::vector<std::string>{"ann", "anna", "bob"}));
    EXPECT_TRUE(catalog.Complete("greet", "tone", "").empty());
    EXPECT_TRUE(catalog.Complete("nope", "who", "").empty());
}

TEST_F(PromptsTest, Validation) {
    EXPECT_TRUE(ValidatePrompt(Greeting()).ok());
    auto bad_name = Greeting();
    bad_name.name = "Greet Me";
    EXPECT_FALSE(ValidatePrompt(bad_name).ok());
    auto stray = Greeting();
    stray.text = "Hello {{whom}}";
    EXPECT_NE(ValidatePrompt(stray).message().find("whom"), std::string::npos);
    for (const auto& p : BuiltinPrompts()) EXPECT_TRUE(ValidatePrompt(p).ok()) << p.name;
}

TEST_F(PromptsTest, BuiltinWorkflows) {
    std::map<std::string, PromptDefinition> builtins;
    for (const auto& p : BuiltinPrompts()) builtins[p.name] = p;
    ASSERT_EQ(builtins.size(), 3u);
    EXPECT_EQ(builtins.at("inspect_table").required_tools, (std::vector<std::string>{"describe_table", "query"}));
    EXPECT_EQ(builtins.at("rough_cut_from_bin").required_tools,
              (std::vector<std::string>{"list_bins", "list_clips", "get_clip_metadata", "create_timeline",
                                        "add_clip_to_timeline"}));
    EXPECT_EQ(builtins.at("turso_sync_check").required_tools,
              (std::vector<std::string>{"turso_stats", "turso_sync", "turso_query"}));
    // Every tool a prompt requires is named in its text (and so the prompt is hidden while one is missing).
    for (const auto& [name, p] : builtins) {
        for (const auto& tool : p.required_tools) {
            EXPECT_NE(p.text.find(tool), std::string::npos) << name << " requires " << tool << " but never says so";
        }
    }
}

}  // namespace
}  // namespace gantry::mcp
