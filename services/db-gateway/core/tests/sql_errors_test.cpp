#include "gantry/db/sql_errors.hpp"

#include <gtest/gtest.h>

namespace gantry::db {
namespace {

TEST(SqlErrors, MapsStatesToCodesAndKeepsTheSqlstate) {
    struct Case {
        const char* state;
        StatusCode code;
        const char* reason;
    } cases[] = {
        {"23505", StatusCode::kAlreadyExists, "UNIQUE_VIOLATION"},
        {"23503", StatusCode::kFailedPrecondition, "FOREIGN_KEY_VIOLATION"},
        {"23000", StatusCode::kFailedPrecondition, "INTEGRITY_CONSTRAINT_VIOLATION"},
        {"40001", StatusCode::kAborted, "SERIALIZATION_FAILURE"},
        {"40P01", StatusCode::kAborted, "DEADLOCK_DETECTED"},
        {"42601", StatusCode::kInvalidArgument, "SYNTAX_ERROR_OR_ACCESS_RULE"},
        {"42P01", StatusCode::kNotFound, "UNDEFINED_TABLE"},
        {"42501", StatusCode::kPermissionDenied, "INSUFFICIENT_PRIVILEGE"},
        {"25006", StatusCode::kPermissionDenied, "READ_ONLY_TRANSACTION"},
        {"22P02", StatusCode::kInvalidArgument, "DATA_EXCEPTION"},
        {"57014", StatusCode::kCancelled, "QUERY_CANCELED"},
        {"08006", StatusCode::kUnavailable, "CONNECTION_EXCEPTION"},
        {"53300", StatusCode::kResourceExhausted, "INSUFFICIENT_RESOURCES"},
        {"XX000", StatusCode::kFailedPrecondition, "SQL_ERROR"},
    };
    for (const auto& c : cases) {
        const auto st = SqlStateError(c.state, "msg");
        EXPECT_EQ(st.code(), c.code) << c.state;
        EXPECT_EQ(st.reason(), c.reason) << c.state;
        EXPECT_EQ(st.metadata().at("sqlstate"), c.state);
        EXPECT_EQ(st.message(), "msg");
    }
}

}  // namespace
}  // namespace gantry::db
