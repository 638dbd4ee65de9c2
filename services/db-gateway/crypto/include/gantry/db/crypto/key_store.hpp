#pragma once
/// @file Managed AEAD keys, in the manner of Vault's transit engine: named, versioned, rotated; stored
/// in one JSON file with every key version sealed (AES-256-GCM) under a 32-byte master key.
///
/// A managed ciphertext is the text "gantry:<name>:v<version>:<base64url(nonce || ciphertext || tag)>",
/// so it names the key version that decrypts it; old versions keep decrypting after a rotation and
/// Rewrap moves a ciphertext to the newest version.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gantry/db/crypto/aead.hpp"

namespace gantry::db::crypto {

struct KeyVersionInfo {
    int version = 0;
    int64_t created_unix_seconds = 0;
};

struct KeyInfo {
    std::string name;
    AeadAlgorithm algorithm = AeadAlgorithm::kAes256Gcm;
    std::vector<KeyVersionInfo> versions;  // oldest first
    int latest_version() const { return versions.empty() ? 0 : versions.back().version; }
};

struct ManagedCiphertext {
    std::string key_name;
    int key_version = 0;
    std::string text;  // the gantry:... form
};

struct ManagedPlaintext {
    std::string key_name;
    int key_version = 0;
    Bytes plaintext;
};

class KeyStore final {
public:
    /// Opens (or starts) the store at `path`; "" keeps keys in memory only. A master key that is not
    /// 32 bytes is INVALID_ARGUMENT; one that does not open the file's keys is FAILED_PRECONDITION.
    static StatusOr<std::unique_ptr<KeyStore>> Open(std::string path, Bytes master_key);
    ~KeyStore();

    /// Creates version 1 of a new key; the name is [A-Za-z0-9_.-]{1,64}.
    StatusOr<KeyInfo> Create(const std::string& name, AeadAlgorithm algorithm);
    /// Adds a new version, which encrypts from now on.
    StatusOr<KeyInfo> Rotate(const std::string& name);
    std::vector<KeyInfo> List() const;

    StatusOr<ManagedCiphertext> Encrypt(const std::string& name, std::span<const uint8_t> plaintext,
                                        std::span<const uint8_t> associated_data) const;
    StatusOr<ManagedPlaintext> Decrypt(std::string_view ciphertext, std::span<const uint8_t> associated_data) const;
    /// Decrypts with the version the ciphertext names and encrypts again under the newest version.
    StatusOr<ManagedCiphertext> Rewrap(std::string_view ciphertext, std::span<const uint8_t> associated_data) const;

    /// Whether `text` looks like a managed ciphertext (starts with "gantry:").
    static bool IsManagedCiphertext(std::string_view text);

private:
    struct Version {
        int version;
        int64_t created_unix_seconds;
        Bytes key;
    };
    struct Key {
        AeadAlgorithm algorithm;
        std::vector<Version> versions;
    };

    KeyStore(std::string path, Bytes master_key) : path_(std::move(path)), master_key_(std::move(master_key)) {}
    Status Load();
    Status Save() const;
    static StatusOr<Version> NewVersion(int number);
    static KeyInfo Describe(const std::string& name, const Key& key);

    std::string path_;
    Bytes master_key_;
    mutable std::mutex mu_;
    std::map<std::string, Key> keys_;
};

}  // namespace gantry::db::crypto
