#pragma once
/// @file The gantry.db.v1.CryptoService handler: validates, calls the crypto library, maps results.

#include <memory>

#include "gantry/common/call.hpp"
#include "gantry/db/crypto/crypto_config.hpp"
#include "gantry/db/crypto/key_store.hpp"
#include "gantry/db/v1/crypto.grpc.pb.h"

namespace gantry::db::crypto {

namespace v1 = gantry::db::v1;

class CryptoService final : public v1::CryptoService::Service {
public:
    /// `keys` may be null: managed-key calls then fail with FAILED_PRECONDITION.
    CryptoService(const CallHandler& calls, PasswordPolicy policy, std::unique_ptr<KeyStore> keys);
    ~CryptoService() override;

    grpc::Status RandomBytes(grpc::ServerContext*, const v1::RandomBytesRequest*, v1::RandomBytesResponse*) override;
    grpc::Status Token(grpc::ServerContext*, const v1::TokenRequest*, v1::TokenResponse*) override;
    grpc::Status Uuid(grpc::ServerContext*, const v1::UuidRequest*, v1::UuidResponse*) override;
    grpc::Status Hash(grpc::ServerContext*, const v1::HashRequest*, v1::HashResponse*) override;
    grpc::Status HashStream(grpc::ServerContext*, grpc::ServerReader<v1::HashChunk>*, v1::HashResponse*) override;
    grpc::Status Hmac(grpc::ServerContext*, const v1::HmacRequest*, v1::HmacResponse*) override;
    grpc::Status VerifyHmac(grpc::ServerContext*, const v1::VerifyHmacRequest*, v1::VerifyHmacResponse*) override;
    grpc::Status Encrypt(grpc::ServerContext*, const v1::EncryptRequest*, v1::EncryptResponse*) override;
    grpc::Status Decrypt(grpc::ServerContext*, const v1::DecryptRequest*, v1::DecryptResponse*) override;
    grpc::Status CreateKey(grpc::ServerContext*, const v1::CreateKeyRequest*, v1::KeyInfo*) override;
    grpc::Status RotateKey(grpc::ServerContext*, const v1::RotateKeyRequest*, v1::KeyInfo*) override;
    grpc::Status ListKeys(grpc::ServerContext*, const v1::ListKeysRequest*, v1::ListKeysResponse*) override;
    grpc::Status Rewrap(grpc::ServerContext*, const v1::RewrapRequest*, v1::RewrapResponse*) override;
    grpc::Status HashPassword(grpc::ServerContext*, const v1::HashPasswordRequest*, v1::HashPasswordResponse*) override;
    grpc::Status VerifyPassword(grpc::ServerContext*, const v1::VerifyPasswordRequest*,
                                v1::VerifyPasswordResponse*) override;
    grpc::Status NeedsRehash(grpc::ServerContext*, const v1::NeedsRehashRequest*, v1::NeedsRehashResponse*) override;
    grpc::Status DeriveKey(grpc::ServerContext*, const v1::DeriveKeyRequest*, v1::DeriveKeyResponse*) override;

private:
    StatusOr<KeyStore*> Keys() const;

    const CallHandler& calls_;
    PasswordHasher passwords_;
    std::unique_ptr<KeyStore> keys_;
};

}  // namespace gantry::db::crypto
