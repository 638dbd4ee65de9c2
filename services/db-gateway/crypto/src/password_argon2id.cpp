// argon2id through the reference library (libargon2), as PHC strings $argon2id$v=19$m=..,t=..,p=..$salt$hash.
#include <argon2.h>

#include "gantry/db/crypto/random.hpp"
#include "password_schemes.hpp"

namespace gantry::db::crypto {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

struct Argon2idSettings {
    std::string_view version;  // "v=19"
    uint32_t memory_kib;
    uint32_t iterations;
    uint32_t parallelism;
};

/// The settings of "$argon2id$v=19$m=..,t=..,p=..$salt$hash"; settings over the cost limits are refused.
StatusOr<Argon2idSettings> ParseSettings(std::string_view hash) {
    const auto parts = SplitPhc(hash);
    if (parts.size() != 5) return InvalidArgumentError("malformed argon2id hash: expected 5 '$'-separated parts");
    GANTRY_ASSIGN_OR_RETURN(auto params, ParsePhcParameters(parts[2], "argon2id"));
    const Argon2idSettings settings{parts[1], params["m"], params["t"], params["p"]};
    using Limits = PasswordCostLimits;
    if (settings.memory_kib > Limits::kMaxArgon2idMemoryKib || settings.iterations > Limits::kMaxArgon2idIterations ||
        settings.parallelism > Limits::kMaxArgon2idParallelism) {
        return InvalidArgumentError("argon2id hash settings exceed what this service verifies (m <= " +
                                    std::to_string(Limits::kMaxArgon2idMemoryKib) +
                                    " KiB, t <= " + std::to_string(Limits::kMaxArgon2idIterations) +
                                    ", p <= " + std::to_string(Limits::kMaxArgon2idParallelism) + ")");
    }
    return settings;
}

class Argon2idScheme final : public PasswordScheme {
public:
    PasswordAlgorithm algorithm() const override { return PasswordAlgorithm::kArgon2id; }

    bool Recognizes(std::string_view hash) const override { return hash.starts_with("$argon2id$"); }

    StatusOr<std::string> Hash(std::string_view password, const PasswordPolicy& policy) const override {
        GANTRY_ASSIGN_OR_RETURN(Bytes salt, RandomBytes(kSaltBytes));
        std::string encoded(argon2_encodedlen(policy.argon2id_iterations, policy.argon2id_memory_kib,
                                              policy.argon2id_parallelism, kSaltBytes, kHashBytes, Argon2_id),
                            '\0');
        const int rc = argon2id_hash_encoded(policy.argon2id_iterations, policy.argon2id_memory_kib,
                                             policy.argon2id_parallelism, password.data(), password.size(), salt.data(),
                                             salt.size(), kHashBytes, encoded.data(), encoded.size());
        if (rc != ARGON2_OK) {
            return InvalidArgumentError(std::string("argon2id hashing failed: ") + argon2_error_message(rc));
        }
        encoded.resize(encoded.find('\0'));
        return encoded;
    }

    StatusOr<bool> Verify(std::string_view password, std::string_view hash) const override {
        GANTRY_RETURN_IF_ERROR(ParseSettings(hash).status());
        const std::string encoded(hash);
        const int rc = argon2_verify(encoded.c_str(), password.data(), password.size(), Argon2_id);
        if (rc == ARGON2_OK) return true;
        if (rc == ARGON2_VERIFY_MISMATCH) return false;
        return InvalidArgumentError(std::string("malformed argon2id hash: ") + argon2_error_message(rc));
    }

    StatusOr<bool> DiffersFromPolicy(std::string_view hash, const PasswordPolicy& policy) const override {
        GANTRY_ASSIGN_OR_RETURN(Argon2idSettings settings, ParseSettings(hash));
        return settings.version != "v=19" || settings.memory_kib != policy.argon2id_memory_kib ||
               settings.iterations != policy.argon2id_iterations || settings.parallelism != policy.argon2id_parallelism;
    }
};

}  // namespace

std::unique_ptr<PasswordScheme> MakeArgon2idScheme() {
    return std::make_unique<Argon2idScheme>();
}

}  // namespace gantry::db::crypto
