#include "cases.hpp"

namespace gantry::db::querybuilder::testing {
namespace {

using namespace gantry::db::querybuilder::sql;  // NOLINT(google-build-using-namespace)
using gantry::db::v1::SqlJoin;
using gantry::db::v1::SqlOrderItem;
using gantry::db::v1::SqlSetOperation;
using gantry::db::v1::SqlStatement;

constexpr SqlDialect kPg = SqlDialect::SQL_DIALECT_POSTGRESQL;
constexpr SqlDialect kMy = SqlDialect::SQL_DIALECT_MYSQL;
constexpr SqlDialect kLite = SqlDialect::SQL_DIALECT_SQLITE;
constexpr SqlDialect kMs = SqlDialect::SQL_DIALECT_MSSQL;

SqlStatement Of(SqlSelect select) {
    SqlStatement s;
    *s.mutable_select() = std::move(select);
    return s;
}

SqlOrderItem Order(SqlExpr expr, bool descending = false, SqlOrderItem::Nulls nulls = SqlOrderItem::NULLS_DEFAULT) {
    SqlOrderItem item;
    *item.mutable_expr() = std::move(expr);
    item.set_descending(descending);
    item.set_nulls(nulls);
    return item;
}

void AddJoin(SqlSelect& select, SqlJoin::Kind kind, gantry::db::v1::SqlTableRef table, SqlExpr on) {
    auto* join = select.add_joins();
    join->set_kind(kind);
    *join->mutable_table() = std::move(table);
    if (on.kind_case() != SqlExpr::KIND_NOT_SET) *join->mutable_on() = std::move(on);
}

void Insert(SqlStatement& s, std::string table, std::vector<std::string> columns) {
    auto* insert = s.mutable_insert();
    insert->mutable_table()->set_name(std::move(table));
    for (auto& c : columns) insert->add_columns(std::move(c));
}

void AddRow(SqlStatement& s, std::vector<SqlExpr> values) {
    auto* row = s.mutable_insert()->add_rows();
    for (auto& v : values) *row->add_values() = std::move(v);
}

gantry::db::v1::SqlAssignment Set(std::string column, SqlExpr value) {
    gantry::db::v1::SqlAssignment a;
    a.set_column(std::move(column));
    *a.mutable_value() = std::move(value);
    return a;
}

GoldenCase SimpleSelect() {
    SqlSelect q = Select({Item(Col("u", "id")), As(Col("u", "name"), "n")}, From("users", "u"));
    *q.mutable_where() = And({Ge(Col("u", "age"), Val(int64_t{18})), IsNull(Col("u", "deleted_at"))});
    *q.add_order_by() = Order(Col("u", "name"));
    q.set_limit(10);
    q.set_offset(1);
    return {
        "simple_select",
        Of(q),
        {{kPg,
          R"(SELECT "u"."id", "u"."name" AS "n" FROM "users" AS "u" WHERE "u"."age" >= $1 AND "u"."deleted_at" IS NULL ORDER BY "u"."name" LIMIT $2 OFFSET $3)"},
         {kMy,
          R"(SELECT `u`.`id`, `u`.`name` AS `n` FROM `users` AS `u` WHERE `u`.`age` >= ? AND `u`.`deleted_at` IS NULL ORDER BY `u`.`name` LIMIT ? OFFSET ?)"},
         {kLite,
          R"(SELECT "u"."id", "u"."name" AS "n" FROM "users" AS "u" WHERE "u"."age" >= ? AND "u"."deleted_at" IS NULL ORDER BY "u"."name" LIMIT ? OFFSET ?)"},
         {kMs,
          R"(SELECT [u].[id], [u].[name] AS [n] FROM [users] AS [u] WHERE [u].[age] >= @p1 AND [u].[deleted_at] IS NULL ORDER BY [u].[name] OFFSET @p2 ROWS FETCH NEXT @p3 ROWS ONLY)"}}};
}

GoldenCase DistinctLimit() {
    SqlSelect q = Select({Item(Col("status"))}, From("orders"));
    q.set_distinct(true);
    q.set_limit(5);
    return {"distinct_limit",
            Of(q),
            {{kPg, R"(SELECT DISTINCT "status" FROM "orders" LIMIT $1)"},
             {kMy, R"(SELECT DISTINCT `status` FROM `orders` LIMIT ?)"},
             {kLite, R"(SELECT DISTINCT "status" FROM "orders" LIMIT ?)"},
             {kMs, R"(SELECT DISTINCT TOP (@p1) [status] FROM [orders])"}}};
}

GoldenCase OffsetOnly() {
    SqlSelect q = Select({Item(Col("id"))}, From("users"));
    *q.add_order_by() = Order(Col("id"));
    q.set_offset(1);
    return {"offset_only",
            Of(q),
            {{kPg, R"(SELECT "id" FROM "users" ORDER BY "id" OFFSET $1)"},
             {kMy, R"(SELECT `id` FROM `users` ORDER BY `id` LIMIT 18446744073709551615 OFFSET ?)"},
             {kLite, R"(SELECT "id" FROM "users" ORDER BY "id" LIMIT -1 OFFSET ?)"},
             {kMs, R"(SELECT [id] FROM [users] ORDER BY [id] OFFSET @p1 ROWS)"}}};
}

GoldenCase Joins() {
    SqlSelect q =
        Select({Item(Col("u", "name")), Item(Col("o", "total")), As(Col("m", "name"), "manager")}, From("users", "u"));
    AddJoin(q, SqlJoin::INNER, From("orders", "o"), Eq(Col("o", "user_id"), Col("u", "id")));
    AddJoin(q, SqlJoin::LEFT, From("users", "m"), Eq(Col("m", "id"), Col("u", "manager_id")));
    AddJoin(q, SqlJoin::CROSS, FromSubquery(Select({As(Val(int64_t{1}), "one")}), "x"), {});
    return {
        "joins",
        Of(q),
        {{kPg,
          R"(SELECT "u"."name", "o"."total", "m"."name" AS "manager" FROM "users" AS "u" INNER JOIN "orders" AS "o" ON "o"."user_id" = "u"."id" LEFT JOIN "users" AS "m" ON "m"."id" = "u"."manager_id" CROSS JOIN (SELECT CAST($1 AS bigint) AS "one") AS "x")"},
         {kMy,
          R"(SELECT `u`.`name`, `o`.`total`, `m`.`name` AS `manager` FROM `users` AS `u` INNER JOIN `orders` AS `o` ON `o`.`user_id` = `u`.`id` LEFT JOIN `users` AS `m` ON `m`.`id` = `u`.`manager_id` CROSS JOIN (SELECT ? AS `one`) AS `x`)"},
         {kLite,
          R"(SELECT "u"."name", "o"."total", "m"."name" AS "manager" FROM "users" AS "u" INNER JOIN "orders" AS "o" ON "o"."user_id" = "u"."id" LEFT JOIN "users" AS "m" ON "m"."id" = "u"."manager_id" CROSS JOIN (SELECT ? AS "one") AS "x")"},
         {kMs,
          R"(SELECT [u].[name], [o].[total], [m].[name] AS [manager] FROM [users] AS [u] INNER JOIN [orders] AS [o] ON [o].[user_id] = [u].[id] LEFT JOIN [users] AS [m] ON [m].[id] = [u].[manager_id] CROSS JOIN (SELECT @p1 AS [one]) AS [x])"}}};
}

GoldenCase RightAndFullJoins() {
    SqlSelect q = Select({Item(Col("u", "id")), Item(Col("o", "id"))}, From("users", "u"));
    AddJoin(q, SqlJoin::RIGHT, From("orders", "o"), Eq(Col("o", "user_id"), Col("u", "id")));
    AddJoin(q, SqlJoin::FULL, From("users", "m"), Eq(Col("m", "id"), Col("u", "manager_id")));
    return {
        "right_full_joins",
        Of(q),
        {{kPg,
          R"(SELECT "u"."id", "o"."id" FROM "users" AS "u" RIGHT JOIN "orders" AS "o" ON "o"."user_id" = "u"."id" FULL JOIN "users" AS "m" ON "m"."id" = "u"."manager_id")"},
         {kMy, "error: the mysql dialect does not support FULL JOIN"},
         {kLite,
          R"(SELECT "u"."id", "o"."id" FROM "users" AS "u" RIGHT JOIN "orders" AS "o" ON "o"."user_id" = "u"."id" FULL JOIN "users" AS "m" ON "m"."id" = "u"."manager_id")"},
         {kMs,
          R"(SELECT [u].[id], [o].[id] FROM [users] AS [u] RIGHT JOIN [orders] AS [o] ON [o].[user_id] = [u].[id] FULL JOIN [users] AS [m] ON [m].[id] = [u].[manager_id])"}}};
}

GoldenCase WhereTree() {
    SqlSelect paid = Select({Item(Col("user_id"))}, From("orders"));
    *paid.mutable_where() = Eq(Col("status"), Val("void"));
    SqlSelect any_order = Select({Item(Val(int64_t{1}))}, From("orders", "o"));
    *any_order.mutable_where() = Eq(Col("o", "user_id"), Col("u", "id"));
    SqlExpr not_in = In(Col("u", "id"), paid);
    not_in.mutable_in_subquery()->set_negated(true);
    SqlSelect q = Select({Item(Col("u", "name"))}, From("users", "u"));
    *q.mutable_where() = And({
        Or({In(Col("u", "name"), {Val("ada"), Val("bob")}), Like(Col("u", "email"), Val("%@example.org"))}),
        not_in,
        Exists(any_order),
        Between(Col("u", "age"), Val(int64_t{10}), Val(int64_t{40})),
        Not(Eq(Col("u", "age"), Add(Val(int64_t{1}), Val(int64_t{2})))),
        Ne(Col("u", "name"), Val("")),
    });
    return {
        "where_tree",
        Of(q),
        {{kPg,
          R"(SELECT "u"."name" FROM "users" AS "u" WHERE ("u"."name" IN ($1, $2) OR "u"."email" LIKE $3) AND "u"."id" NOT IN (SELECT "user_id" FROM "orders" WHERE "status" = $4) AND EXISTS (SELECT CAST($5 AS bigint) FROM "orders" AS "o" WHERE "o"."user_id" = "u"."id") AND "u"."age" BETWEEN $6 AND $7 AND NOT ("u"."age" = ($8 + $9)) AND "u"."name" <> $10)"},
         {kMy,
          R"(SELECT `u`.`name` FROM `users` AS `u` WHERE (`u`.`name` IN (?, ?) OR `u`.`email` LIKE ?) AND `u`.`id` NOT IN (SELECT `user_id` FROM `orders` WHERE `status` = ?) AND EXISTS (SELECT ? FROM `orders` AS `o` WHERE `o`.`user_id` = `u`.`id`) AND `u`.`age` BETWEEN ? AND ? AND NOT (`u`.`age` = (? + ?)) AND `u`.`name` <> ?)"},
         {kLite,
          R"(SELECT "u"."name" FROM "users" AS "u" WHERE ("u"."name" IN (?, ?) OR "u"."email" LIKE ?) AND "u"."id" NOT IN (SELECT "user_id" FROM "orders" WHERE "status" = ?) AND EXISTS (SELECT ? FROM "orders" AS "o" WHERE "o"."user_id" = "u"."id") AND "u"."age" BETWEEN ? AND ? AND NOT ("u"."age" = (? + ?)) AND "u"."name" <> ?)"},
         {kMs,
          R"(SELECT [u].[name] FROM [users] AS [u] WHERE ([u].[name] IN (@p1, @p2) OR [u].[email] LIKE @p3) AND [u].[id] NOT IN (SELECT [user_id] FROM [orders] WHERE [status] = @p4) AND EXISTS (SELECT @p5 FROM [orders] AS [o] WHERE [o].[user_id] = [u].[id]) AND [u].[age] BETWEEN @p6 AND @p7 AND NOT ([u].[age] = (@p8 + @p9)) AND [u].[name] <> @p10)"}}};
}

GoldenCase CaseInsensitiveLike() {
    SqlSelect q = Select({Item(Col("id"))}, From("users"));
    *q.mutable_where() = ILike(Col("name"), Val("A%"));
    return {"ilike",
            Of(q),
            {{kPg, R"(SELECT "id" FROM "users" WHERE "name" ILIKE $1)"},
             {kMy, R"(SELECT `id` FROM `users` WHERE LOWER(`name`) LIKE LOWER(?))"},
             {kLite, R"(SELECT "id" FROM "users" WHERE LOWER("name") LIKE LOWER(?))"},
             {kMs, R"(SELECT [id] FROM [users] WHERE LOWER([name]) LIKE LOWER(@p1))"}}};
}

GoldenCase GroupHaving() {
    SqlExpr count_distinct = Func("COUNT", {Col("status")});
    count_distinct.mutable_function()->set_distinct(true);
    SqlSelect q = Select({Item(Col("user_id")), As(Func("COUNT", {Star()}), "n"),
                          As(Func("SUM", {Col("total")}), "sum"), As(count_distinct, "statuses")},
                         From("orders"));
    *q.add_group_by() = Col("user_id");
    *q.mutable_having() = Gt(Func("COUNT", {Star()}), Val(int64_t{1}));
    *q.add_order_by() = Order(Col("user_id"), true);
    return {
        "group_having",
        Of(q),
        {{kPg,
          R"(SELECT "user_id", COUNT(*) AS "n", SUM("total") AS "sum", COUNT(DISTINCT "status") AS "statuses" FROM "orders" GROUP BY "user_id" HAVING COUNT(*) > $1 ORDER BY "user_id" DESC)"},
         {kMy,
          R"(SELECT `user_id`, COUNT(*) AS `n`, SUM(`total`) AS `sum`, COUNT(DISTINCT `status`) AS `statuses` FROM `orders` GROUP BY `user_id` HAVING COUNT(*) > ? ORDER BY `user_id` DESC)"},
         {kLite,
          R"(SELECT "user_id", COUNT(*) AS "n", SUM("total") AS "sum", COUNT(DISTINCT "status") AS "statuses" FROM "orders" GROUP BY "user_id" HAVING COUNT(*) > ? ORDER BY "user_id" DESC)"},
         {kMs,
          R"(SELECT [user_id], COUNT(*) AS [n], SUM([total]) AS [sum], COUNT(DISTINCT [status]) AS [statuses] FROM [orders] GROUP BY [user_id] HAVING COUNT(*) > @p1 ORDER BY [user_id] DESC)"}}};
}

GoldenCase NullsOrdering() {
    SqlSelect q = Select({Item(Col("name"))}, From("users"));
    *q.add_order_by() = Order(Col("email"), true, SqlOrderItem::NULLS_LAST);
    return {"nulls_last",
            Of(q),
            {{kPg, R"(SELECT "name" FROM "users" ORDER BY "email" DESC NULLS LAST)"},
             {kMy, "error: the mysql dialect does not support NULLS FIRST/LAST in ORDER BY"},
             {kLite, R"(SELECT "name" FROM "users" ORDER BY "email" DESC NULLS LAST)"},
             {kMs, "error: the mssql dialect does not support NULLS FIRST/LAST in ORDER BY"}}};
}

GoldenCase RecursiveCte() {
    SqlSelect anchor = Select({Item(Col("id")), As(Val(int64_t{0}), "depth")}, From("users"));
    *anchor.mutable_where() = IsNull(Col("manager_id"));
    SqlSelect step = Select({Item(Col("u", "id")), Item(Add(Col("c", "depth"), Val(int64_t{1})))}, From("users", "u"));
    AddJoin(step, SqlJoin::INNER, From("chain", "c"), Eq(Col("u", "manager_id"), Col("c", "id")));
    auto* union_all = anchor.add_set_operations();
    union_all->set_kind(SqlSetOperation::UNION_ALL);
    *union_all->mutable_select() = step;
    SqlSelect q = Select({Item(Col("id")), Item(Col("depth"))}, From("chain"));
    q.mutable_with()->set_recursive(true);
    auto* cte = q.mutable_with()->add_ctes();
    cte->set_name("chain");
    cte->add_columns("id");
    cte->add_columns("depth");
    *cte->mutable_query() = anchor;
    *q.add_order_by() = Order(Col("depth"));
    return {
        "recursive_cte",
        Of(q),
        {{kPg,
          R"(WITH RECURSIVE "chain" ("id", "depth") AS (SELECT "id", CAST($1 AS bigint) AS "depth" FROM "users" WHERE "manager_id" IS NULL UNION ALL SELECT "u"."id", "c"."depth" + $2 FROM "users" AS "u" INNER JOIN "chain" AS "c" ON "u"."manager_id" = "c"."id") SELECT "id", "depth" FROM "chain" ORDER BY "depth")"},
         {kMy,
          R"(WITH RECURSIVE `chain` (`id`, `depth`) AS (SELECT `id`, ? AS `depth` FROM `users` WHERE `manager_id` IS NULL UNION ALL SELECT `u`.`id`, `c`.`depth` + ? FROM `users` AS `u` INNER JOIN `chain` AS `c` ON `u`.`manager_id` = `c`.`id`) SELECT `id`, `depth` FROM `chain` ORDER BY `depth`)"},
         {kLite,
          R"(WITH RECURSIVE "chain" ("id", "depth") AS (SELECT "id", ? AS "depth" FROM "users" WHERE "manager_id" IS NULL UNION ALL SELECT "u"."id", "c"."depth" + ? FROM "users" AS "u" INNER JOIN "chain" AS "c" ON "u"."manager_id" = "c"."id") SELECT "id", "depth" FROM "chain" ORDER BY "depth")"},
         {kMs,
          R"(WITH [chain] ([id], [depth]) AS (SELECT [id], @p1 AS [depth] FROM [users] WHERE [manager_id] IS NULL UNION ALL SELECT [u].[id], [c].[depth] + @p2 FROM [users] AS [u] INNER JOIN [chain] AS [c] ON [u].[manager_id] = [c].[id]) SELECT [id], [depth] FROM [chain] ORDER BY [depth])"}}};
}

GoldenCase SubqueriesInFromAndSelect() {
    SqlSelect totals = Select({Item(Col("user_id")), As(Func("SUM", {Col("total")}), "total")}, From("orders"));
    *totals.add_group_by() = Col("user_id");
    SqlSelect name_of = Select({Item(Col("u", "name"))}, From("users", "u"));
    *name_of.mutable_where() = Eq(Col("u", "id"), Col("t", "user_id"));
    SqlSelect q = Select({As(Scalar(name_of), "name"), Item(Col("t", "total"))}, FromSubquery(totals, "t"));
    *q.mutable_where() = Gt(Col("t", "total"), Val(100.0));
    return {
        "subqueries",
        Of(q),
        {{kPg,
          R"(SELECT (SELECT "u"."name" FROM "users" AS "u" WHERE "u"."id" = "t"."user_id") AS "name", "t"."total" FROM (SELECT "user_id", SUM("total") AS "total" FROM "orders" GROUP BY "user_id") AS "t" WHERE "t"."total" > $1)"},
         {kMy,
          R"(SELECT (SELECT `u`.`name` FROM `users` AS `u` WHERE `u`.`id` = `t`.`user_id`) AS `name`, `t`.`total` FROM (SELECT `user_id`, SUM(`total`) AS `total` FROM `orders` GROUP BY `user_id`) AS `t` WHERE `t`.`total` > ?)"},
         {kLite,
          R"(SELECT (SELECT "u"."name" FROM "users" AS "u" WHERE "u"."id" = "t"."user_id") AS "name", "t"."total" FROM (SELECT "user_id", SUM("total") AS "total" FROM "orders" GROUP BY "user_id") AS "t" WHERE "t"."total" > ?)"},
         {kMs,
          R"(SELECT (SELECT [u].[name] FROM [users] AS [u] WHERE [u].[id] = [t].[user_id]) AS [name], [t].[total] FROM (SELECT [user_id], SUM([total]) AS [total] FROM [orders] GROUP BY [user_id]) AS [t] WHERE [t].[total] > @p1)"}}};
}

GoldenCase WindowFunctions() {
    SqlExpr row_number = Func("ROW_NUMBER");
    *row_number.mutable_function()->mutable_over()->add_partition_by() = Col("user_id");
    *row_number.mutable_function()->mutable_over()->add_order_by() = Order(Col("total"), true);
    SqlExpr running = Func("SUM", {Col("total")});
    auto* over = running.mutable_function()->mutable_over();
    *over->add_order_by() = Order(Col("id"));
    over->mutable_frame()->set_unit(gantry::db::v1::SqlWindowFrame::ROWS);
    over->mutable_frame()->mutable_start()->set_kind(gantry::db::v1::SqlFrameBound::PRECEDING);
    over->mutable_frame()->mutable_start()->set_offset(2);
    over->mutable_frame()->mutable_end()->set_kind(gantry::db::v1::SqlFrameBound::CURRENT_ROW);
    SqlSelect q = Select({Item(Col("id")), As(row_number, "rn"), As(running, "running")}, From("orders"));
    return {
        "window_functions",
        Of(q),
        {{kPg,
          R"(SELECT "id", ROW_NUMBER() OVER (PARTITION BY "user_id" ORDER BY "total" DESC) AS "rn", SUM("total") OVER (ORDER BY "id" ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS "running" FROM "orders")"},
         {kMy,
          R"(SELECT `id`, ROW_NUMBER() OVER (PARTITION BY `user_id` ORDER BY `total` DESC) AS `rn`, SUM(`total`) OVER (ORDER BY `id` ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS `running` FROM `orders`)"},
         {kLite,
          R"(SELECT "id", ROW_NUMBER() OVER (PARTITION BY "user_id" ORDER BY "total" DESC) AS "rn", SUM("total") OVER (ORDER BY "id" ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS "running" FROM "orders")"},
         {kMs,
          R"(SELECT [id], ROW_NUMBER() OVER (PARTITION BY [user_id] ORDER BY [total] DESC) AS [rn], SUM([total]) OVER (ORDER BY [id] ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS [running] FROM [orders])"}}};
}

GoldenCase UnionWithLimit() {
    SqlSelect q = Select({Item(Col("name"))}, From("users"));
    auto* op = q.add_set_operations();
    op->set_kind(SqlSetOperation::UNION);
    *op->mutable_select() = Select({Item(Col("status"))}, From("orders"));
    *q.add_order_by() = Order(Col("name"));
    q.set_limit(3);
    return {
        "union_limit",
        Of(q),
        {{kPg, R"(SELECT "name" FROM "users" UNION SELECT "status" FROM "orders" ORDER BY "name" LIMIT $1)"},
         {kMy, R"(SELECT `name` FROM `users` UNION SELECT `status` FROM `orders` ORDER BY `name` LIMIT ?)"},
         {kLite, R"(SELECT "name" FROM "users" UNION SELECT "status" FROM "orders" ORDER BY "name" LIMIT ?)"},
         {kMs,
          R"(SELECT [name] FROM [users] UNION SELECT [status] FROM [orders] ORDER BY [name] OFFSET 0 ROWS FETCH NEXT @p1 ROWS ONLY)"}}};
}

GoldenCase InsertRowsReturning() {
    SqlStatement s;
    Insert(s, "users", {"name", "age"});
    AddRow(s, {Val("dee"), Val(int64_t{41})});
    AddRow(s, {Val("eve"), Null()});
    *s.mutable_insert()->add_returning() = Item(Col("id"));
    return {"insert_rows_returning",
            s,
            {{kPg, R"(INSERT INTO "users" ("name", "age") VALUES ($1, $2), ($3, $4) RETURNING "id")"},
             {kMy, R"(INSERT INTO `users` (`name`, `age`) VALUES (?, ?), (?, ?) RETURNING `id`)"},
             {kLite, R"(INSERT INTO "users" ("name", "age") VALUES (?, ?), (?, ?) RETURNING "id")"},
             {kMs, R"(INSERT INTO [users] ([name], [age]) OUTPUT INSERTED.[id] VALUES (@p1, @p2), (@p3, @p4))"}}};
}

GoldenCase InsertFromSelect() {
    SqlStatement s;
    Insert(s, "orders", {"user_id", "total", "status"});
    SqlSelect source = Select({Item(Col("id")), Item(Val(0.0)), Item(Val("new"))}, From("users"));
    *source.mutable_where() = Gt(Col("age"), Val(int64_t{30}));
    *s.mutable_insert()->mutable_select() = source;
    return {
        "insert_select",
        s,
        {{kPg,
          R"(INSERT INTO "orders" ("user_id", "total", "status") SELECT "id", $1, $2 FROM "users" WHERE "age" > $3)"},
         {kMy, R"(INSERT INTO `orders` (`user_id`, `total`, `status`) SELECT `id`, ?, ? FROM `users` WHERE `age` > ?)"},
         {kLite,
          R"(INSERT INTO "orders" ("user_id", "total", "status") SELECT "id", ?, ? FROM "users" WHERE "age" > ?)"},
         {kMs,
          R"(INSERT INTO [orders] ([user_id], [total], [status]) SELECT [id], @p1, @p2 FROM [users] WHERE [age] > @p3)"}}};
}

GoldenCase UpsertUpdate() {
    SqlStatement s;
    Insert(s, "users", {"name", "age"});
    AddRow(s, {Val("ada"), Val(int64_t{37})});
    auto* upsert = s.mutable_insert()->mutable_upsert();
    upsert->add_conflict_columns("name");
    *upsert->add_updates() = Set("age", Excluded("age"));
    *upsert->add_updates() = Set("email", Col("email"));
    *s.mutable_insert()->add_returning() = Item(Col("id"));
    return {
        "upsert_update",
        s,
        {{kPg,
          R"(INSERT INTO "users" ("name", "age") VALUES ($1, $2) ON CONFLICT ("name") DO UPDATE SET "age" = "excluded"."age", "email" = "users"."email" RETURNING "id")"},
         {kMy,
          R"(INSERT INTO `users` (`name`, `age`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `age` = VALUES(`age`), `email` = `users`.`email` RETURNING `id`)"},
         {kLite,
          R"(INSERT INTO "users" ("name", "age") VALUES (?, ?) ON CONFLICT ("name") DO UPDATE SET "age" = "excluded"."age", "email" = "users"."email" RETURNING "id")"},
         {kMs,
          R"(MERGE INTO [users] WITH (HOLDLOCK) AS [users] USING (VALUES (@p1, @p2)) AS [excluded] ([name], [age]) ON [users].[name] = [excluded].[name] WHEN MATCHED THEN UPDATE SET [age] = [excluded].[age], [email] = [users].[email] WHEN NOT MATCHED THEN INSERT ([name], [age]) VALUES ([excluded].[name], [excluded].[age]) OUTPUT INSERTED.[id];)"}}};
}

GoldenCase UpsertNothingFromSelect() {
    SqlStatement s;
    Insert(s, "users", {"name"});
    *s.mutable_insert()->mutable_select() = Select({Item(Col("status"))}, From("orders"));
    s.mutable_insert()->mutable_upsert()->add_conflict_columns("name");
    return {
        "upsert_do_nothing_select",
        s,
        {{kPg, R"(INSERT INTO "users" ("name") SELECT "status" FROM "orders" ON CONFLICT ("name") DO NOTHING)"},
         {kMy, R"(INSERT INTO `users` (`name`) SELECT `status` FROM `orders` ON DUPLICATE KEY UPDATE `name` = `name`)"},
         {kLite,
          R"(INSERT INTO "users" ("name") SELECT * FROM (SELECT "status" FROM "orders") WHERE true ON CONFLICT ("name") DO NOTHING)"},
         {kMs,
          R"(MERGE INTO [users] WITH (HOLDLOCK) AS [users] USING (SELECT [status] FROM [orders]) AS [excluded] ([name]) ON [users].[name] = [excluded].[name] WHEN NOT MATCHED THEN INSERT ([name]) VALUES ([excluded].[name]);)"}}};
}

GoldenCase UpdateReturning() {
    SqlStatement s;
    auto* update = s.mutable_update();
    update->mutable_table()->set_name("users");
    *update->add_set() = Set("age", Add(Col("age"), Val(int64_t{1})));
    *update->mutable_where() = Eq(Col("name"), Val("bob"));
    *update->add_returning() = Item(Col("id"));
    *update->add_returning() = Item(Col("age"));
    return {
        "update_returning",
        s,
        {{kPg, R"(UPDATE "users" SET "age" = "age" + $1 WHERE "name" = $2 RETURNING "id", "age")"},
         {kMy, "error: the mysql dialect does not support RETURNING on UPDATE"},
         {kLite, R"(UPDATE "users" SET "age" = "age" + ? WHERE "name" = ? RETURNING "id", "age")"},
         {kMs, R"(UPDATE [users] SET [age] = [age] + @p1 OUTPUT INSERTED.[id], INSERTED.[age] WHERE [name] = @p2)"}}};
}

GoldenCase UpdatePlain() {
    SqlStatement s;
    auto* update = s.mutable_update();
    update->mutable_table()->set_name("orders");
    *update->add_set() = Set("status", Val("paid"));
    *update->add_set() = Set("total", Mul(Col("total"), Val(1.5)));
    *update->mutable_where() = In(Col("status"), {Val("new")});
    return {"update",
            s,
            {{kPg, R"(UPDATE "orders" SET "status" = $1, "total" = "total" * $2 WHERE "status" IN ($3))"},
             {kMy, R"(UPDATE `orders` SET `status` = ?, `total` = `total` * ? WHERE `status` IN (?))"},
             {kLite, R"(UPDATE "orders" SET "status" = ?, "total" = "total" * ? WHERE "status" IN (?))"},
             {kMs, R"(UPDATE [orders] SET [status] = @p1, [total] = [total] * @p2 WHERE [status] IN (@p3))"}}};
}

GoldenCase DeleteReturning() {
    SqlStatement s;
    auto* remove = s.mutable_delete_();
    remove->mutable_table()->set_name("orders");
    *remove->mutable_where() = In(Col("status"), {Val("void"), Val("new")});
    *remove->add_returning() = Item(Col("id"));
    return {"delete_returning",
            s,
            {{kPg, R"(DELETE FROM "orders" WHERE "status" IN ($1, $2) RETURNING "id")"},
             {kMy, R"(DELETE FROM `orders` WHERE `status` IN (?, ?) RETURNING `id`)"},
             {kLite, R"(DELETE FROM "orders" WHERE "status" IN (?, ?) RETURNING "id")"},
             {kMs, R"(DELETE FROM [orders] OUTPUT DELETED.[id] WHERE [status] IN (@p1, @p2))"}}};
}

GoldenCase DeleteWithCte() {
    SqlStatement s;
    auto* remove = s.mutable_delete_();
    auto* cte = remove->mutable_with()->add_ctes();
    cte->set_name("cheap");
    SqlSelect cheap = Select({Item(Col("id"))}, From("orders"));
    *cheap.mutable_where() = Lt(Col("total"), Val(int64_t{10}));
    *cte->mutable_query() = cheap;
    remove->mutable_table()->set_name("orders");
    *remove->mutable_where() = In(Col("id"), Select({Item(Col("id"))}, From("cheap")));
    return {
        "delete_with_cte",
        s,
        {{kPg,
          R"(WITH "cheap" AS (SELECT "id" FROM "orders" WHERE "total" < $1) DELETE FROM "orders" WHERE "id" IN (SELECT "id" FROM "cheap"))"},
         {kMy, "error: the mysql dialect does not support WITH before DELETE"},
         {kLite,
          R"(WITH "cheap" AS (SELECT "id" FROM "orders" WHERE "total" < ?) DELETE FROM "orders" WHERE "id" IN (SELECT "id" FROM "cheap"))"},
         {kMs,
          R"(WITH [cheap] AS (SELECT [id] FROM [orders] WHERE [total] < @p1) DELETE FROM [orders] WHERE [id] IN (SELECT [id] FROM [cheap]))"}}};
}

GoldenCase SchemaQualified() {
    SqlSelect q;
    q.mutable_from()->mutable_table()->set_schema("main");
    q.mutable_from()->mutable_table()->set_name("users");
    *q.mutable_where() = IsNotNull(Col("email"));
    return {"schema_qualified",
            Of(q),
            {{kPg, R"(SELECT * FROM "main"."users" WHERE "email" IS NOT NULL)"},
             {kMy, R"(SELECT * FROM `main`.`users` WHERE `email` IS NOT NULL)"},
             {kLite, R"(SELECT * FROM "main"."users" WHERE "email" IS NOT NULL)"},
             {kMs, R"(SELECT * FROM [main].[users] WHERE [email] IS NOT NULL)"}}};
}

}  // namespace

std::vector<GoldenCase> GoldenCases() {
    return {SimpleSelect(),
            DistinctLimit(),
            OffsetOnly(),
            Joins(),
            RightAndFullJoins(),
            WhereTree(),
            CaseInsensitiveLike(),
            GroupHaving(),
            NullsOrdering(),
            RecursiveCte(),
            SubqueriesInFromAndSelect(),
            WindowFunctions(),
            UnionWithLimit(),
            InsertRowsReturning(),
            InsertFromSelect(),
            UpsertUpdate(),
            UpsertNothingFromSelect(),
            UpdateReturning(),
            UpdatePlain(),
            DeleteReturning(),
            DeleteWithCte(),
            SchemaQualified()};
}

}  // namespace gantry::db::querybuilder::testing
