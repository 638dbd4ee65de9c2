// Load generator for bench/db: N client threads run one query shape for a fixed time against a target
// and print "qps p50_us p99_us errors" on one line. Targets:
//   gateway  db-gateway Execute over gRPC (the gateway prepares and pools)
//   libpq    libpq, one connection per client, a named prepared statement (the fastest direct client)
//   params   libpq, one connection per client, PQexecParams (unnamed statements: what works through
//            PgBouncer in transaction mode)
#include <grpcpp/grpcpp.h>
#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "gantry/db/v1/database.grpc.pb.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kTableRows = 100000;

struct Options {
    std::string target;
    std::string address;  // gateway host:port or libpq conninfo
    std::string query = "point";
    int clients = 1;
    double seconds = 3;
};

std::string Sql(const std::string& query) {
    return query == "point" ? "SELECT id, label, amount FROM bench_items WHERE id = $1"
                            : "SELECT id, label, amount FROM bench_items WHERE id BETWEEN $1 AND $1 + 99";
}

// One client: issues queries until `stop`, recording each latency in microseconds.
class Client {
public:
    virtual ~Client() = default;
    virtual bool Run(int64_t id) = 0;  // false on error
};

class GatewayClient final : public Client {
public:
    GatewayClient(const std::string& address, const std::string& sql)
        : stub_(gantry::db::v1::Database::NewStub(grpc::CreateCustomChannel(
              address, grpc::InsecureChannelCredentials(), Args()))) {
        req_.set_database("pg");
        req_.set_sql(sql);
        req_.add_params();
    }
    bool Run(int64_t id) override {
        req_.mutable_params(0)->set_int64_value(id);
        grpc::ClientContext ctx;
        gantry::db::v1::ExecuteResponse resp;
        return stub_->Execute(&ctx, req_, &resp).ok() && resp.rows_size() > 0;
    }

private:
    static grpc::ChannelArguments Args() {
        grpc::ChannelArguments args;
        args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // one TCP connection per client, like libpq
        return args;
    }
    std::unique_ptr<gantry::db::v1::Database::Stub> stub_;
    gantry::db::v1::ExecuteRequest req_;
};

class PqClient final : public Client {
public:
    PqClient(const std::string& conninfo, const std::string& sql, bool prepared) : prepared_(prepared), sql_(sql) {
        conn_ = PQconnectdb(conninfo.c_str());
        if (PQstatus(conn_) != CONNECTION_OK) {
            std::fprintf(stderr, "connect: %s\n", PQerrorMessage(conn_));
            std::exit(1);
        }
        if (prepared_) {
            PGresult* r = PQprepare(conn_, "q", sql.c_str(), 1, nullptr);
            if (PQresultStatus(r) != PGRES_COMMAND_OK) {
                std::fprintf(stderr, "prepare: %s\n", PQerrorMessage(conn_));
                std::exit(1);
            }
            PQclear(r);
        }
    }
    ~PqClient() override { PQfinish(conn_); }
    bool Run(int64_t id) override {
        const std::string text = std::to_string(id);
        const char* values[1] = {text.c_str()};
        PGresult* r = prepared_ ? PQexecPrepared(conn_, "q", 1, values, nullptr, nullptr, 0)
                                : PQexecParams(conn_, sql_.c_str(), 1, nullptr, values, nullptr, nullptr, 0);
        const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0;
        PQclear(r);
        return ok;
    }

private:
    PGconn* conn_;
    bool prepared_;
    std::string sql_;
};

std::unique_ptr<Client> Make(const Options& o) {
    const auto sql = Sql(o.query);
    if (o.target == "gateway") return std::make_unique<GatewayClient>(o.address, sql);
    return std::make_unique<PqClient>(o.address, sql, o.target == "libpq");
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--target") o.target = v;
        else if (k == "--address") o.address = v;
        else if (k == "--query") o.query = v;
        else if (k == "--clients") o.clients = std::stoi(v);
        else if (k == "--seconds") o.seconds = std::stod(v);
        else {
            std::fprintf(stderr, "usage: db_bench --target gateway|libpq|params --address A --query point|range "
                                 "--clients N --seconds S\n");
            return 2;
        }
    }
    std::vector<std::unique_ptr<Client>> clients;
    for (int c = 0; c < o.clients; ++c) clients.push_back(Make(o));
    std::atomic<bool> stop{false};
    std::atomic<int64_t> errors{0};
    std::vector<std::vector<uint32_t>> latencies(static_cast<size_t>(o.clients));
    std::vector<std::thread> threads;
    // A short warm-up so connections, statements and caches are hot before measuring.
    const auto warm_until = Clock::now() + std::chrono::milliseconds(500);
    const auto end = warm_until + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
    for (int c = 0; c < o.clients; ++c) {
        threads.emplace_back([&, c] {
            std::mt19937_64 rng(static_cast<uint64_t>(c) * 7919 + 1);
            std::uniform_int_distribution<int64_t> ids(1, kTableRows - 100);
            auto& mine = latencies[static_cast<size_t>(c)];
            mine.reserve(200000);
            while (true) {
                const auto start = Clock::now();
                if (start >= end) break;
                const bool ok = clients[static_cast<size_t>(c)]->Run(ids(rng));
                const auto done = Clock::now();
                if (start < warm_until) continue;
                if (!ok) ++errors;
                mine.push_back(static_cast<uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(done - start).count()));
            }
        });
    }
    for (auto& t : threads) t.join();
    std::vector<uint32_t> all;
    for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    const auto pct = [&](double p) { return all.empty() ? 0u : all[static_cast<size_t>(p * (all.size() - 1))]; };
    std::printf("%.0f %u %u %lld\n", all.size() / o.seconds, pct(0.50), pct(0.99), static_cast<long long>(errors.load()));
    return 0;
}
