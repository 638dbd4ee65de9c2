#pragma once
/// @file Remote database URLs: libsql:// means https://, only http(s) is accepted, no trailing slash.

#include <string>

#include "gantry/common/status.hpp"

namespace gantry::turso {

/// Normalizes `url` to the base every endpoint is appended to, e.g. "https://db.turso.io".
StatusOr<std::string> NormalizeRemoteUrl(const std::string& url);

}  // namespace gantry::turso
