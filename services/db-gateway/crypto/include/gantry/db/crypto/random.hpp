#pragma once
/// @file Randomness from the operating system's CSPRNG (through OpenSSL's RAND_bytes).

#include <chrono>
#include <string>

#include "gantry/db/crypto/encoding.hpp"

namespace gantry::db::crypto {

enum class TokenEncoding { kHex, kBase64Url };

/// `length` random bytes, 1..65536.
StatusOr<Bytes> RandomBytes(int64_t length);
/// A token of `bytes` random bytes (1..1024), encoded.
StatusOr<std::string> RandomToken(int64_t bytes, TokenEncoding encoding);

/// RFC 9562 version 4 (random), lower-case 8-4-4-4-12.
std::string UuidV4();
/// RFC 9562 version 7: 48-bit Unix milliseconds, then 74 random bits.
std::string UuidV7(std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace gantry::db::crypto
