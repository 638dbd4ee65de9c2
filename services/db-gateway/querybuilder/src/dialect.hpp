#pragma once
// What differs between the dialects that is not structure: quoting, placeholders, feature flags.

#include <string>
#include <string_view>

#include "gantry/common/status.hpp"
#include "gantry/db/v1/query_builder.pb.h"

namespace gantry::db::querybuilder {

struct Dialect {
    gantry::db::v1::SqlDialect id;
    std::string_view name;
    char open_quote;
    char close_quote;
    size_t max_identifier_bytes;
    bool full_join;
    bool nulls_ordering;        // ORDER BY ... NULLS FIRST/LAST
    bool native_ilike;          // otherwise LOWER(a) LIKE LOWER(b)
    bool recursive_keyword;     // WITH RECURSIVE (MSSQL: plain WITH)
    bool with_on_dml;           // WITH before INSERT/UPDATE/DELETE
    bool returning_on_update;   // UPDATE ... RETURNING
    bool top_and_offset_fetch;  // MSSQL row limiting
    bool output_clause;         // MSSQL OUTPUT INSERTED/DELETED instead of RETURNING

    bool is(gantry::db::v1::SqlDialect other) const { return id == other; }
    /// "$3", "?" or "@p3" for the 1-based parameter `index`.
    std::string Placeholder(size_t index) const;
    /// Appends the identifier quoted for this dialect to `out`, or returns INVALID_ARGUMENT (leaving
    /// `out` as it was) when it cannot be quoted safely.
    Status AppendQuoted(std::string_view identifier, std::string& out) const;
    /// INVALID_ARGUMENT "the <name> dialect does not support <feature>".
    Status Unsupported(std::string_view feature) const;
};

/// The dialect's description; INVALID_ARGUMENT for SQL_DIALECT_UNSPECIFIED or an unknown value.
StatusOr<const Dialect*> FindDialect(gantry::db::v1::SqlDialect id);

}  // namespace gantry::db::querybuilder
