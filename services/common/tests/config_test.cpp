#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "gantry/common/config.hpp"
#include "gantry/common/server_config.hpp"

namespace gantry {
namespace {

// Reads the common keys plus one service key, the way a service would.
struct Loaded {
    CommonConfig common;
    int64_t pool_max = 0;
    Status status;
};

Loaded Load(const std::string& yaml, std::map<std::string, std::string> env = {}) {
    Loaded out;
    auto reader = ConfigReader::FromString(yaml, "db-gateway", "test.yaml");
    if (!reader.ok()) {
        out.status = reader.status();
        return out;
    }
    reader->SetEnvironment([env = std::move(env)](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    });
    auto root = reader->Root();
    out.common = ReadCommonConfig(root, {50052, 9452});
    out.pool_max = root.Section("pool", "pool").Int("max", 8, "max connections", 1, 1000);
    out.status = reader->Finish();
    return out;
}

TEST(ConfigTest, EmptyDocumentGivesDefaults) {
    const auto l = Load("");
    ASSERT_TRUE(l.status.ok()) << l.status.ToString();
    EXPECT_EQ(l.common.server.listen, "127.0.0.1:50052");
    EXPECT_EQ(l.common.server.metrics_listen, "127.0.0.1:9452");
    EXPECT_EQ(l.common.log.level, "info");
    EXPECT_EQ(l.pool_max, 8);
    EXPECT_FALSE(l.common.server.tls.enabled());
}

TEST(ConfigTest, GoodFileIsRead) {
    const auto l = Load(R"(
server:
  listen: 0.0.0.0:6000
  auth:
    tokens: [aaaaaaaaaaaaaaaa:read]
log: {level: debug, format: json}
pool: {max: 32}
)");
    ASSERT_TRUE(l.status.ok()) << l.status.ToString();
    EXPECT_EQ(l.common.server.listen, "0.0.0.0:6000");
    EXPECT_EQ(l.common.log.format, LogFormat::kJson);
    EXPECT_EQ(l.common.server.auth.tokens.size(), 1u);
    EXPECT_EQ(l.pool_max, 32);
}

TEST(ConfigTest, BadYamlNamesThePosition) {
    const auto l = Load("server:\n  listen: [unclosed\n");
    ASSERT_FALSE(l.status.ok());
    EXPECT_EQ(l.status.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(l.status.message().find("test.yaml:"), std::string::npos) << l.status.message();
    EXPECT_NE(l.status.message().find("invalid YAML"), std::string::npos);
}

TEST(ConfigTest, UnknownKeyIsRejectedWithPosition) {
    const auto l = Load("server:\n  lisen: 1.2.3.4:5\n");
    ASSERT_FALSE(l.status.ok());
    EXPECT_NE(l.status.message().find("test.yaml:2:3: unknown key 'lisen'"), std::string::npos)
        << l.status.message();
    EXPECT_NE(l.status.message().find("listen"), std::string::npos) << "should list the known keys";
}

TEST(ConfigTest, UnknownTopLevelSectionIsRejected) {
    const auto l = Load("databses: {}\n");
    ASSERT_FALSE(l.status.ok());
    EXPECT_NE(l.status.message().find("unknown key 'databses'"), std::string::npos) << l.status.message();
}

TEST(ConfigTest, WrongTypeAndRangeAreRejected) {
    auto l = Load("pool: {max: lots}\n");
    ASSERT_FALSE(l.status.ok());
    EXPECT_NE(l.status.message().find("'pool.max' must be an integer"), std::string::npos) << l.status.message();
    l = Load("pool: {max: 5000}\n");
    ASSERT_FALSE(l.status.ok());
    EXPECT_NE(l.status.message().find("outside 1..1000"), std::string::npos) << l.status.message();
    l = Load("log: {format: xml}\n");
    ASSERT_FALSE(l.status.ok());
    EXPECT_NE(l.status.message().find("'text' or 'json'"), std::string::npos) << l.status.message();
}

TEST(ConfigTest, EnvironmentOverridesFile) {
    const auto l = Load("server: {listen: 127.0.0.1:1}\npool: {max: 4}\n",
                        {{"GANTRY_DB_GATEWAY_SERVER_LISTEN", "127.0.0.1:2"}, {"GANTRY_DB_GATEWAY_POOL_MAX", "9"}});
    ASSERT_TRUE(l.status.ok()) << l.status.ToString();
    EXPECT_EQ(l.common.server.listen, "127.0.0.1:2");
    EXPECT_EQ(l.pool_max, 9);
}

TEST(ConfigTest, BadEnvironmentValueNamesTheVariable) {
    const auto l = Load("", {{"GANTRY_DB_GATEWAY_POOL_MAX", "x"}});
    ASSERT_FALSE(l.status.ok());
    EXPECT_NE(l.status.message().find("GANTRY_DB_GATEWAY_POOL_MAX"), std::string::npos) << l.status.message();
}

TEST(ConfigTest, EnvironmentListIsCommaSeparated) {
    const auto l = Load("", {{"GANTRY_DB_GATEWAY_SERVER_AUTH_TOKENS", "aaaaaaaaaaaaaaaa:read, bbbbbbbbbbbbbbbb"}});
    ASSERT_TRUE(l.status.ok());
    EXPECT_EQ(l.common.server.auth.tokens,
              (std::vector<std::string>{"aaaaaaaaaaaaaaaa:read", "bbbbbbbbbbbbbbbb"}));
}

TEST(ConfigTest, OverrideWinsOverEnvironment) {
    auto reader = ConfigReader::FromString("server: {listen: a:1}", "svc");
    ASSERT_TRUE(reader.ok());
    reader->SetEnvironment([](const char* n) -> const char* {
        return std::string(n) == "GANTRY_SVC_SERVER_LISTEN" ? "b:2" : nullptr;
    });
    reader->SetOverride("server.listen", "c:3");
    auto root = reader->Root();
    EXPECT_EQ(root.Section("server", "").String("listen", "d:4", ""), "c:3");
}

TEST(ConfigTest, TlsNeedsCertAndKeyTogether) {
    const auto l = Load("server: {tls: {cert_file: /tmp/c.pem}}\n");
    ASSERT_FALSE(l.status.ok());
    EXPECT_NE(l.status.message().find("cert_file and key_file must be set together"), std::string::npos);
}

TEST(ConfigTest, SecretFromFileIsTrimmed) {
    const auto path = std::filesystem::temp_directory_path() / "gantry_secret_test.txt";
    std::ofstream(path) << "  s3cret\n";
    auto reader = ConfigReader::FromString("db: {password_file: " + path.string() + "}", "svc");
    ASSERT_TRUE(reader.ok());
    auto root = reader->Root();
    EXPECT_EQ(root.Section("db", "").Secret("password", "db password"), "s3cret");
    EXPECT_TRUE(reader->Finish().ok());
    std::filesystem::remove(path);
}

TEST(ConfigTest, EntriesListNamedSections) {
    auto reader = ConfigReader::FromString("databases:\n  main: {driver: sqlite}\n  logs: {driver: postgresql, x: 1}\n",
                                           "svc", "f.yaml");
    ASSERT_TRUE(reader.ok());
    auto root = reader->Root();
    std::vector<std::string> names;
    for (auto& [name, section] : root.Entries("databases", "named databases")) {
        names.push_back(name);
        section.String("driver", "", "driver");
    }
    EXPECT_EQ(names, (std::vector<std::string>{"main", "logs"}));
    const auto status = reader->Finish();
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.message().find("f.yaml:3:"), std::string::npos) << status.message();
    EXPECT_NE(status.message().find("unknown key 'x'"), std::string::npos) << status.message();
}

TEST(ConfigTest, DocumentationListsEveryKeyWithEnvName) {
    ConfigReader reader("db-gateway");
    auto root = reader.Root();
    ReadCommonConfig(root, {1, 2});
    const auto md = reader.DocumentationMarkdown();
    EXPECT_NE(md.find("`server.listen` | `GANTRY_DB_GATEWAY_SERVER_LISTEN` | `127.0.0.1:1`"), std::string::npos) << md;
    EXPECT_NE(md.find("server.tls.client_ca_file"), std::string::npos);
    EXPECT_NE(md.find("log.format"), std::string::npos);
}

TEST(ConfigTest, PlaceholderEntryNamesBecomeOneWordOfTheEnvName) {
    ConfigReader reader("db-gateway");
    auto root = reader.Root();
    auto entry = root.Section("databases", "named databases").Section("<name>", "one database");
    (void)entry.String("dsn", "", "where");
    const auto md = reader.DocumentationMarkdown();
    EXPECT_NE(md.find("`databases.<name>.dsn` | `GANTRY_DB_GATEWAY_DATABASES_NAME_DSN`"), std::string::npos) << md;
}

}  // namespace
}  // namespace gantry
