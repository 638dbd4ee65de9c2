#pragma once
/// @file Key derivation: HKDF-SHA256 (RFC 5869) and PBKDF2-HMAC-SHA256 (RFC 8018).

#include "gantry/db/crypto/encoding.hpp"

namespace gantry::db::crypto {

/// HKDF extract-and-expand; `length` 1..8160 (255 SHA-256 blocks).
StatusOr<Bytes> HkdfSha256(std::span<const uint8_t> secret, std::span<const uint8_t> salt,
                           std::span<const uint8_t> info, int64_t length);

/// PBKDF2 with HMAC-SHA256; `iterations` >= 1 and `length` 1..1024.
StatusOr<Bytes> Pbkdf2Sha256(std::span<const uint8_t> password, std::span<const uint8_t> salt, int64_t iterations,
                             int64_t length);

}  // namespace gantry::db::crypto
