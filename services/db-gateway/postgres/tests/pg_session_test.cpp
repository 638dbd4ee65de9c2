#include "pg_session.hpp"

#include <gtest/gtest.h>

namespace gantry::db::pg {
namespace {

TEST(PgSession, PlainReadsNeedNoReset) {
    for (const char* sql : {"SELECT id, label, amount FROM bench_items WHERE id = $1",
                            "select * from t where id between $1 and $1 + 99;",
                            "SELECT count(*), max(a), lower(b) FROM t GROUP BY b ORDER BY 1 LIMIT 10",
                            "SELECT pg_catalog.count(*) FROM t",
                            "WITH x AS (SELECT 1 AS a) SELECT a FROM x WHERE a IN (1, 2)", "VALUES (1, 'a'), (2, 'b')",
                            "TABLE items", "SELECT 1.50::numeric(12,2), 'x'::varchar(3), now() -- set_config(\n",
                            "SELECT 'nextval(''s'')', E'\\'set_config(', $$ setval( $$, \"a(\" FROM t",
                            "/* SET x = 1; */ SELECT a FROM t FOR UPDATE", "SELECT a FROM t FOR NO KEY UPDATE SKIP LOCKED",
                            "SELECT EXISTS (SELECT 1 FROM t WHERE a = ANY($1))"}) {
        EXPECT_FALSE(MayChangeSessionState(sql)) << sql;
    }
}

TEST(PgSession, StatementsThatMayLeaveStateBehindNeedOne) {
    for (const char* sql : {"SET search_path TO x", "set statement_timeout = 5", "RESET ALL", "LISTEN ch",
                            "DECLARE c CURSOR WITH HOLD FOR SELECT 1", "CREATE TEMP TABLE t (a int)",
                            "INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "DELETE FROM t",
                            "WITH d AS (DELETE FROM t RETURNING a) SELECT * FROM d", "SELECT a INTO TEMP u FROM t",
                            "SELECT set_config('search_path', 'x', false)",
                            "SELECT pg_catalog.set_config('a', 'b', false)",
                            "SELECT nextval('s')", "SELECT pg_advisory_lock(1)", "SELECT my_function(1)",
                            "SELECT public.lower('x')", "SELECT \"lower\"('x')", "SELECT 1; SET x = 1",
                            "DO $$ BEGIN PERFORM 1; END $$", "CALL p()", "COPY t FROM STDIN", "PREPARE p AS SELECT 1",
                            "(SELECT 1)", "", "  ", "SELECT 'unterminated", "SELECT $tag$ open",
                            "SELECT a FROM t /* open"}) {
        EXPECT_TRUE(MayChangeSessionState(sql)) << sql;
    }
}

}  // namespace
}  // namespace gantry::db::pg
