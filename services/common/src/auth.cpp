#include "gantry/common/auth.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <strings.h>

#include <cctype>
#include <fstream>

namespace gantry {
namespace {

std::array<unsigned char, 32> Digest(std::string_view token) {
    std::array<unsigned char, 32> out{};
    SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), out.data());
    return out;
}

std::string_view TrimView(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string_view RoleName(Role role) {
    switch (role) {
        case Role::kNone: return "none";
        case Role::kRead: return "read";
        case Role::kWrite: return "write";
        case Role::kAdmin: return "admin";
    }
    return "none";
}

StatusOr<Role> ParseRole(std::string_view text) {
    if (text == "read") return Role::kRead;
    if (text == "write") return Role::kWrite;
    if (text == "admin") return Role::kAdmin;
    return InvalidArgumentError("unknown role '" + std::string(text) + "': use read, write or admin");
}

StatusOr<TokenAuthenticator> TokenAuthenticator::FromSpecs(const std::vector<std::string>& specs) {
    TokenAuthenticator auth;
    for (size_t i = 0; i < specs.size(); ++i) {
        std::string_view spec = TrimView(specs[i]);
        Role role = Role::kAdmin;
        // The role follows the last ':' or whitespace; tokens themselves hold neither.
        if (const auto sep = spec.find_last_of(": \t"); sep != std::string_view::npos) {
            auto parsed = ParseRole(TrimView(spec.substr(sep + 1)));
            if (!parsed.ok()) {
                return InvalidArgumentError("token #" + std::to_string(i + 1) + ": " + parsed.status().message());
            }
            role = *parsed;
            spec = TrimView(spec.substr(0, sep));
        }
        if (spec.size() < 16) {
            return InvalidArgumentError("token #" + std::to_string(i + 1) +
                                        " is shorter than 16 characters; use a long random token");
        }
        auth.entries_.push_back({Digest(spec), role});
    }
    return auth;
}

StatusOr<std::vector<std::string>> TokenAuthenticator::ReadTokenFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) return InvalidArgumentError("cannot read token file '" + path + "'");
    std::vector<std::string> specs;
    for (std::string line; std::getline(in, line);) {
        const auto t = TrimView(std::string_view(line).substr(0, line.find('#')));
        if (!t.empty()) specs.emplace_back(t);
    }
    return specs;
}

StatusOr<Role> TokenAuthenticator::Authorize(std::string_view header, Role needed) const {
    if (!enabled()) return Role::kAdmin;
    constexpr std::string_view kBearer = "Bearer ";
    header = TrimView(header);
    if (header.empty()) {
        return UnauthenticatedError("missing bearer token: send the header 'authorization: Bearer <token>'")
            .WithReason("AUTH_TOKEN_MISSING");
    }
    if (header.size() <= kBearer.size() || strncasecmp(header.data(), kBearer.data(), kBearer.size()) != 0) {
        return UnauthenticatedError("the authorization header must be 'Bearer <token>'")
            .WithReason("AUTH_TOKEN_MALFORMED");
    }
    const auto digest = Digest(TrimView(header.substr(kBearer.size())));
    // Compare against every entry in constant time so timing reveals nothing about which matched.
    Role found = Role::kNone;
    for (const auto& entry : entries_) {
        const bool match = CRYPTO_memcmp(entry.digest.data(), digest.data(), digest.size()) == 0;
        if (match) found = entry.role;
    }
    if (found == Role::kNone) {
        return UnauthenticatedError("invalid bearer token").WithReason("AUTH_TOKEN_INVALID");
    }
    if (found < needed) {
        return PermissionDeniedError("this call needs role '" + std::string(RoleName(needed)) +
                                     "'; the token has role '" + std::string(RoleName(found)) + "'")
            .WithReason("AUTH_ROLE_INSUFFICIENT");
    }
    return found;
}

}  // namespace gantry
