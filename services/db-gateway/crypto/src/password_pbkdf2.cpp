// PBKDF2-HMAC-SHA256 as PHC strings: $pbkdf2-sha256$i=<iterations>,l=<length>$<salt>$<hash> (base64, unpadded).
#include "gantry/db/crypto/kdf.hpp"
#include "gantry/db/crypto/mac.hpp"
#include "gantry/db/crypto/random.hpp"
#include "password_schemes.hpp"

namespace gantry::db::crypto {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;
constexpr std::string_view kScheme = "pbkdf2-sha256";

struct ParsedPbkdf2 {
    uint32_t iterations;
    Bytes salt;
    Bytes hash;
};

StatusOr<ParsedPbkdf2> Parse(std::string_view text) {
    const auto parts = SplitPhc(text);
    if (parts.size() != 4 || parts[0] != kScheme) {
        return InvalidArgumentError("malformed pbkdf2-sha256 hash: expected $pbkdf2-sha256$i=..,l=..$salt$hash");
    }
    GANTRY_ASSIGN_OR_RETURN(auto params, ParsePhcParameters(parts[1], kScheme));
    GANTRY_ASSIGN_OR_RETURN(Bytes salt, Base64PhcDecode(parts[2]));
    GANTRY_ASSIGN_OR_RETURN(Bytes hash, Base64PhcDecode(parts[3]));
    if (params["i"] < 1 || hash.empty() || (params.count("l") && params["l"] != hash.size())) {
        return InvalidArgumentError("malformed pbkdf2-sha256 hash: bad iteration count or hash length");
    }
    if (params["i"] > PasswordCostLimits::kMaxPbkdf2Iterations) {
        return InvalidArgumentError("pbkdf2-sha256 iteration count " + std::to_string(params["i"]) +
                                    " exceeds what this service verifies (" +
                                    std::to_string(PasswordCostLimits::kMaxPbkdf2Iterations) + ")");
    }
    return ParsedPbkdf2{params["i"], std::move(salt), std::move(hash)};
}

class Pbkdf2Sha256Scheme final : public PasswordScheme {
public:
    PasswordAlgorithm algorithm() const override { return PasswordAlgorithm::kPbkdf2Sha256; }

    bool Recognizes(std::string_view hash) const override { return hash.starts_with("$pbkdf2-sha256$"); }

    StatusOr<std::string> Hash(std::string_view password, const PasswordPolicy& policy) const override {
        GANTRY_ASSIGN_OR_RETURN(Bytes salt, RandomBytes(kSaltBytes));
        GANTRY_ASSIGN_OR_RETURN(Bytes hash,
                                Pbkdf2Sha256(AsBytes(password), salt, policy.pbkdf2_iterations, kHashBytes));
        return "$" + std::string(kScheme) + "$i=" + std::to_string(policy.pbkdf2_iterations) +
               ",l=" + std::to_string(kHashBytes) + "$" + Base64PhcEncode(salt) + "$" + Base64PhcEncode(hash);
    }

    StatusOr<bool> Verify(std::string_view password, std::string_view hash) const override {
        GANTRY_ASSIGN_OR_RETURN(ParsedPbkdf2 parsed, Parse(hash));
        GANTRY_ASSIGN_OR_RETURN(Bytes computed, Pbkdf2Sha256(AsBytes(password), parsed.salt, parsed.iterations,
                                                             static_cast<int64_t>(parsed.hash.size())));
        return ConstantTimeEquals(computed, parsed.hash);
    }

    StatusOr<bool> DiffersFromPolicy(std::string_view hash, const PasswordPolicy& policy) const override {
        GANTRY_ASSIGN_OR_RETURN(ParsedPbkdf2 parsed, Parse(hash));
        return parsed.iterations != policy.pbkdf2_iterations || parsed.hash.size() != kHashBytes;
    }
};

}  // namespace

std::unique_ptr<PasswordScheme> MakePbkdf2Sha256Scheme() {
    return std::make_unique<Pbkdf2Sha256Scheme>();
}

}  // namespace gantry::db::crypto
