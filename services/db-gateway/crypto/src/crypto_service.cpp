#include "gantry/db/crypto/crypto_service.hpp"

#include "gantry/db/crypto/hash.hpp"
#include "gantry/db/crypto/kdf.hpp"
#include "gantry/db/crypto/mac.hpp"
#include "gantry/db/crypto/random.hpp"

namespace gantry::db::crypto {
namespace {

StatusOr<HashAlgorithm> FromProto(v1::HashAlgorithm algorithm) {
    switch (algorithm) {
        case v1::HASH_ALGORITHM_SHA256: return HashAlgorithm::kSha256;
        case v1::HASH_ALGORITHM_SHA384: return HashAlgorithm::kSha384;
        case v1::HASH_ALGORITHM_SHA512: return HashAlgorithm::kSha512;
        case v1::HASH_ALGORITHM_SHA3_256: return HashAlgorithm::kSha3_256;
        case v1::HASH_ALGORITHM_SHA3_512: return HashAlgorithm::kSha3_512;
        case v1::HASH_ALGORITHM_BLAKE2B_512: return HashAlgorithm::kBlake2b512;
        case v1::HASH_ALGORITHM_BLAKE3: return HashAlgorithm::kBlake3;
        default:
            return InvalidArgumentError(
                "choose a hash algorithm (SHA256, SHA384, SHA512, SHA3_256, SHA3_512, "
                "BLAKE2B_512 or BLAKE3)");
    }
}

AeadAlgorithm FromProto(v1::AeadAlgorithm algorithm) {
    return algorithm == v1::AEAD_ALGORITHM_CHACHA20_POLY1305 ? AeadAlgorithm::kChaCha20Poly1305
                                                             : AeadAlgorithm::kAes256Gcm;
}

v1::AeadAlgorithm ToProto(AeadAlgorithm algorithm) {
    return algorithm == AeadAlgorithm::kChaCha20Poly1305 ? v1::AEAD_ALGORITHM_CHACHA20_POLY1305
                                                         : v1::AEAD_ALGORITHM_AES_256_GCM;
}

StatusOr<PasswordAlgorithm> FromProto(v1::PasswordAlgorithm algorithm, const PasswordPolicy& policy) {
    switch (algorithm) {
        case v1::PASSWORD_ALGORITHM_UNSPECIFIED: return policy.algorithm;
        case v1::PASSWORD_ALGORITHM_ARGON2ID: return PasswordAlgorithm::kArgon2id;
        case v1::PASSWORD_ALGORITHM_BCRYPT: return PasswordAlgorithm::kBcrypt;
        case v1::PASSWORD_ALGORITHM_PBKDF2_SHA256: return PasswordAlgorithm::kPbkdf2Sha256;
        default: return InvalidArgumentError("unknown password algorithm");
    }
}

void ToProto(const KeyInfo& info, v1::KeyInfo* out) {
    out->set_name(info.name);
    out->set_algorithm(ToProto(info.algorithm));
    out->set_latest_version(info.latest_version());
    for (const auto& v : info.versions) {
        auto* version = out->add_versions();
        version->set_version(v.version);
        version->set_created_unix_seconds(v.created_unix_seconds);
    }
}

std::string ToString(const Bytes& bytes) {
    return std::string(bytes.begin(), bytes.end());
}

}  // namespace

CryptoService::CryptoService(const CallHandler& calls, PasswordPolicy policy, std::unique_ptr<KeyStore> keys)
    : calls_(calls), passwords_(policy), keys_(std::move(keys)) {}

CryptoService::~CryptoService() = default;

StatusOr<KeyStore*> CryptoService::Keys() const {
    if (!keys_) {
        return FailedPreconditionError(
            "managed keys are off: set crypto.master_key or crypto.master_key_file (64 hex characters)");
    }
    return keys_.get();
}

grpc::Status CryptoService::RandomBytes(grpc::ServerContext* ctx, const v1::RandomBytesRequest* req,
                                        v1::RandomBytesResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(Bytes data, crypto::RandomBytes(req->length()));
        resp->set_data(ToString(data));
        return Status::Ok();
    });
}

grpc::Status CryptoService::Token(grpc::ServerContext* ctx, const v1::TokenRequest* req, v1::TokenResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        const auto encoding =
            req->encoding() == v1::TokenRequest::BASE64URL ? TokenEncoding::kBase64Url : TokenEncoding::kHex;
        GANTRY_ASSIGN_OR_RETURN(std::string token, RandomToken(req->bytes() == 0 ? 32 : req->bytes(), encoding));
        resp->set_token(std::move(token));
        return Status::Ok();
    });
}

grpc::Status CryptoService::Uuid(grpc::ServerContext* ctx, const v1::UuidRequest* req, v1::UuidResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        if (req->version() == 0 || req->version() == 4) {
            resp->set_uuid(UuidV4());
        } else if (req->version() == 7) {
            resp->set_uuid(UuidV7());
        } else {
            return InvalidArgumentError("UUID version must be 4 or 7, got " + std::to_string(req->version()));
        }
        return Status::Ok();
    });
}

grpc::Status CryptoService::Hash(grpc::ServerContext* ctx, const v1::HashRequest* req, v1::HashResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(HashAlgorithm algorithm, FromProto(req->algorithm()));
        const Bytes digest = crypto::Hash(algorithm, AsBytes(req->data()));
        resp->set_digest(ToString(digest));
        resp->set_hex(HexEncode(digest));
        return Status::Ok();
    });
}

grpc::Status CryptoService::HashStream(grpc::ServerContext* ctx, grpc::ServerReader<v1::HashChunk>* reader,
                                       v1::HashResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        v1::HashChunk chunk;
        if (!reader->Read(&chunk)) return InvalidArgumentError("the stream ended before its first chunk");
        const v1::HashAlgorithm chosen = chunk.algorithm();
        GANTRY_ASSIGN_OR_RETURN(HashAlgorithm algorithm, FromProto(chosen));
        Hasher hasher(algorithm);
        do {
            // Later chunks may leave the algorithm unset, but may not switch it.
            if (chunk.algorithm() != v1::HASH_ALGORITHM_UNSPECIFIED && chunk.algorithm() != chosen) {
                return InvalidArgumentError("a hash stream cannot change its algorithm after the first chunk");
            }
            hasher.Update(AsBytes(chunk.data()));
        } while (reader->Read(&chunk));
        const Bytes digest = hasher.Finish();
        resp->set_digest(ToString(digest));
        resp->set_hex(HexEncode(digest));
        return Status::Ok();
    });
}

grpc::Status CryptoService::Hmac(grpc::ServerContext* ctx, const v1::HmacRequest* req, v1::HmacResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(HashAlgorithm algorithm, FromProto(req->algorithm()));
        GANTRY_ASSIGN_OR_RETURN(Bytes mac, crypto::Hmac(algorithm, AsBytes(req->key()), AsBytes(req->data())));
        resp->set_mac(ToString(mac));
        return Status::Ok();
    });
}

grpc::Status CryptoService::VerifyHmac(grpc::ServerContext* ctx, const v1::VerifyHmacRequest* req,
                                       v1::VerifyHmacResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(HashAlgorithm algorithm, FromProto(req->algorithm()));
        GANTRY_ASSIGN_OR_RETURN(
            bool valid, crypto::VerifyHmac(algorithm, AsBytes(req->key()), AsBytes(req->data()), AsBytes(req->mac())));
        resp->set_valid(valid);
        return Status::Ok();
    });
}

grpc::Status CryptoService::Encrypt(grpc::ServerContext* ctx, const v1::EncryptRequest* req,
                                    v1::EncryptResponse* resp) {
    const bool managed = !req->key_name().empty();
    return calls_.Handle(ctx, managed ? Role::kWrite : Role::kRead, [&](const CallInfo&) -> Status {
        if (managed) {
            if (!req->key().empty()) return InvalidArgumentError("give either key or key_name, not both");
            GANTRY_ASSIGN_OR_RETURN(KeyStore * keys, Keys());
            GANTRY_ASSIGN_OR_RETURN(ManagedCiphertext sealed, keys->Encrypt(req->key_name(), AsBytes(req->plaintext()),
                                                                            AsBytes(req->associated_data())));
            resp->set_ciphertext(std::move(sealed.text));
            resp->set_key_name(sealed.key_name);
            resp->set_key_version(sealed.key_version);
            return Status::Ok();
        }
        if (req->key().empty()) return InvalidArgumentError("give a 32-byte key or the key_name of a managed key");
        GANTRY_ASSIGN_OR_RETURN(Bytes sealed, Seal(FromProto(req->algorithm()), AsBytes(req->key()),
                                                   AsBytes(req->plaintext()), AsBytes(req->associated_data())));
        resp->set_ciphertext(ToString(sealed));
        return Status::Ok();
    });
}

grpc::Status CryptoService::Decrypt(grpc::ServerContext* ctx, const v1::DecryptRequest* req,
                                    v1::DecryptResponse* resp) {
    const bool managed = req->key().empty() && KeyStore::IsManagedCiphertext(req->ciphertext());
    return calls_.Handle(ctx, managed ? Role::kWrite : Role::kRead, [&](const CallInfo&) -> Status {
        if (managed) {
            GANTRY_ASSIGN_OR_RETURN(KeyStore * keys, Keys());
            GANTRY_ASSIGN_OR_RETURN(ManagedPlaintext opened,
                                    keys->Decrypt(req->ciphertext(), AsBytes(req->associated_data())));
            resp->set_plaintext(ToString(opened.plaintext));
            resp->set_key_name(opened.key_name);
            resp->set_key_version(opened.key_version);
            return Status::Ok();
        }
        if (req->key().empty()) {
            return InvalidArgumentError("give the 32-byte key, or a managed ciphertext (gantry:<key>:v<n>:...)");
        }
        GANTRY_ASSIGN_OR_RETURN(Bytes plaintext, Open(FromProto(req->algorithm()), AsBytes(req->key()),
                                                      AsBytes(req->ciphertext()), AsBytes(req->associated_data())));
        resp->set_plaintext(ToString(plaintext));
        return Status::Ok();
    });
}

grpc::Status CryptoService::CreateKey(grpc::ServerContext* ctx, const v1::CreateKeyRequest* req, v1::KeyInfo* resp) {
    return calls_.Handle(ctx, Role::kAdmin, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(KeyStore * keys, Keys());
        GANTRY_ASSIGN_OR_RETURN(KeyInfo info, keys->Create(req->name(), FromProto(req->algorithm())));
        ToProto(info, resp);
        return Status::Ok();
    });
}

grpc::Status CryptoService::RotateKey(grpc::ServerContext* ctx, const v1::RotateKeyRequest* req, v1::KeyInfo* resp) {
    return calls_.Handle(ctx, Role::kAdmin, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(KeyStore * keys, Keys());
        GANTRY_ASSIGN_OR_RETURN(KeyInfo info, keys->Rotate(req->name()));
        ToProto(info, resp);
        return Status::Ok();
    });
}

grpc::Status CryptoService::ListKeys(grpc::ServerContext* ctx, const v1::ListKeysRequest*, v1::ListKeysResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(KeyStore * keys, Keys());
        for (const KeyInfo& info : keys->List()) ToProto(info, resp->add_keys());
        return Status::Ok();
    });
}

grpc::Status CryptoService::Rewrap(grpc::ServerContext* ctx, const v1::RewrapRequest* req, v1::RewrapResponse* resp) {
    return calls_.Handle(ctx, Role::kWrite, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(KeyStore * keys, Keys());
        GANTRY_ASSIGN_OR_RETURN(ManagedCiphertext sealed,
                                keys->Rewrap(req->ciphertext(), AsBytes(req->associated_data())));
        resp->set_ciphertext(std::move(sealed.text));
        resp->set_key_version(sealed.key_version);
        return Status::Ok();
    });
}

grpc::Status CryptoService::HashPassword(grpc::ServerContext* ctx, const v1::HashPasswordRequest* req,
                                         v1::HashPasswordResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(PasswordAlgorithm algorithm, FromProto(req->algorithm(), passwords_.policy()));
        GANTRY_ASSIGN_OR_RETURN(std::string hash, passwords_.Hash(req->password(), algorithm));
        resp->set_hash(std::move(hash));
        return Status::Ok();
    });
}

grpc::Status CryptoService::VerifyPassword(grpc::ServerContext* ctx, const v1::VerifyPasswordRequest* req,
                                           v1::VerifyPasswordResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(bool valid, passwords_.Verify(req->password(), req->hash()));
        resp->set_valid(valid);
        if (valid) {
            GANTRY_ASSIGN_OR_RETURN(bool rehash, passwords_.NeedsRehash(req->hash()));
            resp->set_needs_rehash(rehash);
        }
        return Status::Ok();
    });
}

grpc::Status CryptoService::NeedsRehash(grpc::ServerContext* ctx, const v1::NeedsRehashRequest* req,
                                        v1::NeedsRehashResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(bool rehash, passwords_.NeedsRehash(req->hash()));
        resp->set_needs_rehash(rehash);
        return Status::Ok();
    });
}

grpc::Status CryptoService::DeriveKey(grpc::ServerContext* ctx, const v1::DeriveKeyRequest* req,
                                      v1::DeriveKeyResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        Bytes key;
        if (req->kdf() == v1::DeriveKeyRequest::PBKDF2_SHA256) {
            if (req->iterations() < 1000 ||
                static_cast<uint32_t>(req->iterations()) > PasswordCostLimits::kMaxPbkdf2Iterations) {
                return InvalidArgumentError("PBKDF2 iterations must be between 1000 and " +
                                            std::to_string(PasswordCostLimits::kMaxPbkdf2Iterations) + ", got " +
                                            std::to_string(req->iterations()));
            }
            GANTRY_ASSIGN_OR_RETURN(
                key, Pbkdf2Sha256(AsBytes(req->secret()), AsBytes(req->salt()), req->iterations(), req->length()));
        } else {
            GANTRY_ASSIGN_OR_RETURN(
                key, HkdfSha256(AsBytes(req->secret()), AsBytes(req->salt()), AsBytes(req->info()), req->length()));
        }
        resp->set_key(ToString(key));
        return Status::Ok();
    });
}

}  // namespace gantry::db::crypto
