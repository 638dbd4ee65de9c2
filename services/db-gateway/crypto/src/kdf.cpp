#include "gantry/db/crypto/kdf.hpp"

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <climits>

#include "openssl_util.hpp"

namespace gantry::db::crypto {

StatusOr<Bytes> HkdfSha256(std::span<const uint8_t> secret, std::span<const uint8_t> salt,
                           std::span<const uint8_t> info, int64_t length) {
    if (length < 1 || length > 255 * 32) {
        return InvalidArgumentError("HKDF-SHA256 output length must be 1..8160 bytes, got " + std::to_string(length));
    }
    EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
    EVP_KDF_CTX* ctx = kdf ? EVP_KDF_CTX_new(kdf) : nullptr;
    EVP_KDF_free(kdf);
    if (ctx == nullptr) return InternalError("HKDF is unavailable: " + TakeOpenSslError());
    char digest[] = "SHA256";
    // OpenSSL's parameter API takes non-const pointers but does not write through them.
    auto* secret_ptr = const_cast<uint8_t*>(secret.data());
    auto* salt_ptr = const_cast<uint8_t*>(salt.data());
    auto* info_ptr = const_cast<uint8_t*>(info.data());
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, secret_ptr, secret.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt_ptr, salt.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info_ptr, info.size()),
        OSSL_PARAM_construct_end(),
    };
    Bytes out(static_cast<size_t>(length));
    const int ok = EVP_KDF_derive(ctx, out.data(), out.size(), params);
    EVP_KDF_CTX_free(ctx);
    if (ok != 1) return InternalError("HKDF failed: " + TakeOpenSslError());
    return out;
}

StatusOr<Bytes> Pbkdf2Sha256(std::span<const uint8_t> password, std::span<const uint8_t> salt, int64_t iterations,
                             int64_t length) {
    if (iterations < 1 || iterations > INT_MAX) {
        return InvalidArgumentError("PBKDF2 iterations must be positive, got " + std::to_string(iterations));
    }
    if (length < 1 || length > 1024) {
        return InvalidArgumentError("PBKDF2 output length must be 1..1024 bytes, got " + std::to_string(length));
    }
    Bytes out(static_cast<size_t>(length));
    if (PKCS5_PBKDF2_HMAC(reinterpret_cast<const char*>(password.data()), static_cast<int>(password.size()),
                          salt.data(), static_cast<int>(salt.size()), static_cast<int>(iterations), EVP_sha256(),
                          static_cast<int>(out.size()), out.data()) != 1) {
        return InternalError("PBKDF2 failed: " + TakeOpenSslError());
    }
    return out;
}

}  // namespace gantry::db::crypto
