// Builds the three benchmark queries (see sqlalchemy_build.py for the same three in SQLAlchemy Core)
// in-process and through the Build RPC over loopback TCP. Output: "name value unit" lines.
#include <grpcpp/grpcpp.h>

#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "gantry/common/auth.hpp"
#include "gantry/common/call.hpp"
#include "gantry/db/querybuilder/build.hpp"
#include "gantry/db/querybuilder/query_builder_service.hpp"
#include "gantry/db/querybuilder/sql.hpp"

namespace {

using namespace gantry::db::querybuilder::sql;  // NOLINT(google-build-using-namespace)
namespace v1 = gantry::db::v1;
/// Process CPU time (the in-process rate; SQLAlchemy is measured the same way), so a busy machine skews
/// neither side. The RPC rate is wall-clock: it spans client and server threads.
double CpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
double WallSeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::vector<v1::SqlStatement> Queries() {
    std::vector<v1::SqlStatement> out(3);
    // 1. SELECT u.id, u.name FROM users u WHERE u.age >= :a AND u.status IN (:b, :c) ORDER BY u.name LIMIT :d
    SqlSelect simple = Select({Item(Col("u", "id")), Item(Col("u", "name"))}, From("users", "u"));
    *simple.mutable_where() =
        And({Ge(Col("u", "age"), Val(int64_t{18})), In(Col("u", "status"), {Val("active"), Val("new")})});
    auto* order = simple.add_order_by();
    *order->mutable_expr() = Col("u", "name");
    simple.set_limit(50);
    *out[0].mutable_select() = simple;
    // 2. SELECT u.name, COUNT(o.id) AS n FROM users u JOIN orders o ON o.user_id = u.id
    //    WHERE o.total > :a GROUP BY u.name HAVING COUNT(o.id) > :b
    SqlSelect join = Select({Item(Col("u", "name")), As(Func("COUNT", {Col("o", "id")}), "n")}, From("users", "u"));
    auto* j = join.add_joins();
    *j->mutable_table() = From("orders", "o");
    *j->mutable_on() = Eq(Col("o", "user_id"), Col("u", "id"));
    *join.mutable_where() = Gt(Col("o", "total"), Val(100.0));
    *join.add_group_by() = Col("u", "name");
    *join.mutable_having() = Gt(Func("COUNT", {Col("o", "id")}), Val(int64_t{2}));
    *out[1].mutable_select() = join;
    // 3. INSERT INTO users (name, age) VALUES (:a, :b) ON CONFLICT (name) DO UPDATE SET age = excluded.age
    auto* insert = out[2].mutable_insert();
    insert->mutable_table()->set_name("users");
    insert->add_columns("name");
    insert->add_columns("age");
    auto* row = insert->add_rows();
    *row->add_values() = Val("ada");
    *row->add_values() = Val(int64_t{36});
    insert->mutable_upsert()->add_conflict_columns("name");
    auto* update = insert->mutable_upsert()->add_updates();
    update->set_column("age");
    *update->mutable_value() = Excluded("age");
    return out;
}

template <typename Fn>
double RatePerSecond(double budget, double (*clock)(), Fn fn) {
    size_t n = 0;
    const double start = clock();
    double elapsed = 0;
    do {
        for (int i = 0; i < 64; ++i) fn();
        n += 64;
        elapsed = clock() - start;
    } while (elapsed < budget);
    return static_cast<double>(n) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
    const double budget = argc > 1 ? std::atof(argv[1]) : 3.0;
    const auto queries = Queries();
    size_t next = 0;
    const double in_process = RatePerSecond(budget, &CpuSeconds, [&] {
        auto built = gantry::db::querybuilder::BuildQuery(v1::SQL_DIALECT_POSTGRESQL, queries[next++ % 3]);
        if (!built.ok()) std::abort();
    });
    std::printf("build_in_process %.0f builds/s\n", in_process);

    gantry::TokenAuthenticator auth;
    gantry::CallHandler calls("bench", auth);
    gantry::db::querybuilder::QueryBuilderService service(calls);
    int port = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&service);
    auto server = builder.BuildAndStart();
    auto stub = v1::QueryBuilder::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
    std::vector<v1::BuildQueryRequest> requests(3);
    for (size_t i = 0; i < 3; ++i) {
        requests[i].set_dialect(v1::SQL_DIALECT_POSTGRESQL);
        *requests[i].mutable_statement() = queries[i];
    }
    const double rpc = RatePerSecond(budget, &WallSeconds, [&] {
        grpc::ClientContext ctx;
        v1::BuildQueryResponse response;
        if (!stub->Build(&ctx, requests[next++ % 3], &response).ok()) std::abort();
    });
    std::printf("build_rpc %.0f builds/s\n", rpc);
    server->Shutdown();
    return 0;
}
