#pragma once
/// @file The MariaDB/MySQL backend (libmariadb): server-side prepared statements cached per connection,
/// unbuffered fetch so results stream, multi-row INSERT for bulk loads, KILL QUERY for cancellation, and
/// a session reset only when the server reports that the session's state changed.

#include <memory>

#include "gantry/db/connection.hpp"

namespace gantry::db {

/// `options.dsn` is "host=... port=... dbname=... [socket=...] [user=...]".
StatusOr<std::unique_ptr<Driver>> MakeMariaDbDriver(const DriverOptions& options);

}  // namespace gantry::db
