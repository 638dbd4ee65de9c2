#include "gantry/db/crypto/crypto_config.hpp"

#include <gtest/gtest.h>

namespace gantry::db::crypto {
namespace {

struct Read {
    CryptoConfig config;
    Status status;
};

Read ReadYaml(const std::string& yaml, const char* master_key_env = nullptr) {
    auto reader = ConfigReader::FromString(yaml, "db-gateway", "test.yaml");
    EXPECT_TRUE(reader.ok());
    reader->SetEnvironment([master_key_env](const char* name) -> const char* {
        return std::string(name) == "GANTRY_DB_GATEWAY_CRYPTO_MASTER_KEY" ? master_key_env : nullptr;
    });
    CommonConfig common;
    common.data_dir = "/var/lib/gantry";
    auto root = reader->Root();
    Read out{ReadCryptoConfig(root, common), Status::Ok()};
    out.status = reader->Finish();
    return out;
}

TEST(CryptoConfigTest, DefaultsKeepManagedKeysOffAndStoreUnderDataDir) {
    const Read read = ReadYaml("{}");
    ASSERT_TRUE(read.status.ok()) << read.status.ToString();
    EXPECT_TRUE(read.config.master_key.empty());
    EXPECT_EQ(read.config.key_store_path, "/var/lib/gantry/crypto-keys.json");
    EXPECT_EQ(read.config.password.algorithm, PasswordAlgorithm::kArgon2id);
    EXPECT_EQ(read.config.password.argon2id_memory_kib, 19456u);
}

TEST(CryptoConfigTest, MasterKeyFromTheEnvironment) {
    const std::string hex(64, 'a');
    const Read read = ReadYaml("{}", hex.c_str());
    ASSERT_TRUE(read.status.ok()) << read.status.ToString();
    EXPECT_EQ(read.config.master_key, Bytes(32, 0xaa));
}

TEST(CryptoConfigTest, BadSettingsAreNamed) {
    const Read short_key = ReadYaml("crypto: {master_key: abcd}");
    EXPECT_FALSE(short_key.status.ok());
    EXPECT_NE(short_key.status.message().find("64 hex characters"), std::string::npos) << short_key.status.message();

    const Read algorithm = ReadYaml("crypto: {password: {algorithm: md5}}");
    EXPECT_NE(algorithm.status.message().find("unknown password algorithm 'md5'"), std::string::npos)
        << algorithm.status.message();

    const Read cost = ReadYaml("crypto: {password: {bcrypt_cost: 40}}");
    EXPECT_FALSE(cost.status.ok());
}

TEST(CryptoConfigTest, ExplicitSettings) {
    const Read read = ReadYaml(
        "crypto: {key_store_path: /tmp/k.json, password: {algorithm: bcrypt, bcrypt_cost: 10, pbkdf2_iterations: "
        "5000}}");
    ASSERT_TRUE(read.status.ok()) << read.status.ToString();
    EXPECT_EQ(read.config.key_store_path, "/tmp/k.json");
    EXPECT_EQ(read.config.password.algorithm, PasswordAlgorithm::kBcrypt);
    EXPECT_EQ(read.config.password.bcrypt_cost, 10u);
    EXPECT_EQ(read.config.password.pbkdf2_iterations, 5000u);
}

}  // namespace
}  // namespace gantry::db::crypto
