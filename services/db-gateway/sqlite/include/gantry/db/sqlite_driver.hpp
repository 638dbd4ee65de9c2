#pragma once
/// @file The SQLite backend: a database file in WAL mode, the embedded default of db-gateway.

#include <memory>

#include "gantry/db/connection.hpp"

namespace gantry::db {

/// `options.dsn` is the file path (its directory is created when missing).
StatusOr<std::unique_ptr<Driver>> MakeSqliteDriver(const DriverOptions& options);

}  // namespace gantry::db
