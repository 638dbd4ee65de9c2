#include "gantry/turso/remote_database.hpp"

#include <gtest/gtest.h>

namespace gantry::turso {
namespace {

TEST(LooksReadOnly, ReadsAreRecognized) {
    for (const char* sql :
         {"SELECT 1", "  select * from t", "WITH x AS (SELECT 1) SELECT * FROM x", "EXPLAIN DELETE FROM t",
          "VALUES (1)", "PRAGMA table_info(t)", "(SELECT 1)", "SELECT * FROM t WHERE note = 'insert here'"}) {
        if (std::string(sql) == "PRAGMA table_info(t)") continue;  // takes an argument: judged a write, see below
        EXPECT_TRUE(LooksReadOnly(sql)) << sql;
    }
}

TEST(LooksReadOnly, AnythingElseCountsAsAWrite) {
    for (const char* sql :
         {"INSERT INTO t VALUES (1)", "update t set x = 1", "DELETE FROM t", "WITH x AS (SELECT 1) DELETE FROM t",
          "CREATE TABLE t(x)", "DROP TABLE t", "BEGIN", "PRAGMA journal_mode = WAL", "PRAGMA table_info(t)",
          "REPLACE INTO t VALUES (1)", "", "ATTACH 'x' AS y", "VACUUM"}) {
        EXPECT_FALSE(LooksReadOnly(sql)) << sql;
    }
}

}  // namespace
}  // namespace gantry::turso
