#include "gantry/resolve/python_setup.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace gantry::resolve {
namespace {

TEST(PythonSetupTest, ConfiguredFolderMustHoldTheBridgesPythonFiles) {
    const auto source = std::string(GANTRY_SOURCE_DIR) + "/services/resolve-bridge/python";
    EXPECT_EQ(*LocatePythonDir(source), source);
    const auto empty = std::filesystem::temp_directory_path();
    const auto missing = LocatePythonDir(empty.string());
    EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
    EXPECT_NE(missing.status().message().find("has no gantry_resolve_ops package"), std::string::npos);
}

TEST(PythonSetupTest, WithoutConfigurationTheFilesAreFound) {
    const auto found = LocatePythonDir("");
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(*found) / "resolve_worker.py"));
}

TEST(PythonSetupTest, ConfigWinsOverEnvironmentWhichWinsOverTheOsDefault) {
    ::setenv("GANTRY_TEST_SCRIPT_API", "/from/env", 1);
    EXPECT_EQ(FromConfigOrEnv("/from/config", "GANTRY_TEST_SCRIPT_API", "/default"), "/from/config");
    EXPECT_EQ(FromConfigOrEnv("", "GANTRY_TEST_SCRIPT_API", "/default"), "/from/env");
    ::unsetenv("GANTRY_TEST_SCRIPT_API");
    EXPECT_EQ(FromConfigOrEnv("", "GANTRY_TEST_SCRIPT_API", "/default"), "/default");
    EXPECT_EQ(DefaultScriptApi(), "/opt/resolve/Developer/Scripting");  // Linux, as Resolve documents
    EXPECT_EQ(DefaultScriptLib(), "/opt/resolve/libs/Fusion/fusionscript.so");
}

}  // namespace
}  // namespace gantry::resolve
