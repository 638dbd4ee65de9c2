#pragma once
/// @file The fixture of db-tier tests that run once per backend: the parameter names the database ("main" is
/// SQLite, "pg" PostgreSQL, "maria" MariaDB) and client_ talks to the shared db-gateway.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "db_env.hpp"

namespace gantry::testing {

class DbBackendTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        auto& world = DbWorld::Get();
        ASSERT_TRUE(world.ok()) << world.error();
        client_ = std::make_unique<DbClient>(world.address());
    }
    std::string db() const { return GetParam(); }
    std::unique_ptr<DbClient> client_;
};

}  // namespace gantry::testing
