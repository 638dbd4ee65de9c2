#include "gantry/db/sql_errors.hpp"

namespace gantry::db {
namespace {

struct Mapping {
    std::string_view prefix;  // a full SQLSTATE or its two-character class
    StatusCode code;
    std::string_view reason;
};

// First match wins: exact states before their class.
constexpr Mapping kMappings[] = {
    {"23505", StatusCode::kAlreadyExists, "UNIQUE_VIOLATION"},
    {"23503", StatusCode::kFailedPrecondition, "FOREIGN_KEY_VIOLATION"},
    {"23502", StatusCode::kFailedPrecondition, "NOT_NULL_VIOLATION"},
    {"23514", StatusCode::kFailedPrecondition, "CHECK_VIOLATION"},
    {"23", StatusCode::kFailedPrecondition, "INTEGRITY_CONSTRAINT_VIOLATION"},
    {"40001", StatusCode::kAborted, "SERIALIZATION_FAILURE"},
    {"40P01", StatusCode::kAborted, "DEADLOCK_DETECTED"},
    {"40", StatusCode::kAborted, "TRANSACTION_ROLLBACK"},
    {"42P01", StatusCode::kNotFound, "UNDEFINED_TABLE"},
    {"42S02", StatusCode::kNotFound, "UNDEFINED_TABLE"},
    {"42501", StatusCode::kPermissionDenied, "INSUFFICIENT_PRIVILEGE"},
    {"42", StatusCode::kInvalidArgument, "SYNTAX_ERROR_OR_ACCESS_RULE"},
    {"22", StatusCode::kInvalidArgument, "DATA_EXCEPTION"},
    {"07", StatusCode::kInvalidArgument, "DYNAMIC_SQL_ERROR"},
    {"25006", StatusCode::kPermissionDenied, "READ_ONLY_TRANSACTION"},
    {"25", StatusCode::kFailedPrecondition, "INVALID_TRANSACTION_STATE"},
    {"57014", StatusCode::kCancelled, "QUERY_CANCELED"},
    {"57", StatusCode::kUnavailable, "OPERATOR_INTERVENTION"},
    {"08", StatusCode::kUnavailable, "CONNECTION_EXCEPTION"},
    {"53", StatusCode::kResourceExhausted, "INSUFFICIENT_RESOURCES"},
    {"54", StatusCode::kInvalidArgument, "PROGRAM_LIMIT_EXCEEDED"},
    {"0A", StatusCode::kFailedPrecondition, "FEATURE_NOT_SUPPORTED"},
    {"28", StatusCode::kPermissionDenied, "INVALID_AUTHORIZATION"},
    {"3D", StatusCode::kNotFound, "INVALID_CATALOG_NAME"},
    {"3F", StatusCode::kNotFound, "INVALID_SCHEMA_NAME"},
    {"P0", StatusCode::kFailedPrecondition, "PLPGSQL_ERROR"},
    {"HY", StatusCode::kFailedPrecondition, "GENERAL_ERROR"},
};

}  // namespace

Status SqlStateError(std::string_view sqlstate, std::string message) {
    StatusCode code = StatusCode::kFailedPrecondition;
    std::string_view reason = "SQL_ERROR";
    for (const auto& m : kMappings) {
        if (sqlstate.substr(0, m.prefix.size()) == m.prefix) {
            code = m.code;
            reason = m.reason;
            break;
        }
    }
    return Status(code, std::move(message)).WithReason(std::string(reason)).WithMetadata("sqlstate", std::string(sqlstate));
}

}  // namespace gantry::db
