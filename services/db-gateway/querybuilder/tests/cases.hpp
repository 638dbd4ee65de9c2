#pragma once
// The golden query cases: one statement each, with the SQL every dialect must produce (or the error it
// must give). golden_test.cpp checks the text; sqlite_execution_test.cpp runs the SQLite text for real.

#include <map>
#include <string>
#include <vector>

#include "gantry/db/querybuilder/sql.hpp"

namespace gantry::db::querybuilder::testing {

using gantry::db::v1::SqlDialect;

struct GoldenCase {
    std::string name;
    gantry::db::v1::SqlStatement statement;
    /// Expected SQL per dialect; a text starting with "error: " is the expected error message's key part.
    std::map<SqlDialect, std::string> expected;
};

std::vector<GoldenCase> GoldenCases();

/// The schema the SQLite execution test creates (and the db tier would create elsewhere).
inline constexpr const char* kSqliteSchema = R"sql(
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT UNIQUE, email TEXT, age INTEGER, manager_id INTEGER,
                    deleted_at TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, total REAL, status TEXT);
INSERT INTO users (id, name, email, age, manager_id) VALUES
  (1, 'ada', 'ada@example.org', 36, NULL), (2, 'bob', 'bob@example.org', 17, 1), (3, 'cy', NULL, 52, 2);
INSERT INTO orders (id, user_id, total, status) VALUES
  (1, 1, 120.5, 'paid'), (2, 1, 30.0, 'new'), (3, 2, 99.9, 'paid'), (4, 3, 5.0, 'void');
)sql";

}  // namespace gantry::db::querybuilder::testing
