#include "gantry/db/crypto/aead.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>

#include "gantry/db/crypto/random.hpp"
#include "openssl_util.hpp"

namespace gantry::db::crypto {
namespace {

const EVP_CIPHER* Cipher(AeadAlgorithm algorithm) {
    return algorithm == AeadAlgorithm::kAes256Gcm ? EVP_aes_256_gcm() : EVP_chacha20_poly1305();
}

Status AuthenticationFailed(AeadAlgorithm algorithm) {
    return InvalidArgumentError(std::string(AeadAlgorithmName(algorithm)) +
                                " decryption failed: the ciphertext was altered, or the key or associated data "
                                "is not the one it was encrypted with")
        .WithReason("AEAD_AUTHENTICATION_FAILED");
}

/// A context holding the key schedule for one direction.
StatusOr<EvpCipherCtxPtr> KeyedContext(AeadAlgorithm algorithm, std::span<const uint8_t> key, bool encrypt) {
    EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    const int enc = encrypt ? 1 : 0;
    if (!ctx || EVP_CipherInit_ex(ctx.get(), Cipher(algorithm), nullptr, nullptr, nullptr, enc) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_IVLEN, kAeadNonceBytes, nullptr) != 1 ||
        EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, key.data(), nullptr, enc) != 1) {
        return InternalError(std::string(AeadAlgorithmName(algorithm)) + " setup failed: " + TakeOpenSslError());
    }
    return ctx;
}

/// Starts one message on a keyed context: sets the nonce and feeds the associated data.
bool BeginMessage(EVP_CIPHER_CTX* ctx, const uint8_t* nonce, std::span<const uint8_t> associated_data, bool encrypt) {
    int length = 0;
    return EVP_CipherInit_ex(ctx, nullptr, nullptr, nullptr, nonce, encrypt ? 1 : 0) == 1 &&
           (associated_data.empty() || EVP_CipherUpdate(ctx, nullptr, &length, associated_data.data(),
                                                        static_cast<int>(associated_data.size())) == 1);
}

}  // namespace

std::string_view AeadAlgorithmName(AeadAlgorithm algorithm) {
    return algorithm == AeadAlgorithm::kAes256Gcm ? "aes-256-gcm" : "chacha20-poly1305";
}

StatusOr<AeadAlgorithm> ParseAeadAlgorithm(std::string_view name) {
    for (AeadAlgorithm a : {AeadAlgorithm::kAes256Gcm, AeadAlgorithm::kChaCha20Poly1305}) {
        if (name == AeadAlgorithmName(a)) return a;
    }
    return InvalidArgumentError("unknown AEAD algorithm '" + std::string(name) + "'");
}

struct AeadKey::Contexts {
    EvpCipherCtxPtr encrypt;
    EvpCipherCtxPtr decrypt;
    // Random nonces are drawn from the CSPRNG in batches; each is used once.
    static constexpr size_t kBatch = 64;
    std::array<uint8_t, kBatch * kAeadNonceBytes> nonces;
    size_t nonces_used = kBatch;

    bool NextNonce(uint8_t* out) {
        if (nonces_used == kBatch) {
            if (RAND_bytes(nonces.data(), static_cast<int>(nonces.size())) != 1) return false;
            nonces_used = 0;
        }
        std::copy_n(nonces.data() + kAeadNonceBytes * nonces_used++, kAeadNonceBytes, out);
        return true;
    }
};

AeadKey::AeadKey(AeadAlgorithm algorithm, std::unique_ptr<Contexts> contexts)
    : algorithm_(algorithm), contexts_(std::move(contexts)) {}
AeadKey::AeadKey(AeadKey&&) noexcept = default;
AeadKey& AeadKey::operator=(AeadKey&&) noexcept = default;
AeadKey::~AeadKey() = default;  // EVP_CIPHER_CTX_free clears the key schedule

StatusOr<AeadKey> AeadKey::Create(AeadAlgorithm algorithm, std::span<const uint8_t> key) {
    if (key.size() != kAeadKeyBytes) {
        return InvalidArgumentError(std::string(AeadAlgorithmName(algorithm)) + " needs a 32-byte key, got " +
                                    std::to_string(key.size()) + " bytes");
    }
    auto contexts = std::make_unique<Contexts>();
    GANTRY_ASSIGN_OR_RETURN(contexts->encrypt, KeyedContext(algorithm, key, true));
    GANTRY_ASSIGN_OR_RETURN(contexts->decrypt, KeyedContext(algorithm, key, false));
    return AeadKey(algorithm, std::move(contexts));
}

StatusOr<Bytes> AeadKey::Seal(std::span<const uint8_t> plaintext, std::span<const uint8_t> associated_data) {
    Bytes out(kAeadNonceBytes + plaintext.size() + kAeadTagBytes);
    GANTRY_RETURN_IF_ERROR(SealInto(plaintext, associated_data, out));
    return out;
}

Status AeadKey::SealInto(std::span<const uint8_t> plaintext, std::span<const uint8_t> associated_data,
                         std::span<uint8_t> out) {
    if (out.size() != kAeadNonceBytes + plaintext.size() + kAeadTagBytes) {
        return InvalidArgumentError("the output buffer must be the plaintext size plus 28 bytes");
    }
    if (!contexts_->NextNonce(out.data())) return InternalError("the random number generator failed");
    return SealWithNonceInto(out.data(), plaintext, associated_data, out);
}

StatusOr<Bytes> AeadKey::SealWithNonce(std::span<const uint8_t, kAeadNonceBytes> nonce,
                                       std::span<const uint8_t> plaintext, std::span<const uint8_t> associated_data) {
    Bytes out(kAeadNonceBytes + plaintext.size() + kAeadTagBytes);
    std::copy(nonce.begin(), nonce.end(), out.begin());
    GANTRY_RETURN_IF_ERROR(SealWithNonceInto(out.data(), plaintext, associated_data, out));
    return out;
}

/// `nonce` is already in out[0, 12).
Status AeadKey::SealWithNonceInto(const uint8_t* nonce, std::span<const uint8_t> plaintext,
                                  std::span<const uint8_t> associated_data, std::span<uint8_t> out) {
    EVP_CIPHER_CTX* ctx = contexts_->encrypt.get();
    uint8_t* body = out.data() + kAeadNonceBytes;
    int length = 0;
    int final_length = 0;
    if (!BeginMessage(ctx, nonce, associated_data, true) ||
        (!plaintext.empty() &&
         EVP_EncryptUpdate(ctx, body, &length, plaintext.data(), static_cast<int>(plaintext.size())) != 1) ||
        EVP_EncryptFinal_ex(ctx, body + length, &final_length) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, kAeadTagBytes, body + plaintext.size()) != 1) {
        return InternalError(std::string(AeadAlgorithmName(algorithm_)) + " encryption failed: " + TakeOpenSslError());
    }
    return Status::Ok();
}

StatusOr<Bytes> AeadKey::Open(std::span<const uint8_t> sealed, std::span<const uint8_t> associated_data) {
    if (sealed.size() < kAeadNonceBytes + kAeadTagBytes) {
        return InvalidArgumentError("ciphertext is " + std::to_string(sealed.size()) +
                                    " bytes; a sealed message has at least 28 (12-byte nonce and 16-byte tag)");
    }
    EVP_CIPHER_CTX* ctx = contexts_->decrypt.get();
    const auto body = sealed.subspan(kAeadNonceBytes, sealed.size() - kAeadNonceBytes - kAeadTagBytes);
    Bytes tag(sealed.end() - kAeadTagBytes, sealed.end());
    Bytes plaintext(body.size());
    int length = 0;
    int final_length = 0;
    if (!BeginMessage(ctx, sealed.data(), associated_data, false) ||
        (!body.empty() &&
         EVP_DecryptUpdate(ctx, plaintext.data(), &length, body.data(), static_cast<int>(body.size())) != 1) ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, kAeadTagBytes, tag.data()) != 1 ||
        EVP_DecryptFinal_ex(ctx, plaintext.data() + length, &final_length) != 1) {
        ERR_clear_error();
        OPENSSL_cleanse(plaintext.data(), plaintext.size());
        return AuthenticationFailed(algorithm_);
    }
    return plaintext;
}

StatusOr<Bytes> Seal(AeadAlgorithm algorithm, std::span<const uint8_t> key, std::span<const uint8_t> plaintext,
                     std::span<const uint8_t> associated_data) {
    GANTRY_ASSIGN_OR_RETURN(AeadKey prepared, AeadKey::Create(algorithm, key));
    return prepared.Seal(plaintext, associated_data);
}

StatusOr<Bytes> SealWithNonce(AeadAlgorithm algorithm, std::span<const uint8_t> key,
                              std::span<const uint8_t, kAeadNonceBytes> nonce, std::span<const uint8_t> plaintext,
                              std::span<const uint8_t> associated_data) {
    GANTRY_ASSIGN_OR_RETURN(AeadKey prepared, AeadKey::Create(algorithm, key));
    return prepared.SealWithNonce(nonce, plaintext, associated_data);
}

StatusOr<Bytes> Open(AeadAlgorithm algorithm, std::span<const uint8_t> key, std::span<const uint8_t> sealed,
                     std::span<const uint8_t> associated_data) {
    GANTRY_ASSIGN_OR_RETURN(AeadKey prepared, AeadKey::Create(algorithm, key));
    return prepared.Open(sealed, associated_data);
}

}  // namespace gantry::db::crypto
