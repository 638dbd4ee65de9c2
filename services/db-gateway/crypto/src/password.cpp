#include "gantry/db/crypto/password.hpp"

#include <charconv>

#include "password_schemes.hpp"

namespace gantry::db::crypto {

std::string_view PasswordAlgorithmName(PasswordAlgorithm algorithm) {
    switch (algorithm) {
        case PasswordAlgorithm::kArgon2id: return "argon2id";
        case PasswordAlgorithm::kBcrypt: return "bcrypt";
        case PasswordAlgorithm::kPbkdf2Sha256: return "pbkdf2-sha256";
    }
    return "unknown";
}

StatusOr<PasswordAlgorithm> ParsePasswordAlgorithm(std::string_view name) {
    for (auto a : {PasswordAlgorithm::kArgon2id, PasswordAlgorithm::kBcrypt, PasswordAlgorithm::kPbkdf2Sha256}) {
        if (name == PasswordAlgorithmName(a)) return a;
    }
    return InvalidArgumentError("unknown password algorithm '" + std::string(name) +
                                "' (expected argon2id, bcrypt or pbkdf2-sha256)");
}

Status PasswordPolicy::Validate() const {
    auto out_of_range = [](std::string_view what, uint32_t value, uint32_t lo, uint32_t hi) {
        return InvalidArgumentError(std::string(what) + " must be between " + std::to_string(lo) + " and " +
                                    std::to_string(hi) + ", got " + std::to_string(value));
    };
    using Limits = PasswordCostLimits;
    if (argon2id_parallelism < 1 || argon2id_parallelism > Limits::kMaxArgon2idParallelism) {
        return out_of_range("argon2id parallelism", argon2id_parallelism, 1, Limits::kMaxArgon2idParallelism);
    }
    if (argon2id_memory_kib < 8 * argon2id_parallelism || argon2id_memory_kib > Limits::kMaxArgon2idMemoryKib) {
        return out_of_range("argon2id memory (KiB)", argon2id_memory_kib, 8 * argon2id_parallelism,
                            Limits::kMaxArgon2idMemoryKib);
    }
    if (argon2id_iterations < 1 || argon2id_iterations > Limits::kMaxArgon2idIterations) {
        return out_of_range("argon2id iterations", argon2id_iterations, 1, Limits::kMaxArgon2idIterations);
    }
    if (bcrypt_cost < 4 || bcrypt_cost > Limits::kMaxBcryptCost) {
        return out_of_range("bcrypt cost", bcrypt_cost, 4, Limits::kMaxBcryptCost);
    }
    if (pbkdf2_iterations < 1000 || pbkdf2_iterations > Limits::kMaxPbkdf2Iterations) {
        return out_of_range("PBKDF2 iterations", pbkdf2_iterations, 1000, Limits::kMaxPbkdf2Iterations);
    }
    return Status::Ok();
}

StatusOr<std::map<std::string, uint32_t>> ParsePhcParameters(std::string_view text, std::string_view scheme) {
    std::map<std::string, uint32_t> out;
    while (!text.empty()) {
        const size_t comma = text.find(',');
        const std::string_view item = text.substr(0, comma);
        const size_t eq = item.find('=');
        uint32_t value = 0;
        if (eq == std::string_view::npos || eq == 0) {
            return InvalidArgumentError("malformed " + std::string(scheme) + " hash: bad parameter '" +
                                        std::string(item) + "'");
        }
        const auto number = item.substr(eq + 1);
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
        if (ec != std::errc() || end != number.data() + number.size() || number.empty()) {
            return InvalidArgumentError("malformed " + std::string(scheme) + " hash: parameter '" + std::string(item) +
                                        "' is not a number");
        }
        out[std::string(item.substr(0, eq))] = value;
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    }
    return out;
}

std::vector<std::string_view> SplitPhc(std::string_view hash) {
    std::vector<std::string_view> parts;
    if (hash.empty() || hash[0] != '$') return parts;
    hash.remove_prefix(1);
    while (true) {
        const size_t dollar = hash.find('$');
        parts.push_back(hash.substr(0, dollar));
        if (dollar == std::string_view::npos) break;
        hash.remove_prefix(dollar + 1);
    }
    return parts;
}

PasswordHasher::PasswordHasher(PasswordPolicy policy) : policy_(policy) {
    schemes_.push_back(MakeArgon2idScheme());
    schemes_.push_back(MakeBcryptScheme());
    schemes_.push_back(MakePbkdf2Sha256Scheme());
}

PasswordHasher::~PasswordHasher() = default;

StatusOr<std::string> PasswordHasher::Hash(std::string_view password) const {
    return Hash(password, policy_.algorithm);
}

StatusOr<std::string> PasswordHasher::Hash(std::string_view password, PasswordAlgorithm algorithm) const {
    if (password.size() > kMaxPasswordBytes) {
        return InvalidArgumentError("password is longer than " + std::to_string(kMaxPasswordBytes) + " bytes");
    }
    for (const auto& scheme : schemes_) {
        if (scheme->algorithm() == algorithm) return scheme->Hash(password, policy_);
    }
    return InvalidArgumentError("unsupported password algorithm");
}

StatusOr<const PasswordScheme*> PasswordHasher::SchemeFor(std::string_view hash) const {
    for (const auto& scheme : schemes_) {
        if (scheme->Recognizes(hash)) return scheme.get();
    }
    return InvalidArgumentError(
        "unrecognized password hash format (expected $argon2id$..., $2b$/$2a$/$2y$... or $pbkdf2-sha256$...)");
}

StatusOr<bool> PasswordHasher::Verify(std::string_view password, std::string_view hash) const {
    GANTRY_ASSIGN_OR_RETURN(const PasswordScheme* scheme, SchemeFor(hash));
    if (password.size() > kMaxPasswordBytes) return false;
    return scheme->Verify(password, hash);
}

StatusOr<bool> PasswordHasher::NeedsRehash(std::string_view hash) const {
    GANTRY_ASSIGN_OR_RETURN(const PasswordScheme* scheme, SchemeFor(hash));
    if (scheme->algorithm() != policy_.algorithm) return true;
    return scheme->DiffersFromPolicy(hash, policy_);
}

}  // namespace gantry::db::crypto
