#pragma once
// Shared set-up for the turso-sync interop tests: a temp dir, the real tursodb server, turso-sync started with
// a generated config, and small typed helpers around the gRPC stub.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "gantry/testing/service_process.hpp"
#include "gantry/turso/v1/turso.grpc.pb.h"
#include "tursodb_server.hpp"

namespace gantry::testing {

namespace tv1 = gantry::turso::v1;
using namespace std::chrono_literals;

inline common::v1::Value Text(const std::string& s) {
    common::v1::Value v;
    v.set_text_value(s);
    return v;
}
inline common::v1::Value Int(int64_t i) {
    common::v1::Value v;
    v.set_int64_value(i);
    return v;
}

/// Fills `big(id INTEGER PRIMARY KEY, payload BLOB)` on the server with `rows` rows of 3000 random bytes each
/// from id `first` on, 100 rows per statement (tursodb has no recursive CTEs).
inline void FillBig(TursodbServer& server, int first, int rows) {
    for (int start = first; start < first + rows; start += 100) {
        std::string sql = "INSERT INTO big (id, payload) VALUES ";
        for (int id = start; id < std::min(start + 100, first + rows); ++id) {
            sql += (id == start ? "" : ", ") + std::string("(") + std::to_string(id) + ", randomblob(3000))";
        }
        server.Execute(sql);
    }
}

struct ExecResult {
    grpc::Status status;
    tv1::ExecuteResponse response;
    bool ok() const { return status.ok(); }
};

class TursoInteropTest : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/gantry-turso-XXXXXX";
        dir_ = ::mkdtemp(tmpl);
        server_ = std::make_unique<TursodbServer>(dir_ + "/server");
        ASSERT_TRUE(server_->Start()) << server_->error();
    }
    void TearDown() override {
        gantry_.reset();
        server_.reset();
        if (!::getenv("GANTRY_KEEP_TEST_DIRS")) std::filesystem::remove_all(dir_);
    }

    /// `databases` is the YAML body under turso.databases, with $URL and $DIR substituted.
    void StartGantry(std::string databases, int request_timeout_ms = 3000) {
        for (const auto& [key, value] : {std::pair{std::string("$URL"), server_->url()}, {"$DIR", dir_}}) {
            for (size_t pos; (pos = databases.find(key)) != std::string::npos;)
                databases.replace(pos, key.size(), value);
        }
        const std::string config = dir_ + "/turso-sync.yaml";
        std::ofstream(config) << "turso:\n  request_timeout_ms: " << request_timeout_ms
                              << "\n  connect_timeout_ms: 1000\n"
                              << "  retry_attempts: 2\n  databases:\n"
                              << databases;
        config_path_ = config;
        Restart();
    }
    void Restart() {
        gantry_.reset();
        gantry_ = std::make_unique<ServiceProcess>(ServiceProcess::Options{std::string(GANTRY_BIN_DIR) + "/turso-sync",
                                                                           {"--config", config_path_},
                                                                           {},
                                                                           std::chrono::milliseconds(20000)});
        ASSERT_TRUE(gantry_->ok()) << gantry_->error();
        stub_ =
            tv1::TursoSync::NewStub(grpc::CreateChannel(gantry_->endpoint("grpc"), grpc::InsecureChannelCredentials()));
    }

    static std::unique_ptr<grpc::ClientContext> Ctx(std::chrono::seconds timeout = 30s) {
        auto ctx = std::make_unique<grpc::ClientContext>();
        ctx->set_deadline(std::chrono::system_clock::now() + timeout);
        return ctx;
    }

    ExecResult Exec(const std::string& db, const std::string& sql, std::vector<common::v1::Value> args = {},
                    const std::string& tx = "") {
        tv1::ExecuteRequest req;
        req.set_database(db);
        req.mutable_statement()->set_sql(sql);
        for (auto& a : args) *req.mutable_statement()->add_args() = a;
        req.set_transaction_id(tx);
        ExecResult r;
        r.status = stub_->Execute(Ctx().get(), req, &r.response);
        return r;
    }
    ExecResult Query(const std::string& db, const std::string& sql) {
        tv1::ExecuteRequest req;
        req.set_database(db);
        req.mutable_statement()->set_sql(sql);
        ExecResult r;
        r.status = stub_->Query(Ctx().get(), req, &r.response);
        return r;
    }
    /// The first column of every row as text (integers printed).
    std::vector<std::string> Column(const std::string& db, const std::string& sql) {
        auto r = Query(db, sql);
        EXPECT_TRUE(r.ok()) << sql << ": " << r.status.error_message();
        std::vector<std::string> out;
        for (const auto& row : r.response.result().rows()) {
            const auto& v = row.values(0);
            out.push_back(v.has_int64_value() ? std::to_string(v.int64_value()) : v.text_value());
        }
        return out;
    }
    grpc::Status Sync(const std::string& db, tv1::SyncResponse* out = nullptr) {
        tv1::SyncRequest req;
        req.set_database(db);
        tv1::SyncResponse resp;
        auto st = stub_->Sync(Ctx().get(), req, &resp);
        if (out) *out = resp;
        return st;
    }
    tv1::DatabaseStats Stats(const std::string& db) {
        tv1::GetStatsRequest req;
        req.set_database(db);
        tv1::DatabaseStats resp;
        EXPECT_TRUE(stub_->GetStats(Ctx().get(), req, &resp).ok());
        return resp;
    }

    std::string dir_;
    std::string config_path_;
    std::unique_ptr<TursodbServer> server_;
    std::unique_ptr<ServiceProcess> gantry_;
    std::unique_ptr<tv1::TursoSync::Stub> stub_;
};

}  // namespace gantry::testing
