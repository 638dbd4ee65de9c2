#pragma once
/// @file Message digests: SHA-2, SHA-3 and BLAKE2b through OpenSSL EVP, BLAKE3 from blake3.hpp.

#include <memory>
#include <string_view>

#include "gantry/db/crypto/encoding.hpp"

namespace gantry::db::crypto {

enum class HashAlgorithm { kSha256, kSha384, kSha512, kSha3_256, kSha3_512, kBlake2b512, kBlake3 };

std::string_view HashAlgorithmName(HashAlgorithm algorithm);

/// An incremental digest: Update any number of times, then Finish once.
class Hasher final {
public:
    explicit Hasher(HashAlgorithm algorithm);
    ~Hasher();
    Hasher(Hasher&&) noexcept;
    Hasher& operator=(Hasher&&) noexcept;

    HashAlgorithm algorithm() const { return algorithm_; }
    void Update(std::span<const uint8_t> data);
    Bytes Finish();

private:
    struct Impl;
    HashAlgorithm algorithm_;
    std::unique_ptr<Impl> impl_;
};

/// One-shot digest.
Bytes Hash(HashAlgorithm algorithm, std::span<const uint8_t> data);

}  // namespace gantry::db::crypto
