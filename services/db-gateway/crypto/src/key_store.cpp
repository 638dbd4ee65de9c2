#include "gantry/db/crypto/key_store.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "gantry/db/crypto/random.hpp"

namespace gantry::db::crypto {
namespace {

constexpr std::string_view kFormat = "gantry-keystore-1";
constexpr std::string_view kCiphertextPrefix = "gantry:";

bool ValidKeyName(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    for (char c : name) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-')) return false;
    }
    return true;
}

/// Binds a sealed key version to its name and number, so entries cannot be swapped in the file.
std::string WrapAad(std::string_view name, int version) {
    return std::string(kFormat) + "|" + std::string(name) + "|" + std::to_string(version);
}

int64_t NowUnixSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

struct ParsedCiphertext {
    std::string name;
    int version;
    Bytes sealed;
};

StatusOr<ParsedCiphertext> ParseCiphertext(std::string_view text) {
    auto malformed = [] {
        return InvalidArgumentError("not a managed ciphertext: expected gantry:<key name>:v<version>:<base64url>");
    };
    if (!text.starts_with(kCiphertextPrefix)) return malformed();
    text.remove_prefix(kCiphertextPrefix.size());
    const size_t name_end = text.find(':');
    if (name_end == std::string_view::npos) return malformed();
    const std::string_view name = text.substr(0, name_end);
    text.remove_prefix(name_end + 1);
    const size_t version_end = text.find(':');
    if (version_end == std::string_view::npos || version_end < 2 || text[0] != 'v') return malformed();
    int version = 0;
    const auto [end, ec] = std::from_chars(text.data() + 1, text.data() + version_end, version);
    if (ec != std::errc() || end != text.data() + version_end || version < 1) return malformed();
    GANTRY_ASSIGN_OR_RETURN(Bytes sealed, Base64UrlDecode(text.substr(version_end + 1)));
    return ParsedCiphertext{std::string(name), version, std::move(sealed)};
}

}  // namespace

StatusOr<std::unique_ptr<KeyStore>> KeyStore::Open(std::string path, Bytes master_key) {
    if (master_key.size() != kAeadKeyBytes) {
        return InvalidArgumentError("the crypto master key must be 32 bytes (64 hex characters), got " +
                                    std::to_string(master_key.size()) + " bytes");
    }
    std::unique_ptr<KeyStore> store(new KeyStore(std::move(path), std::move(master_key)));
    GANTRY_RETURN_IF_ERROR(store->Load());
    return store;
}

KeyStore::~KeyStore() {
    OPENSSL_cleanse(master_key_.data(), master_key_.size());
    for (auto& [name, key] : keys_) {
        for (auto& version : key.versions) OPENSSL_cleanse(version.key.data(), version.key.size());
    }
}

bool KeyStore::IsManagedCiphertext(std::string_view text) {
    return text.starts_with(kCiphertextPrefix);
}

Status KeyStore::Load() {
    if (path_.empty() || !std::filesystem::exists(path_)) return Status::Ok();
    std::ifstream in(path_);
    std::stringstream text;
    text << in.rdbuf();
    const auto doc = nlohmann::json::parse(text.str(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || doc.value("format", "") != kFormat || !doc.contains("keys")) {
        return FailedPreconditionError("key store " + path_ + " is not a " + std::string(kFormat) + " file");
    }
    // Problems inside the file are FAILED_PRECONDITION (the deployment's to fix), whatever their origin.
    const Status loaded = [&]() -> Status {
        try {
            for (const auto& entry : doc.at("keys")) {
                const std::string name = entry.at("name");
                GANTRY_ASSIGN_OR_RETURN(AeadAlgorithm algorithm,
                                        ParseAeadAlgorithm(entry.at("algorithm").get<std::string>()));
                Key key{algorithm, {}};
                for (const auto& v : entry.at("versions")) {
                    const int number = v.at("version");
                    GANTRY_ASSIGN_OR_RETURN(Bytes sealed, Base64UrlDecode(v.at("sealed_key").get<std::string>()));
                    auto opened =
                        crypto::Open(AeadAlgorithm::kAes256Gcm, master_key_, sealed, AsBytes(WrapAad(name, number)));
                    if (!opened.ok()) {
                        return FailedPreconditionError("key store " + path_ + ": key '" + name + "' version " +
                                                       std::to_string(number) +
                                                       " does not open with the configured master key");
                    }
                    if (!key.versions.empty() && number <= key.versions.back().version) {
                        return FailedPreconditionError("key store " + path_ + " is malformed: versions of key '" +
                                                       name + "' are not in increasing order");
                    }
                    key.versions.push_back({number, v.at("created_unix_seconds").get<int64_t>(), std::move(*opened)});
                }
                if (key.versions.empty() || !ValidKeyName(name) || keys_.count(name)) {
                    return FailedPreconditionError("key store " + path_ + " is malformed: key '" + name +
                                                   "' is duplicated, badly named or has no versions");
                }
                keys_[name] = std::move(key);
            }
        } catch (const nlohmann::json::exception& e) {
            return FailedPreconditionError("key store " + path_ + " is malformed: " + e.what());
        }
        return Status::Ok();
    }();
    if (!loaded.ok() && loaded.code() != StatusCode::kFailedPrecondition) {
        return FailedPreconditionError("key store " + path_ + " is malformed: " + loaded.message());
    }
    return loaded;
}

Status KeyStore::Save() const {
    if (path_.empty()) return Status::Ok();
    nlohmann::json keys = nlohmann::json::array();
    for (const auto& [name, key] : keys_) {
        nlohmann::json versions = nlohmann::json::array();
        for (const auto& v : key.versions) {
            GANTRY_ASSIGN_OR_RETURN(
                Bytes sealed, Seal(AeadAlgorithm::kAes256Gcm, master_key_, v.key, AsBytes(WrapAad(name, v.version))));
            versions.push_back({{"version", v.version},
                                {"created_unix_seconds", v.created_unix_seconds},
                                {"sealed_key", Base64UrlEncode(sealed)}});
        }
        keys.push_back({{"name", name}, {"algorithm", AeadAlgorithmName(key.algorithm)}, {"versions", versions}});
    }
    const std::string text = nlohmann::json{{"format", kFormat}, {"keys", keys}}.dump(2) + "\n";
    // Write a private temporary file, flush it to disk, then rename it over the old one.
    const std::string temp = path_ + ".tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return UnavailableError("cannot write key store " + temp + ": " + std::strerror(errno));
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    std::error_code ec;
    if (!written || (std::filesystem::rename(temp, path_, ec), ec)) {
        std::filesystem::remove(temp, ec);
        return UnavailableError("cannot write key store " + path_);
    }
    return Status::Ok();
}

StatusOr<KeyStore::Version> KeyStore::NewVersion(int number) {
    GANTRY_ASSIGN_OR_RETURN(Bytes key, RandomBytes(kAeadKeyBytes));
    return Version{number, NowUnixSeconds(), std::move(key)};
}

KeyInfo KeyStore::Describe(const std::string& name, const Key& key) {
    KeyInfo info{name, key.algorithm, {}};
    for (const auto& v : key.versions) info.versions.push_back({v.version, v.created_unix_seconds});
    return info;
}

StatusOr<KeyInfo> KeyStore::Create(const std::string& name, AeadAlgorithm algorithm) {
    if (!ValidKeyName(name)) {
        return InvalidArgumentError("key name '" + name + "' is invalid: use 1 to 64 of A-Z a-z 0-9 _ . -");
    }
    std::lock_guard lock(mu_);
    if (keys_.count(name)) return AlreadyExistsError("key '" + name + "' already exists; rotate it instead");
    GANTRY_ASSIGN_OR_RETURN(Version first, NewVersion(1));
    keys_[name] = Key{algorithm, {std::move(first)}};
    if (Status saved = Save(); !saved.ok()) {
        keys_.erase(name);
        return saved;
    }
    return Describe(name, keys_[name]);
}

StatusOr<KeyInfo> KeyStore::Rotate(const std::string& name) {
    std::lock_guard lock(mu_);
    auto it = keys_.find(name);
    if (it == keys_.end()) return NotFoundError("no managed key named '" + name + "'");
    GANTRY_ASSIGN_OR_RETURN(Version next, NewVersion(it->second.versions.back().version + 1));
    it->second.versions.push_back(std::move(next));
    if (Status saved = Save(); !saved.ok()) {
        it->second.versions.pop_back();
        return saved;
    }
    return Describe(name, it->second);
}

std::vector<KeyInfo> KeyStore::List() const {
    std::lock_guard lock(mu_);
    std::vector<KeyInfo> out;
    for (const auto& [name, key] : keys_) out.push_back(Describe(name, key));
    return out;
}

StatusOr<ManagedCiphertext> KeyStore::Encrypt(const std::string& name, std::span<const uint8_t> plaintext,
                                              std::span<const uint8_t> associated_data) const {
    std::lock_guard lock(mu_);
    auto it = keys_.find(name);
    if (it == keys_.end()) return NotFoundError("no managed key named '" + name + "'");
    const Version& latest = it->second.versions.back();
    GANTRY_ASSIGN_OR_RETURN(Bytes sealed, Seal(it->second.algorithm, latest.key, plaintext, associated_data));
    return ManagedCiphertext{
        name, latest.version,
        std::string(kCiphertextPrefix) + name + ":v" + std::to_string(latest.version) + ":" + Base64UrlEncode(sealed)};
}

StatusOr<ManagedPlaintext> KeyStore::Decrypt(std::string_view ciphertext,
                                             std::span<const uint8_t> associated_data) const {
    GANTRY_ASSIGN_OR_RETURN(ParsedCiphertext parsed, ParseCiphertext(ciphertext));
    std::lock_guard lock(mu_);
    auto it = keys_.find(parsed.name);
    if (it == keys_.end()) return NotFoundError("no managed key named '" + parsed.name + "'");
    for (const auto& v : it->second.versions) {
        if (v.version != parsed.version) continue;
        GANTRY_ASSIGN_OR_RETURN(Bytes plaintext,
                                crypto::Open(it->second.algorithm, v.key, parsed.sealed, associated_data));
        return ManagedPlaintext{parsed.name, parsed.version, std::move(plaintext)};
    }
    return NotFoundError("key '" + parsed.name + "' has no version " + std::to_string(parsed.version));
}

StatusOr<ManagedCiphertext> KeyStore::Rewrap(std::string_view ciphertext,
                                             std::span<const uint8_t> associated_data) const {
    GANTRY_ASSIGN_OR_RETURN(ManagedPlaintext opened, Decrypt(ciphertext, associated_data));
    auto rewrapped = Encrypt(opened.key_name, opened.plaintext, associated_data);
    OPENSSL_cleanse(opened.plaintext.data(), opened.plaintext.size());
    return rewrapped;
}

}  // namespace gantry::db::crypto
