// Load generator for bench/db: N clients run one query shape for a fixed time against a target and print
// "qps p50_us p99_us errors" on one line (the first error's status goes to stderr). Targets:
//   gateway  db-gateway Execute over gRPC (the gateway prepares and pools); N outstanding async calls on
//            --threads completion-queue threads
//   query    the same with db-gateway Query: the statement in its own read-only transaction
//   libpq    libpq, one connection per client, a named prepared statement (the fastest direct client)
//   params   libpq, one connection per client, PQexecParams (unnamed statements: what works through
//            PgBouncer in transaction mode)
// libpq and params block one thread per client.
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
    int threads = 2;  // completion-queue threads of the gateway load
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

// The gateway load: `clients` outstanding calls (each on its own channel and TCP connection, like one libpq
// connection per client) driven by completion-queue threads instead of one blocking thread per client, as
// gRPC load generators do: on this shared 2-core machine a thread per client costs the measured server CPU.
class GatewayLoad {
public:
    GatewayLoad(const std::string& address, const std::string& sql, int clients, bool read_only) {
        for (int c = 0; c < clients; ++c) {
            auto slot = std::make_unique<Slot>();
            slot->stub = gantry::db::v1::Database::NewStub(
                grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), Args()));
            slot->req.set_database("pg");
            slot->req.set_sql(sql);
            slot->req.add_params();
            slot->read_only = read_only;
            slot->rng.seed(static_cast<uint64_t>(c) * 7919 + 1);
            slots_.push_back(std::move(slot));
        }
    }

    // Runs until `end`, recording latencies (µs) of calls started after `warm_until` into `out`.
    void Run(Clock::time_point warm_until, Clock::time_point end, int threads, std::vector<std::vector<uint32_t>>& out,
             std::atomic<int64_t>& errors) {
        threads = std::max(1, std::min<int>(threads, static_cast<int>(slots_.size())));
        std::vector<std::unique_ptr<grpc::CompletionQueue>> cqs;
        for (int t = 0; t < threads; ++t) cqs.push_back(std::make_unique<grpc::CompletionQueue>());
        out.assign(static_cast<size_t>(threads), {});
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&, t] {
                auto& cq = *cqs[static_cast<size_t>(t)];
                auto& mine = out[static_cast<size_t>(t)];
                mine.reserve(400000);
                int active = 0;
                for (size_t i = static_cast<size_t>(t); i < slots_.size(); i += static_cast<size_t>(threads)) {
                    Start(*slots_[i], cq);
                    ++active;
                }
                void* tag = nullptr;
                bool ok = false;
                while (active > 0 && cq.Next(&tag, &ok)) {
                    auto& slot = *static_cast<Slot*>(tag);
                    const auto done = Clock::now();
                    if (slot.start >= warm_until) {
                        if (!ok || !slot.status.ok() || slot.resp.rows_size() == 0) {
                            if (errors.fetch_add(1) == 0) {
                                std::fprintf(stderr, "gateway error: %d %s\n", slot.status.error_code(),
                                             slot.status.error_message().c_str());
                            }
                        }
                        mine.push_back(static_cast<uint32_t>(
                            std::chrono::duration_cast<std::chrono::microseconds>(done - slot.start).count()));
                    }
                    if (done >= end) {
                        --active;
                        continue;
                    }
                    Start(slot, cq);
                }
                cq.Shutdown();
                while (cq.Next(&tag, &ok)) {
                }
            });
        }
        for (auto& w : workers) w.join();
    }

private:
    struct Slot {
        std::unique_ptr<gantry::db::v1::Database::Stub> stub;
        gantry::db::v1::ExecuteRequest req;
        gantry::db::v1::ExecuteResponse resp;
        std::unique_ptr<grpc::ClientContext> ctx;
        std::unique_ptr<grpc::ClientAsyncResponseReader<gantry::db::v1::ExecuteResponse>> call;
        grpc::Status status;
        std::mt19937_64 rng;
        Clock::time_point start;
        bool read_only = false;
    };

    static void Start(Slot& slot, grpc::CompletionQueue& cq) {
        std::uniform_int_distribution<int64_t> ids(1, kTableRows - 100);
        slot.req.mutable_params(0)->set_int64_value(ids(slot.rng));
        slot.ctx = std::make_unique<grpc::ClientContext>();
        slot.resp.Clear();
        slot.start = Clock::now();
        slot.call = slot.read_only ? slot.stub->AsyncQuery(slot.ctx.get(), slot.req, &cq)
                                   : slot.stub->AsyncExecute(slot.ctx.get(), slot.req, &cq);
        slot.call->Finish(&slot.resp, &slot.status, &slot);
    }

    static grpc::ChannelArguments Args() {
        grpc::ChannelArguments args;
        args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // one TCP connection per client, like libpq
        return args;
    }
    std::vector<std::unique_ptr<Slot>> slots_;
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
    return std::make_unique<PqClient>(o.address, Sql(o.query), o.target == "libpq");
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
        else if (k == "--threads") o.threads = std::stoi(v);
        else {
            std::fprintf(stderr, "usage: db_bench --target gateway|query|libpq|params --address A --query point|range "
                                 "--clients N --seconds S [--threads T]\n");
            return 2;
        }
    }
    std::atomic<int64_t> errors{0};
    std::vector<std::vector<uint32_t>> latencies(static_cast<size_t>(o.clients));
    std::vector<std::unique_ptr<Client>> clients;
    std::unique_ptr<GatewayLoad> gateway;
    if (o.target == "gateway" || o.target == "query") {
        gateway = std::make_unique<GatewayLoad>(o.address, Sql(o.query), o.clients, o.target == "query");
    } else {
        for (int c = 0; c < o.clients; ++c) clients.push_back(Make(o));
    }
    std::vector<std::thread> threads;
    // A short warm-up so connections, statements and caches are hot before measuring.
    const auto warm_until = Clock::now() + std::chrono::milliseconds(500);
    const auto end = warm_until + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
    if (gateway) gateway->Run(warm_until, end, o.threads, latencies, errors);
    for (int c = 0; c < static_cast<int>(clients.size()); ++c) {
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
