#pragma once
/// @file The crypto service's configuration keys (section `crypto:`).

#include <string>

#include "gantry/common/config.hpp"
#include "gantry/common/server_config.hpp"
#include "gantry/db/crypto/encoding.hpp"
#include "gantry/db/crypto/password.hpp"

namespace gantry::db::crypto {

struct CryptoConfig {
    Bytes master_key;            // 32 bytes, or empty: managed keys are off
    std::string key_store_path;  // where managed keys live, sealed under the master key
    PasswordPolicy password;
};

/// Reads `crypto.*`. Pure: touches no files beyond a configured master_key_file.
CryptoConfig ReadCryptoConfig(ConfigSection root, const CommonConfig& common);

}  // namespace gantry::db::crypto
