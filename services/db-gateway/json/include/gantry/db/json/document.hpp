#pragma once
/// @file Parsing JSON text from callers: syntax errors name the byte offset; nesting is bounded so a
/// hostile document cannot exhaust the stack of later recursive processing.

#include <nlohmann/json.hpp>
#include <string_view>

#include "gantry/common/status.hpp"

namespace gantry::db::json {

inline constexpr int kMaxJsonDepth = 256;

/// Parses `text`; `what` names it in errors ("document", "schema", "patch").
StatusOr<nlohmann::json> ParseJson(std::string_view text, std::string_view what);

}  // namespace gantry::db::json
