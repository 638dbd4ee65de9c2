// bench/mcp: the round trip of one tools/call through mcp-adapter, over stdio and Streamable HTTP, next to
// the tursodb MCP server (`tursodb --mcp`, one process) answering the same point query, and next to the
// same gRPC call made directly. Prints a Markdown report; bench/mcp/run writes it to bench/results/mcp.md.
// Timing lives here, never in tests.
//
// Like for like: tursodb runs `SELECT v FROM kv WHERE k = 1` on a two-row table in its own process; Gantry
// runs the same statement on the same table through mcp-adapter (one process) and db-gateway's `query` tool
// or turso-sync's `turso_query` tool (another process, gRPC over a Unix domain socket), both on a local
// SQLite file. The fixture Echo rows (no SQL at all) isolate the adapter's own overhead.
//
// Usage: mcp_bench --tursodb PATH [--iterations N]
#include <dirent.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <numeric>
#include <sstream>
#include <thread>

#include "gantry/db/v1/database.grpc.pb.h"
#include "gantry/mcp_fixture/v1/fixture.grpc.pb.h"
#include "gantry/turso/v1/turso.grpc.pb.h"
#include "support/mcp_suite.hpp"
#include "support/stdio_client.hpp"

namespace gantry::mcp::bench {
namespace {

using namespace gantry::mcp::testing;
using Clock = std::chrono::steady_clock;

constexpr const char* kPointQuery = "SELECT v FROM kv WHERE k = 1";

struct Stats {
    double p50_us = 0;
    double p99_us = 0;
    double mean_us = 0;
    double cpu_us = -1;  // CPU time of the measured server process per call (all its threads); < 0: not measured
};

// CPU time used so far by every thread of `pid`, in µs (/proc/PID/task/*/schedstat, nanosecond precision).
double ProcessCpuUs(pid_t pid) {
    const auto dir = "/proc/" + std::to_string(pid) + "/task";
    double ns = 0;
    if (DIR* d = opendir(dir.c_str())) {
        while (const dirent* e = readdir(d)) {
            if (e->d_name[0] == '.') continue;
            std::ifstream in(dir + "/" + e->d_name + "/schedstat");
            double run_ns = 0;
            if (in >> run_ns) ns += run_ns;
        }
        closedir(d);
    }
    return ns / 1000.0;
}

// Runs `call` `warmup` times untimed, then `n` times timed; each call must return true. With `cpu_pid`, also
// reports that process's CPU time per timed call.
Stats Measure(int n, const std::function<bool()>& call, pid_t cpu_pid = 0) {
    const int warmup = std::max(50, n / 10);
    for (int i = 0; i < warmup; ++i) {
        if (!call()) throw std::runtime_error("warm-up call failed");
    }
    std::vector<double> us;
    us.reserve(n);
    const double cpu_before = cpu_pid > 0 ? ProcessCpuUs(cpu_pid) : 0;
    for (int i = 0; i < n; ++i) {
        const auto start = Clock::now();
        if (!call()) throw std::runtime_error("timed call failed");
        us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    const double cpu = cpu_pid > 0 ? (ProcessCpuUs(cpu_pid) - cpu_before) / n : -1;
    std::sort(us.begin(), us.end());
    return {us[us.size() / 2], us[std::min(us.size() - 1, us.size() * 99 / 100)],
            std::accumulate(us.begin(), us.end(), 0.0) / static_cast<double>(us.size()), cpu};
}

// An MCP client over a child's stdin/stdout.
class StdioMcp {
public:
    StdioMcp(const std::string& binary, const std::vector<std::string>& args, const std::string& version)
        : child_(binary, args) {
        auto init = Call("initialize", {{"protocolVersion", version},
                                        {"capabilities", Json::object()},
                                        {"clientInfo", {{"name", "mcp_bench"}, {"version", "1"}}}});
        if (!init.contains("result")) throw std::runtime_error("initialize failed: " + init.dump() + child_.Logs());
        child_.Write(R"({"jsonrpc":"2.0","method":"notifications/initialized"})" "\n");
    }
    Json Call(const std::string& method, Json params) {
        const int id = ++next_id_;
        child_.Write(Json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}}.dump() + "\n");
        for (;;) {
            auto line = child_.ReadLine();
            if (!line) return Json();
            auto message = Json::parse(*line, nullptr, false);
            if (message.is_object() && message.value("id", -1) == id) return message;
        }
    }
    pid_t pid() const { return child_.pid(); }

private:
    StdioChild child_;
    int next_id_ = 0;
};

bool ToolOk(const Json& response) {
    return response.contains("result") && !response["result"].value("isError", false);
}

// A tool call must answer the point query's value before it is timed, so no row measures an error path.
void CheckAnswers(const Json& response, const std::string& what) {
    if (!ToolOk(response) || response.dump().find("one") == std::string::npos) {
        throw std::runtime_error(what + " did not answer the point query: " + response.dump());
    }
}

std::string Us(double v) {
    if (v < 0) return "—";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string Row(const std::string& path, const Stats& s) {
    return "| " + path + " | " + Us(s.p50_us) + " | " + Us(s.p99_us) + " | " + Us(s.mean_us) + " | " + Us(s.cpu_us) +
           " |\n";
}

std::string Ratio(double a, double b) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2fx", a / b);
    return buf;
}

std::unique_ptr<gantry::testing::ServiceProcess> StartService(const std::string& binary,
                                                              std::vector<std::string> args) {
    args.insert(args.end(), {"--metrics-listen", "", "--log-level", "warn"});
    auto process = std::make_unique<gantry::testing::ServiceProcess>(
        gantry::testing::ServiceProcess::Options{Binary(binary), std::move(args)});
    if (!process->ok()) throw std::runtime_error(binary + " did not start: " + process->error());
    return process;
}

std::shared_ptr<grpc::Channel> UdsChannel(const std::string& address) {
    return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

// Creates the peer's table in db-gateway's SQLite database "main".
void SeedDb(gantry::db::v1::Database::Stub& db) {
    for (const char* sql : {"CREATE TABLE kv(k INTEGER PRIMARY KEY, v TEXT)", "INSERT INTO kv VALUES (1, 'one'), (2, 'two')"}) {
        grpc::ClientContext context;
        gantry::db::v1::ExecuteRequest request;
        request.set_database("main");
        request.set_sql(sql);
        gantry::db::v1::ExecuteResponse response;
        const auto status = db.Execute(&context, request, &response);
        if (!status.ok()) throw std::runtime_error("db-gateway: " + status.error_message());
    }
}

// Creates the same table in turso-sync's local database "main".
void SeedTurso(gantry::turso::v1::TursoSync::Stub& turso) {
    for (const char* sql : {"CREATE TABLE kv(k INTEGER PRIMARY KEY, v TEXT)", "INSERT INTO kv VALUES (1, 'one'), (2, 'two')"}) {
        grpc::ClientContext context;
        gantry::turso::v1::ExecuteRequest request;
        request.set_database("main");
        request.mutable_statement()->set_sql(sql);
        gantry::turso::v1::ExecuteResponse response;
        const auto status = turso.Execute(&context, request, &response);
        if (!status.ok()) throw std::runtime_error("turso-sync: " + status.error_message());
    }
}

std::string WriteFile(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
    return path;
}

int Run(const std::string& tursodb, int iterations) {
    TempDir dir;
    // The peer: one tursodb process answering the point query on a two-row table.
    const auto db_file = dir.path() + "/bench.db";
    auto [created, output] = gantry::testing::ServiceProcess::RunToCompletion(
        tursodb, {db_file, "CREATE TABLE kv(k INTEGER PRIMARY KEY, v TEXT); INSERT INTO kv VALUES (1, 'one'), (2, 'two');"});
    if (created != 0) throw std::runtime_error("tursodb could not create the database: " + output);
    StdioMcp turso_mcp(tursodb, {"--mcp", db_file}, "2024-11-05");
    const Json turso_mcp_call{{"name", "execute_query"}, {"arguments", {{"query", kPointQuery}}}};
    CheckAnswers(turso_mcp.Call("tools/call", turso_mcp_call), "tursodb --mcp");
    const auto peer = Measure(iterations, [&] { return ToolOk(turso_mcp.Call("tools/call", turso_mcp_call)); },
                              turso_mcp.pid());

    // Gantry: the adapter in one process, each backend in another, gRPC over a Unix domain socket between them.
    const auto db_address = "unix:" + dir.path() + "/db.sock";
    const auto turso_address = "unix:" + dir.path() + "/turso.sock";
    auto db_gateway = StartService("db-gateway", {"--listen", db_address});
    const auto turso_config = WriteFile(dir.path() + "/turso.yaml", "turso:\n  databases:\n    main:\n      mode: local\n");
    auto turso_sync = StartService("turso-sync", {"--config", turso_config, "--listen", turso_address});
    auto db_stub = gantry::db::v1::Database::NewStub(UdsChannel(db_address));
    auto turso_stub = gantry::turso::v1::TursoSync::NewStub(UdsChannel(turso_address));
    SeedDb(*db_stub);
    SeedTurso(*turso_stub);

    const auto adapter_config = WriteFile(dir.path() + "/adapter.yaml",
                                          "mcp:\n  http:\n    listen: \"127.0.0.1:0\"\n  backends:\n"
                                          "    db:\n      address: \"" + db_address + "\"\n      services: [gantry.db]\n"
                                          "    turso:\n      address: \"" + turso_address + "\"\n"
                                          "      services: [gantry.turso]\n");
    const Json query_call{{"name", "query"}, {"arguments", {{"database", "main"}, {"sql", kPointQuery}}}};
    const Json turso_query_call{{"name", "turso_query"},
                                {"arguments", {{"database", "main"}, {"statement", {{"sql", kPointQuery}}}}}};
    const std::vector<std::string> stdio_args = {"--stdio", "--config", adapter_config, "--log-level", "warn"};

    StdioMcp adapter(Binary("mcp-adapter"), stdio_args, "2025-11-25");
    CheckAnswers(adapter.Call("tools/call", query_call), "mcp-adapter query");
    CheckAnswers(adapter.Call("tools/call", turso_query_call), "mcp-adapter turso_query");
    const auto stdio_query =
        Measure(iterations, [&] { return ToolOk(adapter.Call("tools/call", query_call)); }, adapter.pid());
    const auto stdio_turso =
        Measure(iterations, [&] { return ToolOk(adapter.Call("tools/call", turso_query_call)); }, adapter.pid());

    auto http_adapter = StartService("mcp-adapter", {"--config", adapter_config});
    HttpMcp http(http_adapter->endpoint("mcp_http"));
    http.client().set_keep_alive(true);  // as MCP clients do (the TypeScript SDK's fetch keeps connections)
    http.Initialize();
    CheckAnswers(http.Request("tools/call", query_call), "mcp-adapter over HTTP");
    const auto http_query =
        Measure(iterations, [&] { return ToolOk(http.Request("tools/call", query_call)); }, http_adapter->pid());

    const auto direct_query = Measure(iterations, [&] {
        grpc::ClientContext context;
        gantry::db::v1::ExecuteRequest request;
        request.set_database("main");
        request.set_sql(kPointQuery);
        gantry::db::v1::ExecuteResponse response;
        return db_stub->Query(&context, request, &response).ok() && response.rows_size() == 1;
    });

    // The adapter's own overhead: the fixture backend's Echo does no work at all.
    FixtureBackend backend("unix:" + dir.path() + "/fixture.sock");
    if (!backend.ok()) throw std::runtime_error("the fixture backend did not start");
    const auto fixture_config = WriteAdapterConfig(dir.path(), backend.address(), {}, {});
    const Json echo_call{{"name", "fixture_echo"}, {"arguments", {{"message", "one"}}}};
    StdioMcp echo_adapter(Binary("mcp-adapter-with-fixture"),
                          {"--stdio", "--config", fixture_config, "--log-level", "warn"}, "2025-11-25");
    const auto stdio_echo =
        Measure(iterations, [&] { return ToolOk(echo_adapter.Call("tools/call", echo_call)); }, echo_adapter.pid());
    auto http_echo_adapter = StartService("mcp-adapter-with-fixture", {"--config", fixture_config});
    HttpMcp http_echo(http_echo_adapter->endpoint("mcp_http"));
    http_echo.client().set_keep_alive(true);
    http_echo.Initialize();
    const auto http_echo_stats = Measure(
        iterations, [&] { return ToolOk(http_echo.Request("tools/call", echo_call)); }, http_echo_adapter->pid());
    auto echo_stub = gantry::mcp_fixture::v1::Fixture::NewStub(UdsChannel(backend.address()));
    const auto direct_echo = Measure(iterations, [&] {
        grpc::ClientContext context;
        gantry::mcp_fixture::v1::EchoRequest request;
        request.set_message("one");
        gantry::mcp_fixture::v1::EchoResponse response;
        return echo_stub->Echo(&context, request, &response).ok();
    });

    const auto overhead = [](const Stats& via_adapter, const Stats& direct) {
        return Us(via_adapter.p50_us - direct.p50_us) + " µs";
    };
    std::ostringstream md;
    md << "# bench/mcp: one tools/call round trip\n\n"
       << "Measured by `bench/mcp/run` (`mcp_bench`): " << iterations << " sequential calls per row after a warm-up, "
       << "one client, on a " << std::thread::hardware_concurrency() << "-core machine shared with other builds, "
       << "so compare rows from the same run only. Every row runs `" << kPointQuery
       << "` on a two-row table in a local SQLite file, except the Echo rows, which do no work in the backend. "
       << "HTTP clients keep their connection open, as MCP clients do. "
       << "\"server CPU\" is the CPU time of the MCP server process (all its threads) per call: tursodb, or "
          "mcp-adapter without its backend.\n\n"
       << "| path | p50 µs | p99 µs | mean µs | server CPU µs/call |\n|---|---|---|---|---|\n"
       << Row("tursodb --mcp (stdio, one process): execute_query", peer)
       << Row("mcp-adapter stdio -> gRPC over UDS -> db-gateway `query` (two processes)", stdio_query)
       << Row("mcp-adapter stdio -> gRPC over UDS -> turso-sync `turso_query` (two processes)", stdio_turso)
       << Row("mcp-adapter Streamable HTTP -> gRPC over UDS -> db-gateway `query`", http_query)
       << Row("direct gRPC over UDS -> db-gateway Query (no MCP)", direct_query)
       << Row("mcp-adapter stdio -> gRPC over UDS -> fixture Echo", stdio_echo)
       << Row("mcp-adapter Streamable HTTP -> gRPC over UDS -> fixture Echo", http_echo_stats)
       << Row("direct gRPC over UDS -> fixture Echo (no MCP)", direct_echo) << "\n"
       << "| ratio or difference (p50) | value |\n|---|---|\n"
       << "| adapter stdio + db-gateway / tursodb --mcp | " << Ratio(stdio_query.p50_us, peer.p50_us) << " |\n"
       << "| adapter stdio + turso-sync / tursodb --mcp | " << Ratio(stdio_turso.p50_us, peer.p50_us) << " |\n"
       << "| adapter HTTP + db-gateway / tursodb --mcp | " << Ratio(http_query.p50_us, peer.p50_us) << " |\n"
       << "| direct gRPC to db-gateway / tursodb --mcp | " << Ratio(direct_query.p50_us, peer.p50_us) << " |\n"
       << "| adapter stdio overhead over direct gRPC (db-gateway query) | " << overhead(stdio_query, direct_query)
       << " (" << Ratio(stdio_query.p50_us, direct_query.p50_us) << ") |\n"
       << "| adapter HTTP overhead over direct gRPC (db-gateway query) | " << overhead(http_query, direct_query)
       << " (" << Ratio(http_query.p50_us, direct_query.p50_us) << ") |\n"
       << "| adapter stdio overhead over direct gRPC (Echo) | " << overhead(stdio_echo, direct_echo) << " ("
       << Ratio(stdio_echo.p50_us, direct_echo.p50_us) << ") |\n"
       << "| adapter HTTP overhead over direct gRPC (Echo) | " << overhead(http_echo_stats, direct_echo) << " ("
       << Ratio(http_echo_stats.p50_us, direct_echo.p50_us) << ") |\n";
    std::cout << md.str();
    return 0;
}

}  // namespace
}  // namespace gantry::mcp::bench

int main(int argc, char** argv) {
    std::string tursodb;
    int iterations = 2000;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--tursodb") tursodb = argv[i + 1];
        if (flag == "--iterations") iterations = std::max(10, std::atoi(argv[i + 1]));
    }
    if (tursodb.empty()) {
        std::cerr << "usage: mcp_bench --tursodb PATH [--iterations N]\n";
        return 2;
    }
    try {
        return gantry::mcp::bench::Run(tursodb, iterations);
    } catch (const std::exception& e) {
        std::cerr << "mcp_bench: " << e.what() << "\n";
        return 1;
    }
}
