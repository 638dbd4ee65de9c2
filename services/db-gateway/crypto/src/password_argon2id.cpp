// argon2id through the reference library (libargon2), as PHC strings $argon2id$v=19$m=..,t=..,p=..$salt$hash.
#include <argon2.h>

#include "gantry/db/crypto/random.hpp"
#include "password_schemes.hpp"

namespace gantry::db::crypto {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

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
        const std::string encoded(hash);
        const int rc = argon2_verify(encoded.c_str(), password.data(), password.size(), Argon2_id);
        if (rc == ARGON2_OK) return true;
        if (rc == ARGON2_VERIFY_MISMATCH) return false;
        return InvalidArgumentError(std::string("malformed argon2id hash: ") + argon2_error_message(rc));
    }

    StatusOr<bool> DiffersFromPolicy(std::string_view hash, const PasswordPolicy& policy) const override {
        // $argon2id$v=19$m=..,t=..,p=..$salt$hash
        const auto parts = SplitPhc(hash);
        if (parts.size() != 5) return InvalidArgumentError("malformed argon2id hash: expected 5 '$'-separated parts");
        GANTRY_ASSIGN_OR_RETURN(auto params, ParsePhcParameters(parts[2], "argon2id"));
        return parts[1] != "v=19" || params["m"] != policy.argon2id_memory_kib ||
               params["t"] != policy.argon2id_iterations || params["p"] != policy.argon2id_parallelism;
    }
};

}  // namespace

std::unique_ptr<PasswordScheme> MakeArgon2idScheme() {
    return std::make_unique<Argon2idScheme>();
}

}  // namespace gantry::db::crypto
