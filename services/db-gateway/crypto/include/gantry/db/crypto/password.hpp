#pragma once
/// @file Password hashing: argon2id (PHC string), bcrypt (modular crypt $2b$) and PBKDF2-SHA256
/// (PHC string $pbkdf2-sha256$i=...,l=...$salt$hash). Verification picks the scheme from the hash.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gantry/common/status.hpp"

namespace gantry::db::crypto {

enum class PasswordAlgorithm { kArgon2id, kBcrypt, kPbkdf2Sha256 };

std::string_view PasswordAlgorithmName(PasswordAlgorithm algorithm);
StatusOr<PasswordAlgorithm> ParsePasswordAlgorithm(std::string_view name);

/// The most work one hash may cost, for new hashes and for hashes given to Verify: a stored hash with
/// larger settings is refused rather than letting one request burn gigabytes or minutes.
struct PasswordCostLimits {
    static constexpr uint32_t kMaxArgon2idMemoryKib = 256 * 1024;  // 256 MiB
    static constexpr uint32_t kMaxArgon2idIterations = 10;
    static constexpr uint32_t kMaxArgon2idParallelism = 16;
    static constexpr uint32_t kMaxBcryptCost = 16;
    static constexpr uint32_t kMaxPbkdf2Iterations = 10'000'000;
};

/// The settings new hashes get; hashes made with other settings "need a rehash".
/// Defaults follow the OWASP password storage recommendations.
struct PasswordPolicy {
    PasswordAlgorithm algorithm = PasswordAlgorithm::kArgon2id;
    uint32_t argon2id_memory_kib = 19456;
    uint32_t argon2id_iterations = 2;
    uint32_t argon2id_parallelism = 1;
    uint32_t bcrypt_cost = 12;
    uint32_t pbkdf2_iterations = 600000;

    /// INVALID_ARGUMENT naming the first setting out of range.
    Status Validate() const;
};

/// One password hashing scheme (private implementations: argon2id, bcrypt, PBKDF2).
class PasswordScheme {
public:
    virtual ~PasswordScheme() = default;
    virtual PasswordAlgorithm algorithm() const = 0;
    /// Whether `hash` is in this scheme's format (by its prefix).
    virtual bool Recognizes(std::string_view hash) const = 0;
    virtual StatusOr<std::string> Hash(std::string_view password, const PasswordPolicy& policy) const = 0;
    /// false for a wrong password; INVALID_ARGUMENT for a malformed hash.
    virtual StatusOr<bool> Verify(std::string_view password, std::string_view hash) const = 0;
    /// Whether `hash` was made with settings other than the policy's.
    virtual StatusOr<bool> DiffersFromPolicy(std::string_view hash, const PasswordPolicy& policy) const = 0;
};

class PasswordHasher final {
public:
    /// The longest password accepted (bcrypt alone is limited to 72 bytes).
    static constexpr size_t kMaxPasswordBytes = 4096;

    explicit PasswordHasher(PasswordPolicy policy);
    ~PasswordHasher();

    const PasswordPolicy& policy() const { return policy_; }
    /// Hashes with the policy's algorithm.
    StatusOr<std::string> Hash(std::string_view password) const;
    StatusOr<std::string> Hash(std::string_view password, PasswordAlgorithm algorithm) const;
    StatusOr<bool> Verify(std::string_view password, std::string_view hash) const;
    /// True when the hash uses another algorithm or other settings than the policy.
    StatusOr<bool> NeedsRehash(std::string_view hash) const;

private:
    StatusOr<const PasswordScheme*> SchemeFor(std::string_view hash) const;
    PasswordPolicy policy_;
    std::vector<std::unique_ptr<PasswordScheme>> schemes_;
};

}  // namespace gantry::db::crypto
