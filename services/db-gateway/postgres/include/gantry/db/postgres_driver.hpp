#pragma once
/// @file The PostgreSQL backend (libpq): prepared statements cached per connection, single-row mode so
/// results stream in bounded memory, COPY for bulk inserts, PQcancel for cancellation.

#include <memory>

#include "gantry/db/connection.hpp"

namespace gantry::db {

/// `options.dsn` is a libpq conninfo string or URI; user and password are passed beside it.
StatusOr<std::unique_ptr<Driver>> MakePostgresDriver(const DriverOptions& options);

}  // namespace gantry::db
