#include "gantry/turso/turso_config.hpp"

#include <gtest/gtest.h>

#include <map>

#include "gantry/turso/remote_url.hpp"

namespace gantry::turso {
namespace {

struct Env {
    std::map<std::string, std::string> vars;
    std::function<const char*(const char*)> fn() {
        return [this](const char* name) -> const char* {
            auto it = vars.find(name);
            return it == vars.end() ? nullptr : it->second.c_str();
        };
    }
};

StatusOr<TursoConfig> Read(const std::string& yaml, Env env = {}) {
    auto reader = ConfigReader::FromString(yaml, "turso-sync");
    if (!reader.ok()) return reader.status();
    reader->SetEnvironment(env.fn());
    TursoConfig config = ReadTursoConfig(reader->Root(), "/data", env.fn());
    GANTRY_RETURN_IF_ERROR(reader->Finish());
    return config;
}

TEST(TursoConfig, EmbeddedDefaultIsALocalDatabaseNamedMain) {
    auto c = Read("{}");
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ASSERT_EQ(c->databases.size(), 1u);
    EXPECT_EQ(c->databases[0].name, "main");
    EXPECT_EQ(c->databases[0].mode, Mode::kLocal);
    EXPECT_EQ(c->databases[0].path, "/data/turso/main.db");
    EXPECT_EQ(c->default_database, "main");
}

TEST(TursoConfig, TursoEnvironmentMakesADefaultReplica) {
    Env env;
    env.vars["TURSO_DATABASE_URL"] = "libsql://my-db.turso.io/";
    env.vars["TURSO_AUTH_TOKEN"] = "secret";
    auto c = Read("{}", env);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ASSERT_EQ(c->databases.size(), 1u);
    EXPECT_EQ(c->databases[0].name, "default");
    EXPECT_EQ(c->databases[0].mode, Mode::kReplica);
    EXPECT_EQ(c->databases[0].url, "https://my-db.turso.io");
    EXPECT_EQ(c->databases[0].auth_token, "secret");
}

TEST(TursoConfig, NamedDatabasesWithModes) {
    auto c = Read(R"(
turso:
  default_database: logs
  databases:
    main: {mode: replica, url: "http://127.0.0.1:9", sync_interval_ms: 500}
    logs: {mode: local, path: /tmp/logs.db}
)");
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ASSERT_EQ(c->databases.size(), 2u);
    EXPECT_EQ(c->default_database, "logs");
    EXPECT_EQ(c->databases[0].name, "main");  // in the order of the file
    EXPECT_EQ(c->databases[0].sync_interval, std::chrono::milliseconds(500));
    EXPECT_EQ(c->databases[1].path, "/tmp/logs.db");
}

TEST(TursoConfig, MistakesAreNamed) {
    auto no_url = Read("turso: {databases: {a: {mode: replica}}}");
    EXPECT_NE(no_url.status().message().find("needs a remote url"), std::string::npos) << no_url.status().ToString();
    auto bad_mode = Read("turso: {databases: {a: {mode: mirror}}}");
    EXPECT_NE(bad_mode.status().message().find("unknown database mode 'mirror'"), std::string::npos);
    auto bad_url = Read("turso: {databases: {a: {mode: remote, url: 'ftp://x'}}}");
    EXPECT_NE(bad_url.status().message().find("must start with libsql://"), std::string::npos);
    auto bad_name = Read("turso: {databases: {'a b': {mode: local}}}");
    EXPECT_FALSE(bad_name.ok());
}

TEST(RemoteUrl, Normalizes) {
    EXPECT_EQ(NormalizeRemoteUrl("libsql://x.turso.io").value(), "https://x.turso.io");
    EXPECT_EQ(NormalizeRemoteUrl("http://127.0.0.1:8080//").value(), "http://127.0.0.1:8080");
    EXPECT_FALSE(NormalizeRemoteUrl("wss://x").ok());
    EXPECT_FALSE(NormalizeRemoteUrl("https://x?authToken=1").ok());
}

}  // namespace
}  // namespace gantry::turso
