#pragma once
// The password schemes PasswordHasher dispatches to, and helpers they share.

#include <map>
#include <memory>
#include <string>

#include "gantry/db/crypto/password.hpp"

namespace gantry::db::crypto {

std::unique_ptr<PasswordScheme> MakeArgon2idScheme();
std::unique_ptr<PasswordScheme> MakeBcryptScheme();
std::unique_ptr<PasswordScheme> MakePbkdf2Sha256Scheme();

/// Parses PHC parameters "a=1,b=2" into numbers; INVALID_ARGUMENT when malformed or a value overflows.
StatusOr<std::map<std::string, uint32_t>> ParsePhcParameters(std::string_view text, std::string_view scheme);

/// Splits a PHC string "$id$part$part..." into its parts after the leading '$'.
std::vector<std::string_view> SplitPhc(std::string_view hash);

}  // namespace gantry::db::crypto
