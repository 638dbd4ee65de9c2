#pragma once
/// @file Bearer-token authentication with roles. Tokens come from the configuration, a file or the
/// environment; only their SHA-256 digests are kept in memory and token values are never logged.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "gantry/common/status.hpp"

namespace gantry {

/// What a token may do. Ordered: each role includes the ones before it.
enum class Role { kNone = 0, kRead = 1, kWrite = 2, kAdmin = 3 };

std::string_view RoleName(Role role);
StatusOr<Role> ParseRole(std::string_view text);

class TokenAuthenticator final {
public:
    /// Auth off: every call is allowed with role admin.
    TokenAuthenticator() = default;

    /// Parses token specs "TOKEN" (role admin) or "TOKEN:ROLE" (ROLE is read, write or admin).
    static StatusOr<TokenAuthenticator> FromSpecs(const std::vector<std::string>& specs);
    /// Reads a file with one spec per line ("TOKEN" or "TOKEN ROLE" or "TOKEN:ROLE"); '#' starts a comment.
    static StatusOr<std::vector<std::string>> ReadTokenFile(const std::string& path);

    bool enabled() const { return !entries_.empty(); }

    /// Checks an `authorization` header value against `needed`. Returns the token's role.
    /// Missing or unknown token -> UNAUTHENTICATED; a role below `needed` -> PERMISSION_DENIED.
    StatusOr<Role> Authorize(std::string_view authorization_header, Role needed) const;

private:
    struct Entry {
        std::array<unsigned char, 32> digest;
        Role role;
    };
    std::vector<Entry> entries_;
};

}  // namespace gantry
