#pragma once
/// @file HMAC with SHA-2 (RFC 2104) and its constant-time verification.

#include "gantry/db/crypto/hash.hpp"

namespace gantry::db::crypto {

/// HMAC over SHA-256, SHA-384 or SHA-512; other algorithms are INVALID_ARGUMENT. The key may be empty.
StatusOr<Bytes> Hmac(HashAlgorithm algorithm, std::span<const uint8_t> key, std::span<const uint8_t> data);

/// Whether `mac` is the HMAC of `data`; compares in constant time.
StatusOr<bool> VerifyHmac(HashAlgorithm algorithm, std::span<const uint8_t> key, std::span<const uint8_t> data,
                          std::span<const uint8_t> mac);

/// Constant-time equality of two byte strings (the lengths are not secret).
bool ConstantTimeEquals(std::span<const uint8_t> a, std::span<const uint8_t> b);

}  // namespace gantry::db::crypto
