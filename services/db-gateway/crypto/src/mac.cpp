#include "gantry/db/crypto/mac.hpp"

#include <openssl/crypto.h>
#include <openssl/hmac.h>

#include "openssl_util.hpp"

namespace gantry::db::crypto {

StatusOr<Bytes> Hmac(HashAlgorithm algorithm, std::span<const uint8_t> key, std::span<const uint8_t> data) {
    const EVP_MD* md = nullptr;
    switch (algorithm) {
        case HashAlgorithm::kSha256: md = EVP_sha256(); break;
        case HashAlgorithm::kSha384: md = EVP_sha384(); break;
        case HashAlgorithm::kSha512: md = EVP_sha512(); break;
        default:
            return InvalidArgumentError("HMAC supports SHA-256, SHA-384 and SHA-512, not " +
                                        std::string(HashAlgorithmName(algorithm)));
    }
    Bytes mac(EVP_MAX_MD_SIZE);
    unsigned int length = 0;
    static const uint8_t kEmpty = 0;
    if (::HMAC(md, key.empty() ? &kEmpty : key.data(), static_cast<int>(key.size()), data.data(), data.size(),
               mac.data(), &length) == nullptr) {
        return InternalError("HMAC failed: " + TakeOpenSslError());
    }
    mac.resize(length);
    return mac;
}

StatusOr<bool> VerifyHmac(HashAlgorithm algorithm, std::span<const uint8_t> key, std::span<const uint8_t> data,
                          std::span<const uint8_t> mac) {
    GANTRY_ASSIGN_OR_RETURN(Bytes expected, Hmac(algorithm, key, data));
    return ConstantTimeEquals(expected, mac);
}

bool ConstantTimeEquals(std::span<const uint8_t> a, std::span<const uint8_t> b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace gantry::db::crypto
