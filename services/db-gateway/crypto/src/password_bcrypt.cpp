// bcrypt through libxcrypt (crypt_gensalt_rn / crypt_r), as modular crypt strings $2b$<cost>$<salt+hash>.
#include <crypt.h>

#include <charconv>
#include <cstring>

#include "gantry/db/crypto/mac.hpp"
#include "gantry/db/crypto/random.hpp"
#include "password_schemes.hpp"

namespace gantry::db::crypto {
namespace {

constexpr size_t kBcryptMaxPasswordBytes = 72;

/// crypt_r over a heap crypt_data (it is ~32 KiB); "" when libxcrypt rejects the setting.
std::string CryptR(std::string_view password, const std::string& setting) {
    auto data = std::make_unique<crypt_data>();
    std::memset(data.get(), 0, sizeof(crypt_data));
    const std::string phrase(password);
    const char* out = crypt_r(phrase.c_str(), setting.c_str(), data.get());
    std::string result = (out == nullptr || out[0] == '*') ? std::string() : std::string(out);
    explicit_bzero(data.get(), sizeof(crypt_data));
    return result;
}

/// The cost of "$2b$<cost>$<salt and hash>"; costs over the limit are refused.
StatusOr<uint32_t> ParseCost(std::string_view hash) {
    const auto parts = SplitPhc(hash);
    uint32_t cost = 0;
    if (parts.size() != 3 || parts[1].empty() ||
        std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), cost).ptr !=
            parts[1].data() + parts[1].size()) {
        return InvalidArgumentError("malformed bcrypt hash: expected $2b$<cost>$<salt and hash>");
    }
    if (cost > PasswordCostLimits::kMaxBcryptCost) {
        return InvalidArgumentError("bcrypt cost " + std::to_string(cost) + " exceeds what this service verifies (" +
                                    std::to_string(PasswordCostLimits::kMaxBcryptCost) + ")");
    }
    return cost;
}

class BcryptScheme final : public PasswordScheme {
public:
    PasswordAlgorithm algorithm() const override { return PasswordAlgorithm::kBcrypt; }

    bool Recognizes(std::string_view hash) const override {
        return hash.starts_with("$2b$") || hash.starts_with("$2a$") || hash.starts_with("$2y$");
    }

    StatusOr<std::string> Hash(std::string_view password, const PasswordPolicy& policy) const override {
        if (password.size() > kBcryptMaxPasswordBytes) {
            return InvalidArgumentError("bcrypt uses at most 72 bytes of a password; this one has " +
                                        std::to_string(password.size()) + " (use argon2id for long passwords)");
        }
        if (password.find('\0') != std::string_view::npos) {
            return InvalidArgumentError("bcrypt cannot hash a password that contains a NUL byte");
        }
        GANTRY_ASSIGN_OR_RETURN(Bytes entropy, RandomBytes(16));
        char setting[CRYPT_GENSALT_OUTPUT_SIZE];
        if (crypt_gensalt_rn("$2b$", policy.bcrypt_cost, reinterpret_cast<const char*>(entropy.data()),
                             static_cast<int>(entropy.size()), setting, sizeof(setting)) == nullptr) {
            return InvalidArgumentError("bcrypt cannot use cost " + std::to_string(policy.bcrypt_cost));
        }
        std::string hash = CryptR(password, setting);
        if (hash.empty()) return InternalError("bcrypt hashing failed");
        return hash;
    }

    StatusOr<bool> Verify(std::string_view password, std::string_view hash) const override {
        GANTRY_RETURN_IF_ERROR(ParseCost(hash).status());
        if (password.find('\0') != std::string_view::npos) return false;
        const std::string computed = CryptR(password, std::string(hash));
        if (computed.empty()) return InvalidArgumentError("malformed bcrypt hash");
        return ConstantTimeEquals(AsBytes(computed), AsBytes(hash));
    }

    StatusOr<bool> DiffersFromPolicy(std::string_view hash, const PasswordPolicy& policy) const override {
        GANTRY_ASSIGN_OR_RETURN(uint32_t cost, ParseCost(hash));
        return !hash.starts_with("$2b$") || cost != policy.bcrypt_cost;
    }
};

}  // namespace

std::unique_ptr<PasswordScheme> MakeBcryptScheme() {
    return std::make_unique<BcryptScheme>();
}

}  // namespace gantry::db::crypto
