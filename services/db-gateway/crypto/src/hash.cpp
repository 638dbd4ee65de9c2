#include "gantry/db/crypto/hash.hpp"

#include <stdexcept>
#include <variant>

#include "gantry/db/crypto/blake3.hpp"
#include "openssl_util.hpp"

namespace gantry::db::crypto {
namespace {

const EVP_MD* EvpDigest(HashAlgorithm algorithm) {
    switch (algorithm) {
        case HashAlgorithm::kSha256: return EVP_sha256();
        case HashAlgorithm::kSha384: return EVP_sha384();
        case HashAlgorithm::kSha512: return EVP_sha512();
        case HashAlgorithm::kSha3_256: return EVP_sha3_256();
        case HashAlgorithm::kSha3_512: return EVP_sha3_512();
        case HashAlgorithm::kBlake2b512: return EVP_blake2b512();
        case HashAlgorithm::kBlake3: break;
    }
    return nullptr;
}

}  // namespace

std::string_view HashAlgorithmName(HashAlgorithm algorithm) {
    switch (algorithm) {
        case HashAlgorithm::kSha256: return "SHA-256";
        case HashAlgorithm::kSha384: return "SHA-384";
        case HashAlgorithm::kSha512: return "SHA-512";
        case HashAlgorithm::kSha3_256: return "SHA3-256";
        case HashAlgorithm::kSha3_512: return "SHA3-512";
        case HashAlgorithm::kBlake2b512: return "BLAKE2b-512";
        case HashAlgorithm::kBlake3: return "BLAKE3";
    }
    return "unknown";
}

struct Hasher::Impl {
    std::variant<EvpMdCtxPtr, Blake3> state;
};

Hasher::Hasher(HashAlgorithm algorithm) : algorithm_(algorithm), impl_(std::make_unique<Impl>()) {
    if (algorithm == HashAlgorithm::kBlake3) {
        impl_->state = Blake3();
        return;
    }
    EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EvpDigest(algorithm), nullptr) != 1) {
        throw std::runtime_error("cannot start " + std::string(HashAlgorithmName(algorithm)) + ": " +
                                 TakeOpenSslError());
    }
    impl_->state = std::move(ctx);
}

Hasher::~Hasher() = default;
Hasher::Hasher(Hasher&&) noexcept = default;
Hasher& Hasher::operator=(Hasher&&) noexcept = default;

void Hasher::Update(std::span<const uint8_t> data) {
    if (auto* blake3 = std::get_if<Blake3>(&impl_->state)) {
        blake3->Update(data);
        return;
    }
    EVP_DigestUpdate(std::get<EvpMdCtxPtr>(impl_->state).get(), data.data(), data.size());
}

Bytes Hasher::Finish() {
    if (auto* blake3 = std::get_if<Blake3>(&impl_->state)) {
        const auto digest = blake3->Finalize();
        return Bytes(digest.begin(), digest.end());
    }
    Bytes digest(EVP_MAX_MD_SIZE);
    unsigned int length = 0;
    EVP_DigestFinal_ex(std::get<EvpMdCtxPtr>(impl_->state).get(), digest.data(), &length);
    digest.resize(length);
    return digest;
}

Bytes Hash(HashAlgorithm algorithm, std::span<const uint8_t> data) {
    Hasher hasher(algorithm);
    hasher.Update(data);
    return hasher.Finish();
}

}  // namespace gantry::db::crypto
