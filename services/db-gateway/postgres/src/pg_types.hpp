#pragma once
/// @file PostgreSQL types (by OID) to typed Values, from the text wire format the backend requests.

#include <cstdint>
#include <string>
#include <string_view>

#include "gantry/common/status.hpp"
#include "gantry/common/v1/value.pb.h"

namespace gantry::db::pg {

using Oid = unsigned int;

struct PgType {
    common::v1::ValueType type;
    std::string_view name;  // "int4", "_text", ...
};

/// The logical type and name of a type OID (unknown OIDs -> TEXT, "oid:<n>").
PgType Describe(Oid oid);
std::string TypeName(Oid oid);

/// A non-NULL value in text format.
StatusOr<common::v1::Value> Decode(Oid oid, std::string_view text);
/// The same with the column's Describe(oid) looked up once per result rather than per value.
StatusOr<common::v1::Value> Decode(const PgType& type, Oid oid, std::string_view text);

/// A parameter in the text format PostgreSQL parses ("t", "2024-01-02 03:04:05.000000+00:00", ...).
/// Bytes are sent in binary format instead and are not handled here.
std::string EncodeText(const common::v1::Value& value);

/// One value as a COPY text-format field (escaped; NULL as \N).
void AppendCopyField(std::string& out, const common::v1::Value& value);

}  // namespace gantry::db::pg
