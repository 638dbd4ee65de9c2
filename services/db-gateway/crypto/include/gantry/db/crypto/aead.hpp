#pragma once
/// @file Authenticated encryption with associated data: AES-256-GCM and ChaCha20-Poly1305 (RFC 8439).
/// A sealed message is nonce (12 bytes) || ciphertext || tag (16 bytes); nonces are random.

#include <memory>
#include <string_view>

#include "gantry/db/crypto/encoding.hpp"

namespace gantry::db::crypto {

enum class AeadAlgorithm { kAes256Gcm, kChaCha20Poly1305 };

inline constexpr size_t kAeadKeyBytes = 32;
inline constexpr size_t kAeadNonceBytes = 12;
inline constexpr size_t kAeadTagBytes = 16;

std::string_view AeadAlgorithmName(AeadAlgorithm algorithm);
/// "aes-256-gcm" / "chacha20-poly1305" (the names AeadAlgorithmName returns) back to the enum.
StatusOr<AeadAlgorithm> ParseAeadAlgorithm(std::string_view name);

/// A key prepared for many messages: the cipher's key schedule is computed once and reused. Not
/// thread-safe; use one per thread.
class AeadKey final {
public:
    /// A key that is not 32 bytes is INVALID_ARGUMENT.
    static StatusOr<AeadKey> Create(AeadAlgorithm algorithm, std::span<const uint8_t> key);
    AeadKey(AeadKey&&) noexcept;
    AeadKey& operator=(AeadKey&&) noexcept;
    ~AeadKey();

    AeadAlgorithm algorithm() const { return algorithm_; }
    /// Encrypts under a fresh random nonce.
    StatusOr<Bytes> Seal(std::span<const uint8_t> plaintext, std::span<const uint8_t> associated_data);
    /// Seal into a caller's buffer of exactly plaintext.size() + 28 bytes (no allocation; bulk use).
    Status SealInto(std::span<const uint8_t> plaintext, std::span<const uint8_t> associated_data,
                    std::span<uint8_t> out);
    /// Encrypts under the given nonce (known-answer tests; never reuse a nonce with a key).
    StatusOr<Bytes> SealWithNonce(std::span<const uint8_t, kAeadNonceBytes> nonce, std::span<const uint8_t> plaintext,
                                  std::span<const uint8_t> associated_data);
    /// Decrypts and authenticates. A tampered message, a wrong key or wrong associated data are all
    /// INVALID_ARGUMENT with reason "AEAD_AUTHENTICATION_FAILED"; no plaintext is ever returned then.
    StatusOr<Bytes> Open(std::span<const uint8_t> sealed, std::span<const uint8_t> associated_data);

private:
    struct Contexts;
    Status SealWithNonceInto(const uint8_t* nonce, std::span<const uint8_t> plaintext,
                             std::span<const uint8_t> associated_data, std::span<uint8_t> out);
    AeadKey(AeadAlgorithm algorithm, std::unique_ptr<Contexts> contexts);
    AeadAlgorithm algorithm_;
    std::unique_ptr<Contexts> contexts_;
};

/// One-shot forms of AeadKey's operations.
StatusOr<Bytes> Seal(AeadAlgorithm algorithm, std::span<const uint8_t> key, std::span<const uint8_t> plaintext,
                     std::span<const uint8_t> associated_data);
StatusOr<Bytes> SealWithNonce(AeadAlgorithm algorithm, std::span<const uint8_t> key,
                              std::span<const uint8_t, kAeadNonceBytes> nonce, std::span<const uint8_t> plaintext,
                              std::span<const uint8_t> associated_data);
StatusOr<Bytes> Open(AeadAlgorithm algorithm, std::span<const uint8_t> key, std::span<const uint8_t> sealed,
                     std::span<const uint8_t> associated_data);

}  // namespace gantry::db::crypto
