// ToolServices: configuration to registration, and a key store the master key cannot open.
#include "gantry/db/toolservices/tool_services.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "gantry/db/crypto/key_store.hpp"

namespace gantry::db {
namespace {

class ToolServicesStartTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("gantry_toolsvc_" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    /// Configures from YAML and starts on a host that is never served.
    Status ConfigureAndStart(const std::string& yaml) {
        auto reader = ConfigReader::FromString(yaml, "db-gateway");
        EXPECT_TRUE(reader.ok());
        CommonConfig common;
        common.data_dir = dir_.string();
        auto root = reader->Root();
        tools_.Configure(root, common);
        GANTRY_RETURN_IF_ERROR(reader->Finish());
        host_ = std::make_unique<ServiceHost>("db-gateway", "test", common, TokenAuthenticator());
        return tools_.Start(*host_);
    }

    std::filesystem::path dir_;
    ToolServices tools_;
    std::unique_ptr<ServiceHost> host_;
};

TEST_F(ToolServicesStartTest, StartsWithoutManagedKeys) { EXPECT_TRUE(ConfigureAndStart("{}").ok()); }

TEST_F(ToolServicesStartTest, StartsWithAMasterKeyAndCreatesNoFileUntilAKeyExists) {
    const Status started = ConfigureAndStart("crypto: {master_key: " + std::string(64, '1') + "}");
    ASSERT_TRUE(started.ok()) << started.ToString();
    EXPECT_FALSE(std::filesystem::exists(dir_ / "crypto-keys.json"));
}

TEST_F(ToolServicesStartTest, RefusesAKeyStoreTheMasterKeyCannotOpen) {
    {
        auto store = crypto::KeyStore::Open((dir_ / "crypto-keys.json").string(), crypto::Bytes(32, 0x22));
        ASSERT_TRUE(store.ok());
        ASSERT_TRUE((*store)->Create("k", crypto::AeadAlgorithm::kAes256Gcm).ok());
    }
    const Status started = ConfigureAndStart("crypto: {master_key: " + std::string(64, '3') + "}");
    EXPECT_EQ(started.code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(started.message().find("does not open with the configured master key"), std::string::npos)
        << started.message();
}

}  // namespace
}  // namespace gantry::db
