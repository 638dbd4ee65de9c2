#include "gantry/resolve/auto_backend.hpp"

#include <gtest/gtest.h>

#include "gantry/resolve/v1/app.pb.h"

namespace gantry::resolve {
namespace {

/// A backend whose availability the test controls; counts probes and calls.
class ScriptedBackend final : public Backend {
public:
    ScriptedBackend(std::string name, bool* up, int* probes) : name_(std::move(name)), up_(up), probes_(probes) {}
    std::string name() const override { return name_; }
    Status Call(std::string_view, const google::protobuf::Message&, google::protobuf::Message& response) override {
        if (!*up_) return UnavailableError(name_ + " lost Resolve");
        static_cast<v1::GetVersionResponse&>(response).set_product(name_);
        return Status::Ok();
    }
    BackendState Probe() override {
        ++*probes_;
        if (!*up_) return {"", false, name_ + ": Resolve is not running", "", ""};
        return {name_, true, name_ + ": connected", "Resolve", "20"};
    }

private:
    std::string name_;
    bool* up_;
    int* probes_;
};

struct Fixture {
    bool embedded_up = false, worker_up = false;
    int embedded_probes = 0, worker_probes = 0;
    std::unique_ptr<AutoBackend> Make(std::chrono::milliseconds retry) {
        std::vector<std::unique_ptr<Backend>> candidates;
        candidates.push_back(std::make_unique<ScriptedBackend>("embedded", &embedded_up, &embedded_probes));
        candidates.push_back(std::make_unique<ScriptedBackend>("python-worker", &worker_up, &worker_probes));
        return std::make_unique<AutoBackend>(std::move(candidates), retry);
    }
};

std::string Product(Backend& backend, Status* status = nullptr) {
    v1::GetVersionResponse response;
    auto s = backend.Call("GetVersion", v1::GetVersionRequest(), response);
    if (status) *status = s;
    return response.product();
}

TEST(AutoBackendTest, PrefersEmbeddedThenWorker) {
    Fixture f;
    f.worker_up = true;
    auto backend = f.Make(std::chrono::milliseconds(0));
    EXPECT_EQ(Product(*backend), "python-worker");
    f.embedded_up = true;
    EXPECT_EQ(Product(*backend), "python-worker");  // stays with the connected one
    EXPECT_EQ(backend->Probe().backend, "python-worker");
}

TEST(AutoBackendTest, NoBackendIsUnavailableWithEveryReasonAndAFix) {
    Fixture f;
    auto backend = f.Make(std::chrono::milliseconds(0));
    Status status;
    Product(*backend, &status);
    EXPECT_EQ(status.code(), StatusCode::kUnavailable);
    EXPECT_NE(status.message().find("embedded: Resolve is not running"), std::string::npos) << status.message();
    EXPECT_NE(status.message().find("python-worker: Resolve is not running"), std::string::npos);
    EXPECT_NE(status.message().find("External scripting"), std::string::npos);
    EXPECT_EQ(status.reason(), "RESOLVE_UNAVAILABLE");
    const auto state = backend->Probe();
    EXPECT_FALSE(state.available);
    EXPECT_EQ(state.backend, "");
}

TEST(AutoBackendTest, FailedRoundIsRememberedForTheRetryInterval) {
    Fixture f;
    auto backend = f.Make(std::chrono::hours(1));
    Status status;
    Product(*backend, &status);
    Product(*backend, &status);
    EXPECT_EQ(f.embedded_probes, 1);
    EXPECT_EQ(f.worker_probes, 1);
}

TEST(AutoBackendTest, LosingResolveLooksAgainOnTheNextCall) {
    Fixture f;
    f.embedded_up = true;
    auto backend = f.Make(std::chrono::milliseconds(0));
    EXPECT_EQ(Product(*backend), "embedded");
    f.embedded_up = false;
    f.worker_up = true;
    Status status;
    Product(*backend, &status);
    EXPECT_EQ(status.code(), StatusCode::kUnavailable);  // the call in flight fails
    EXPECT_EQ(Product(*backend), "python-worker");       // the next one finds the worker
}

}  // namespace
}  // namespace gantry::resolve
