#include "gantry/db/gateway_config.hpp"

#include <gtest/gtest.h>

namespace gantry::db {
namespace {

struct Read {
    GatewayConfig config;
    Status status;
};

Read FromYaml(const std::string& yaml, const std::map<std::string, std::string>& env = {}) {
    auto reader = ConfigReader::FromString(yaml, "db-gateway");
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    reader->SetEnvironment([env](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    });
    CommonConfig common;
    common.data_dir = "/var/lib/gantry";
    auto root = reader->Root();
    Read out;
    out.config = ReadGatewayConfig(root, common);
    out.status = reader->Finish();
    return out;
}

TEST(GatewayConfig, EmptyConfigGivesTheEmbeddedSqliteMain) {
    const auto r = FromYaml("{}");
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    ASSERT_EQ(r.config.databases.size(), 1u);
    EXPECT_EQ(r.config.databases[0].name, "main");
    EXPECT_EQ(r.config.databases[0].driver, "sqlite");
    EXPECT_EQ(r.config.databases[0].driver_options.dsn, "/var/lib/gantry/main.db");
}

TEST(GatewayConfig, NamedDatabasesWithPasswordFromTheEnvironment) {
    const auto r = FromYaml(
        "databases:\n  pg:\n    driver: postgres\n    dsn: host=x\n    max_connections: 7\n    acquire_timeout_ms: 250\n",
        {{"GANTRY_DB_GATEWAY_DATABASES_PG_PASSWORD", "from-env"}});
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    ASSERT_EQ(r.config.databases.size(), 2u);  // main is added
    const auto& pg = r.config.databases[1];
    EXPECT_EQ(pg.name, "pg");
    EXPECT_EQ(pg.pool.max_connections, 7);
    EXPECT_EQ(pg.pool.acquire_timeout.count(), 250);
    EXPECT_EQ(pg.driver_options.password, "from-env");
}

TEST(GatewayConfig, BadValuesAreRefusedNamingTheKey) {
    auto bad_driver = FromYaml("databases:\n  x:\n    driver: oracle\n");
    EXPECT_FALSE(bad_driver.status.ok());
    EXPECT_NE(bad_driver.status.message().find("oracle"), std::string::npos) << bad_driver.status.message();
    auto min_max = FromYaml("databases:\n  x:\n    min_connections: 5\n    max_connections: 2\n");
    EXPECT_NE(min_max.status.message().find("min_connections"), std::string::npos) << min_max.status.message();
    auto unknown = FromYaml("databases:\n  x:\n    colour: red\n");
    EXPECT_NE(unknown.status.message().find("colour"), std::string::npos) << unknown.status.message();
}

}  // namespace
}  // namespace gantry::db
