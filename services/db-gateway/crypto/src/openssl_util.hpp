#pragma once
// Small helpers around OpenSSL: owning pointers and the error queue as text.

#include <openssl/err.h>
#include <openssl/evp.h>

#include <memory>
#include <string>

namespace gantry::db::crypto {

struct EvpMdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct EvpCipherCtxFree {
    void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, EvpMdCtxFree>;
using EvpCipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, EvpCipherCtxFree>;

/// The oldest queued OpenSSL error as text (and clears the queue); "unknown OpenSSL error" when empty.
inline std::string TakeOpenSslError() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) return "unknown OpenSSL error";
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof(buffer));
    return buffer;
}

}  // namespace gantry::db::crypto
