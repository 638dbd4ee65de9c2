#pragma once
/// @file JSON Patch (RFC 6902), JSON Merge Patch (RFC 7396) and a diff that produces a JSON Patch.

#include <nlohmann/json.hpp>

#include "gantry/common/status.hpp"

namespace gantry::db::json {

/// Applies every operation or none: on failure the result is an error naming the operation's index
/// (0-based) and the document is not returned half-patched. A failed "test" is FAILED_PRECONDITION;
/// a malformed patch or a path that does not exist is INVALID_ARGUMENT.
StatusOr<nlohmann::json> ApplyJsonPatch(const nlohmann::json& document, const nlohmann::json& patch);

/// RFC 7396: objects merge recursively, null removes a member, anything else replaces.
nlohmann::json ApplyMergePatch(const nlohmann::json& document, const nlohmann::json& patch);

/// A JSON Patch that turns `source` into `target`.
nlohmann::json JsonDiff(const nlohmann::json& source, const nlohmann::json& target);

}  // namespace gantry::db::json
