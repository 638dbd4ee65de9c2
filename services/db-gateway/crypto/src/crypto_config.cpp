#include "gantry/db/crypto/crypto_config.hpp"

#include <filesystem>

namespace gantry::db::crypto {

CryptoConfig ReadCryptoConfig(ConfigSection root, const CommonConfig& common) {
    CryptoConfig config;
    ConfigSection crypto = root.Section("crypto", "the CryptoService: managed keys and password hashing");
    const std::string master_hex = crypto.Secret(
        "master_key",
        "64 hex characters (32 bytes) that seal managed AEAD keys at rest; managed keys are off without it");
    if (!master_hex.empty()) {
        auto decoded = HexDecode(master_hex);
        if (!decoded.ok() || decoded->size() != 32) {
            crypto.Fail("master_key", "the master key must be 64 hex characters (32 bytes)");
        } else {
            config.master_key = std::move(*decoded);
        }
    }
    config.key_store_path = crypto.String(
        "key_store_path", "", "file holding the sealed managed keys (default: <data_dir>/crypto-keys.json)");
    if (config.key_store_path.empty()) {
        config.key_store_path = (std::filesystem::path(common.data_dir) / "crypto-keys.json").string();
    }

    ConfigSection password = crypto.Section("password", "password hashing policy; other settings need a rehash");
    PasswordPolicy& policy = config.password;
    const std::string algorithm =
        password.String("algorithm", "argon2id", "algorithm for new hashes: argon2id, bcrypt or pbkdf2-sha256");
    if (auto parsed = ParsePasswordAlgorithm(algorithm); parsed.ok()) {
        policy.algorithm = *parsed;
    } else {
        password.Fail("algorithm", parsed.status().message());
    }
    policy.argon2id_memory_kib =
        static_cast<uint32_t>(password.Int("argon2id_memory_kib", policy.argon2id_memory_kib, "argon2id memory in KiB",
                                           8, PasswordCostLimits::kMaxArgon2idMemoryKib));
    policy.argon2id_iterations = static_cast<uint32_t>(password.Int("argon2id_iterations", policy.argon2id_iterations,
                                                                    "argon2id passes over memory", 1,
                                                                    PasswordCostLimits::kMaxArgon2idIterations));
    policy.argon2id_parallelism =
        static_cast<uint32_t>(password.Int("argon2id_parallelism", policy.argon2id_parallelism,
                                           "argon2id lanes (threads)", 1, PasswordCostLimits::kMaxArgon2idParallelism));
    policy.bcrypt_cost = static_cast<uint32_t>(password.Int(
        "bcrypt_cost", policy.bcrypt_cost, "bcrypt cost (log2 rounds)", 4, PasswordCostLimits::kMaxBcryptCost));
    policy.pbkdf2_iterations = static_cast<uint32_t>(password.Int("pbkdf2_iterations", policy.pbkdf2_iterations,
                                                                  "PBKDF2-HMAC-SHA256 iterations", 1000,
                                                                  PasswordCostLimits::kMaxPbkdf2Iterations));
    if (Status valid = policy.Validate(); !valid.ok()) password.Fail("argon2id_memory_kib", valid.message());
    return config;
}

}  // namespace gantry::db::crypto
