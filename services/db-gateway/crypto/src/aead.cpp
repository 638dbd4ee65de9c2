#include "gantry/db/crypto/aead.hpp"

#include <openssl/crypto.h>

#include "gantry/db/crypto/random.hpp"
#include "openssl_util.hpp"

namespace gantry::db::crypto {
namespace {

const EVP_CIPHER* Cipher(AeadAlgorithm algorithm) {
    return algorithm == AeadAlgorithm::kAes256Gcm ? EVP_aes_256_gcm() : EVP_chacha20_poly1305();
}

Status CheckKey(AeadAlgorithm algorithm, std::span<const uint8_t> key) {
    if (key.size() != kAeadKeyBytes) {
        return InvalidArgumentError(std::string(AeadAlgorithmName(algorithm)) + " needs a 32-byte key, got " +
                                    std::to_string(key.size()) + " bytes");
    }
    return Status::Ok();
}

/// Starts a context with key and nonce, and feeds the associated data.
StatusOr<EvpCipherCtxPtr> Begin(AeadAlgorithm algorithm, std::span<const uint8_t> key, const uint8_t* nonce,
                                std::span<const uint8_t> associated_data, bool encrypt) {
    EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    int length = 0;
    if (!ctx || EVP_CipherInit_ex(ctx.get(), Cipher(algorithm), nullptr, nullptr, nullptr, encrypt ? 1 : 0) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_IVLEN, kAeadNonceBytes, nullptr) != 1 ||
        EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce, encrypt ? 1 : 0) != 1 ||
        (!associated_data.empty() &&
         EVP_CipherUpdate(ctx.get(), nullptr, &length, associated_data.data(),
                          static_cast<int>(associated_data.size())) != 1)) {
        return InternalError(std::string(AeadAlgorithmName(algorithm)) + " setup failed: " + TakeOpenSslError());
    }
    return ctx;
}

Status AuthenticationFailed(AeadAlgorithm algorithm) {
    return InvalidArgumentError(std::string(AeadAlgorithmName(algorithm)) +
                                " decryption failed: the ciphertext was altered, or the key or associated data "
                                "is not the one it was encrypted with")
        .WithReason("AEAD_AUTHENTICATION_FAILED");
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

StatusOr<Bytes> Seal(AeadAlgorithm algorithm, std::span<const uint8_t> key, std::span<const uint8_t> plaintext,
                     std::span<const uint8_t> associated_data) {
    GANTRY_ASSIGN_OR_RETURN(Bytes nonce, RandomBytes(kAeadNonceBytes));
    return SealWithNonce(algorithm, key, std::span<const uint8_t, kAeadNonceBytes>(nonce.data(), kAeadNonceBytes),
                         plaintext, associated_data);
}

StatusOr<Bytes> SealWithNonce(AeadAlgorithm algorithm, std::span<const uint8_t> key,
                              std::span<const uint8_t, kAeadNonceBytes> nonce, std::span<const uint8_t> plaintext,
                              std::span<const uint8_t> associated_data) {
    GANTRY_RETURN_IF_ERROR(CheckKey(algorithm, key));
    GANTRY_ASSIGN_OR_RETURN(EvpCipherCtxPtr ctx, Begin(algorithm, key, nonce.data(), associated_data, true));
    Bytes out(kAeadNonceBytes + plaintext.size() + kAeadTagBytes);
    std::copy(nonce.begin(), nonce.end(), out.begin());
    uint8_t* body = out.data() + kAeadNonceBytes;
    int length = 0;
    int final_length = 0;
    if ((!plaintext.empty() &&
         EVP_EncryptUpdate(ctx.get(), body, &length, plaintext.data(), static_cast<int>(plaintext.size())) != 1) ||
        EVP_EncryptFinal_ex(ctx.get(), body + length, &final_length) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, kAeadTagBytes, body + plaintext.size()) != 1) {
        return InternalError(std::string(AeadAlgorithmName(algorithm)) + " encryption failed: " + TakeOpenSslError());
    }
    return out;
}

StatusOr<Bytes> Open(AeadAlgorithm algorithm, std::span<const uint8_t> key, std::span<const uint8_t> sealed,
                     std::span<const uint8_t> associated_data) {
    GANTRY_RETURN_IF_ERROR(CheckKey(algorithm, key));
    if (sealed.size() < kAeadNonceBytes + kAeadTagBytes) {
        return InvalidArgumentError("ciphertext is " + std::to_string(sealed.size()) +
                                    " bytes; a sealed message has at least 28 (12-byte nonce and 16-byte tag)");
    }
    const auto body = sealed.subspan(kAeadNonceBytes, sealed.size() - kAeadNonceBytes - kAeadTagBytes);
    Bytes tag(sealed.end() - kAeadTagBytes, sealed.end());
    GANTRY_ASSIGN_OR_RETURN(EvpCipherCtxPtr ctx, Begin(algorithm, key, sealed.data(), associated_data, false));
    Bytes plaintext(body.size());
    int length = 0;
    int final_length = 0;
    if ((!body.empty() &&
         EVP_DecryptUpdate(ctx.get(), plaintext.data(), &length, body.data(), static_cast<int>(body.size())) != 1) ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, kAeadTagBytes, tag.data()) != 1 ||
        EVP_DecryptFinal_ex(ctx.get(), plaintext.data() + length, &final_length) != 1) {
        ERR_clear_error();
        OPENSSL_cleanse(plaintext.data(), plaintext.size());
        return AuthenticationFailed(algorithm);
    }
    return plaintext;
}

}  // namespace gantry::db::crypto
