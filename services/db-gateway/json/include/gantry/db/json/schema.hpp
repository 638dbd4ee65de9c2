#pragma once
/// @file JSON Schema draft 7 validation through valijson. Remote $refs are not fetched.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gantry/common/status.hpp"

namespace gantry::db::json {

struct SchemaViolation {
    std::string instance_path;  // RFC 6901 JSON Pointer into the document; "" is the whole document
    std::string message;
};

struct ValidationReport {
    bool valid = true;
    std::vector<SchemaViolation> violations;
};

/// valijson evaluates `pattern`, `patternProperties` and `format` with std::regex, which recurses once per
/// character and crashes on long subjects. When a schema uses those keywords, every string and member name
/// of the document must be at most this long, and every pattern at most kMaxPatternBytes.
inline constexpr size_t kMaxRegexSubjectBytes = 4096;
inline constexpr size_t kMaxPatternBytes = 1024;

/// Validates `document` against `schema`. A schema valijson cannot compile is INVALID_ARGUMENT, and so is
/// a document beyond the regular-expression limits above.
StatusOr<ValidationReport> ValidateAgainstSchema(const nlohmann::json& schema, const nlohmann::json& document);

/// RFC 6901 escaping of one reference token ("~" -> "~0", "/" -> "~1").
std::string EscapePointerToken(std::string_view token);

}  // namespace gantry::db::json
