#pragma once
/// @file Which statements may leave session state behind on a PostgreSQL connection, so the pool's session
/// reset (RESET ALL, CLOSE ALL, UNLISTEN *, advisory unlock, DISCARD TEMP/SEQUENCES) runs only after those.

#include <string_view>

namespace gantry::db::pg {

/// False only for a statement PostgreSQL runs without changing session state: one SELECT, VALUES, TABLE
/// or WITH ... SELECT that calls no function outside a fixed list of built-ins known to be free of session
/// effects (so no set_config, nextval, pg_advisory_lock, user functions, ...), and no SELECT INTO. Everything
/// else (SET, DDL, DML, which may fire triggers or defaults, LISTEN, DECLARE, DO, CALL, ...) returns true.
/// Effects hidden behind a view, an operator or a type's input function are not seen; the connection also
/// compares the parameters the server reports (DateStyle, TimeZone, ...) after each call.
bool MayChangeSessionState(std::string_view sql);

}  // namespace gantry::db::pg
