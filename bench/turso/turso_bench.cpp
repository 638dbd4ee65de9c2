// bench/turso: turso-sync and the official @tursodatabase/sync client, measured in the same run against the same
// tursodb server. Writes a markdown table with the ratio for each figure.
#include <grpcpp/grpcpp.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "gantry/testing/service_process.hpp"
#include "gantry/turso/v1/turso.grpc.pb.h"
#include "tursodb_server.hpp"

namespace {

using gantry::testing::ServiceProcess;
using gantry::testing::TursodbServer;
namespace tv1 = gantry::turso::v1;
using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double P50(std::vector<double> xs) {
    std::sort(xs.begin(), xs.end());
    return xs[xs.size() / 2];
}

void Check(const grpc::Status& st, const std::string& what) {
    if (!st.ok()) throw std::runtime_error(what + ": " + st.error_message());
}

struct Bench {
    std::string dir;
    std::unique_ptr<TursodbServer> server;
    std::unique_ptr<ServiceProcess> gantry;
    std::unique_ptr<tv1::TursoSync::Stub> stub;

    static std::unique_ptr<grpc::ClientContext> Ctx() {
        auto ctx = std::make_unique<grpc::ClientContext>();
        ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(10));
        return ctx;
    }

    nlohmann::json Official(const std::vector<std::string>& args) {
        std::vector<std::string> full = {"node", std::string(GANTRY_TURSO_TEST_DIR) + "/official_bench.mjs",
                                         server->url()};
        full.insert(full.end(), args.begin(), args.end());
        auto [code, output] = ServiceProcess::RunToCompletion("/usr/bin/env", full);
        if (code != 0) throw std::runtime_error("official client failed: " + output);
        const auto nl = output.rfind('\n', output.size() - 2);
        return nlohmann::json::parse(output.substr(nl == std::string::npos ? 0 : nl + 1));
    }

    void Open(const std::string& name) {
        tv1::OpenDatabaseRequest req;
        req.set_name(name);
        req.set_mode(tv1::DATABASE_MODE_REPLICA);
        req.set_url(server->url());
        req.set_path(dir + "/" + name + ".db");
        tv1::DatabaseInfo info;
        Check(stub->OpenDatabase(Ctx().get(), req, &info), "OpenDatabase");
    }
    tv1::SyncResponse Sync(const std::string& name) {
        tv1::SyncRequest req;
        req.set_database(name);
        tv1::SyncResponse resp;
        Check(stub->Sync(Ctx().get(), req, &resp), "Sync");
        return resp;
    }
    tv1::ExecuteResponse Run(bool query, const std::string& db, const std::string& sql,
                             std::vector<gantry::common::v1::Value> args = {}) {
        tv1::ExecuteRequest req;
        req.set_database(db);
        req.mutable_statement()->set_sql(sql);
        for (auto& a : args) *req.mutable_statement()->add_args() = a;
        tv1::ExecuteResponse resp;
        Check(query ? stub->Query(Ctx().get(), req, &resp) : stub->Execute(Ctx().get(), req, &resp), sql);
        return resp;
    }
};

gantry::common::v1::Value Int(int64_t i) {
    gantry::common::v1::Value v;
    v.set_int64_value(i);
    return v;
}
gantry::common::v1::Value Text(const std::string& s) {
    gantry::common::v1::Value v;
    v.set_text_value(s);
    return v;
}

/// VmHWM (peak resident memory) of a process, in MB, from /proc.
double PeakRssMb(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024;
    }
    return -1;
}

struct Row {
    std::string metric;
    double gantry;
    double official;
    bool higher_is_better;
    std::string unit;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: turso_bench RESULT.md\n";
        return 2;
    }
    const int megabytes = std::getenv("TURSO_BENCH_MB") ? std::atoi(std::getenv("TURSO_BENCH_MB")) : 100;
    char tmpl[] = "/tmp/gantry-turso-bench-XXXXXX";
    Bench b;
    b.dir = ::mkdtemp(tmpl);
    std::vector<Row> rows;
    double boot_peak_rss_mb = -1;
    std::string boot_samples;
    try {
        b.server = std::make_unique<TursodbServer>(b.dir + "/server");
        if (!b.server->Start()) throw std::runtime_error(b.server->error());
        const std::string config = b.dir + "/turso-sync.yaml";
        std::ofstream(config)
            << "turso:\n  request_timeout_ms: 600000\n  databases:\n    scratch: {mode: local, path: \"" << b.dir
            << "/scratch.db\"}\n";
        b.gantry = std::make_unique<ServiceProcess>(
            ServiceProcess::Options{std::string(GANTRY_BIN_DIR) + "/turso-sync",
                                    {"--config", config, "--log-level",
                                     std::getenv("TURSO_BENCH_LOG") ? std::getenv("TURSO_BENCH_LOG") : "warn"},
                                    {},
                                    std::chrono::seconds(20)});
        if (!b.gantry->ok()) throw std::runtime_error(b.gantry->error());
        b.stub = tv1::TursoSync::NewStub(
            grpc::CreateChannel(b.gantry->endpoint("grpc"), grpc::InsecureChannelCredentials()));

        // A database of `megabytes` MB on the server: rows of 3000 random bytes.
        b.server->Execute("CREATE TABLE big(id INTEGER PRIMARY KEY, payload BLOB)");
        const int big_rows = megabytes * 1000 * 1000 / 3000;
        for (int start = 1; start <= big_rows; start += 100) {
            std::string sql = "INSERT INTO big (id, payload) VALUES ";
            for (int id = start; id < std::min(start + 100, big_rows + 1); ++id) {
                sql += (id == start ? "" : ", ") + std::string("(") + std::to_string(id) + ", randomblob(3000))";
            }
            b.server->Execute(sql);
        }
        std::cerr << "server holds " << big_rows << " rows (~" << megabytes << " MB)\n";

        // 1. Bootstrap. One unmeasured bootstrap first warms the server (its caches and the OS's), so neither
        // client pays for a cold server; then the clients take turns (alternating who goes first), three
        // bootstraps each into fresh files, and the medians are reported.
        b.Open("warmup");
        b.Sync("warmup");
        std::vector<double> gantry_boot_ms, official_boot_ms;
        std::string official_dir;
        for (int round = 0; round < 3; ++round) {
            const std::string name = round == 2 ? "boot" : "boot" + std::to_string(round);
            official_dir = b.dir + "/official" + std::to_string(round);
            std::filesystem::create_directories(official_dir);
            auto gantry = [&] {
                const auto t0 = Clock::now();
                b.Open(name);
                b.Sync(name);
                gantry_boot_ms.push_back(MsSince(t0));
            };
            auto official = [&] { official_boot_ms.push_back(b.Official({official_dir, "bootstrap"})["ms"]); };
            if (round % 2 == 0) {
                gantry();
                official();
            } else {
                official();
                gantry();
            }
        }
        const double size_mb = static_cast<double>(std::filesystem::file_size(b.dir + "/boot.db")) / 1e6;
        boot_peak_rss_mb = PeakRssMb(b.gantry->pid());
        boot_samples = "Bootstrap samples (ms, in order): Gantry";
        for (double ms : gantry_boot_ms) boot_samples += " " + std::to_string(static_cast<int>(ms));
        boot_samples += "; official";
        for (double ms : official_boot_ms) boot_samples += " " + std::to_string(static_cast<int>(ms));
        boot_samples += ". ";
        rows.push_back({"bootstrap of " + std::to_string(megabytes) + " MB (median of 3)",
                        size_mb / (P50(gantry_boot_ms) / 1000), size_mb / (P50(official_boot_ms) / 1000), true,
                        "MB/s"});
        auto t0 = Clock::now();

        // 2. Incremental pull after 1,000 remote writes.
        for (int i = 0; i < 1000; ++i) {
            b.server->Execute("UPDATE big SET payload = randomblob(3000) WHERE id = " +
                              std::to_string(1 + (i * 37) % big_rows));
        }
        t0 = Clock::now();
        b.Sync("boot");
        const double gantry_pull_ms = MsSince(t0);
        const double official_pull_ms = b.Official({official_dir, "pull"})["ms"];
        rows.push_back({"incremental pull after 1,000 remote writes", gantry_pull_ms, official_pull_ms, false, "ms"});

        // 3. Write, then read your own write.
        b.Run(false, "boot", "CREATE TABLE ryw_gantry (id INTEGER PRIMARY KEY, v TEXT)");
        std::vector<double> ryw;
        for (int i = 0; i < 50; ++i) {
            t0 = Clock::now();
            b.Run(false, "boot", "INSERT INTO ryw_gantry (id, v) VALUES (?, ?)",
                  {Int(i), Text("value-" + std::to_string(i))});
            auto r = b.Run(true, "boot", "SELECT v FROM ryw_gantry WHERE id = ?", {Int(i)});
            if (r.result().rows_size() != 1) throw std::runtime_error("own write not visible");
            ryw.push_back(MsSince(t0) * 1000);
        }
        const double official_ryw_us = b.Official({official_dir, "ryw", "50"})["p50_us"];
        rows.push_back({"write then read-your-write, p50", P50(ryw) / 1000, official_ryw_us / 1000, false, "ms"});

        // 4. 10,000-row batch insert.
        b.Run(false, "boot", "CREATE TABLE batch_gantry (id INTEGER PRIMARY KEY, v TEXT)");
        // One transaction, as the official client's push is: BEGIN, the inserts, COMMIT if all succeeded.
        tv1::BatchRequest batch;
        batch.set_database("boot");
        batch.add_steps()->mutable_statement()->set_sql("BEGIN");
        for (int i = 0; i < 10000; ++i) {
            auto* step = batch.add_steps();
            step->mutable_condition()->set_ok(static_cast<uint32_t>(i));
            step->mutable_statement()->set_sql("INSERT INTO batch_gantry (id, v) VALUES (?, ?)");
            *step->mutable_statement()->add_args() = Int(i);
            *step->mutable_statement()->add_args() = Text("row-" + std::to_string(i));
        }
        auto* commit = batch.add_steps();
        commit->mutable_condition()->set_ok(10000);
        commit->mutable_statement()->set_sql("COMMIT");
        tv1::BatchResponse batch_resp;
        t0 = Clock::now();
        Check(b.stub->Batch(Bench::Ctx().get(), batch, &batch_resp), "Batch");
        if (!batch_resp.steps(10001).has_result()) throw std::runtime_error("the batch did not commit");
        const double gantry_batch_ms = MsSince(t0);
        const double official_batch_ms = b.Official({official_dir, "batch", "10000"})["ms"];
        rows.push_back(
            {"10,000-row batch insert (reaching the remote)", gantry_batch_ms, official_batch_ms, false, "ms"});

        // 5. Local point reads.
        std::vector<double> reads;
        for (int i = 0; i < 2000; ++i) {
            const int id = 1 + (i * 7919) % big_rows;
            t0 = Clock::now();
            auto r = b.Run(true, "boot", "SELECT id, length(payload) FROM big WHERE id = ?", {Int(id)});
            reads.push_back(MsSince(t0) * 1000);
            if (r.served_by() != tv1::SERVED_BY_LOCAL) throw std::runtime_error("a replica read went remote");
        }
        const double official_read_us = b.Official({official_dir, "reads", "2000", std::to_string(big_rows)})["p50_us"];
        rows.push_back({"local point read, p50 (Gantry through gRPC, official in-process)", P50(reads),
                        official_read_us, false, "us"});
    } catch (const std::exception& e) {
        std::cerr << "bench failed: " << e.what() << "\n";
        b.gantry.reset();
        b.server.reset();
        std::filesystem::remove_all(b.dir);
        return 1;
    }
    if (std::getenv("TURSO_BENCH_LOG")) std::cerr << b.gantry->Logs();
    b.gantry.reset();
    b.server.reset();
    std::filesystem::remove_all(b.dir);

    std::ostringstream md;
    md << "# turso-sync vs the official @tursodatabase/sync client\n\n"
       << "Same tursodb 0.6.0 `--sync-server` on loopback, same run, same machine (2 cores, shared). "
       << "Ratio = Gantry / official for rates, official / Gantry for times: above 1 means Gantry is faster.\n\n"
       << "| metric | Gantry | official | unit | ratio |\n|---|---|---|---|---|\n";
    char buf[512];
    for (const auto& r : rows) {
        const double ratio = r.higher_is_better ? r.gantry / r.official : r.official / r.gantry;
        std::snprintf(buf, sizeof buf, "| %s | %.2f | %.2f | %s | %.2f |\n", r.metric.c_str(), r.gantry, r.official,
                      r.unit.c_str(), ratio);
        md << buf;
    }
    std::snprintf(buf, sizeof buf,
                  "\nturso-sync's peak resident memory (VmHWM) after four %d MB bootstraps: %.1f MB (the process "
                  "since its start; pulls stream to disk, so this does not grow with the database).\n",
                  megabytes, boot_peak_rss_mb);
    md << buf << "\n" << boot_samples << "The server is warmed by one unmeasured bootstrap first.\n";
    md << "\nRead-your-write: Gantry sends the write to the remote over Hrana and pulls before answering; the official "
          "client writes locally and pushes. The 10,000-row batch: one Gantry Batch RPC (BEGIN, inserts, COMMIT on the "
          "remote, then a pull) "
          "against one local transaction plus push.\n";
    std::ofstream(argv[1]) << md.str();
    return 0;
}
