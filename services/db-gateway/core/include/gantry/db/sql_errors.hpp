#pragma once
/// @file SQL errors to Status: one table from SQLSTATE (PostgreSQL, and MariaDB's own SQLSTATE) to a code
/// and a stable reason; the SQLSTATE travels as metadata so clients can branch on it.

#include <string>
#include <string_view>

#include "gantry/common/status.hpp"

namespace gantry::db {

/// e.g. ("23505", "duplicate key ...") -> ALREADY_EXISTS, reason UNIQUE_VIOLATION, metadata sqlstate=23505.
Status SqlStateError(std::string_view sqlstate, std::string message);

}  // namespace gantry::db
