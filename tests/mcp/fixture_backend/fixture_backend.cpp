// mcp-fixture-backend: a test-only gRPC service (gantry.mcp_fixture.v1.Fixture) whose annotated RPCs
// become mcp-adapter tools in the interop tests: unary, server-streaming, errors, slow and recursive.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "gantry/common/service_main.hpp"
#include "gantry/common/status_mapping.hpp"
#include "gantry/mcp_conformance/v1/conformance.grpc.pb.h"
#include "gantry/mcp_fixture/v1/fixture.grpc.pb.h"

namespace gantry::mcp_fixture {
namespace {

using namespace gantry::mcp_fixture::v1;

StatusCode CodeByName(const std::string& name) {
    for (int code = 1; code <= 16; ++code) {
        if (StatusCodeName(static_cast<StatusCode>(code)) == name) return static_cast<StatusCode>(code);
    }
    return StatusCode::kUnknown;
}

class FixtureService final : public Fixture::Service {
public:
    grpc::Status Echo(grpc::ServerContext*, const EchoRequest* request, EchoResponse* response) override {
        std::string text;
        for (int i = 0; i < std::max(1, request->repeat()); ++i) text += request->message();
        if (request->shout()) std::transform(text.begin(), text.end(), text.begin(), ::toupper);
        response->set_text(text);
        *response->mutable_request() = *request;
        return grpc::Status::OK;
    }

    grpc::Status Fail(grpc::ServerContext*, const FailRequest* request, FailResponse*) override {
        return ToGrpcStatus(Status(CodeByName(request->code()), request->message()).WithReason("FIXTURE_FAILURE"));
    }

    grpc::Status Count(grpc::ServerContext* context, const CountRequest* request,
                       grpc::ServerWriter<CountEvent>* writer) override {
        for (int i = 1; i <= request->to(); ++i) {
            if (context->IsCancelled()) return grpc::Status::CANCELLED;
            CountEvent event;
            event.set_value(i);
            event.set_total(request->to());
            if (!writer->Write(event)) return grpc::Status::CANCELLED;
            std::this_thread::sleep_for(std::chrono::milliseconds(request->interval_ms()));
        }
        return grpc::Status::OK;
    }

    grpc::Status Sleep(grpc::ServerContext* context, const SleepRequest* request, SleepResponse* response) override {
        ++started_;
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(request->ms());
        while (std::chrono::steady_clock::now() < until) {
            if (context->IsCancelled()) {
                ++cancelled_;
                return grpc::Status::CANCELLED;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        ++completed_;
        response->set_completed(true);
        return grpc::Status::OK;
    }

    grpc::Status Stats(grpc::ServerContext*, const StatsRequest*, StatsResponse* response) override {
        response->set_sleeps_started(started_);
        response->set_sleeps_cancelled(cancelled_);
        response->set_sleeps_completed(completed_);
        return grpc::Status::OK;
    }

    grpc::Status Tree(grpc::ServerContext*, const TreeNode* request, TreeNode* response) override {
        *response = *request;
        return grpc::Status::OK;
    }

    grpc::Status Hidden(grpc::ServerContext*, const StatsRequest*, StatsResponse*) override {
        return grpc::Status::OK;
    }

private:
    std::atomic<int64_t> started_{0};
    std::atomic<int64_t> cancelled_{0};
    std::atomic<int64_t> completed_{0};
};

// The conformance suite's fixture tools that a gRPC-derived tool can serve.
class ConformanceService final : public mcp_conformance::v1::Conformance::Service {
public:
    grpc::Status SimpleText(grpc::ServerContext*, const mcp_conformance::v1::NoArguments*,
                            mcp_conformance::v1::TextReply* reply) override {
        reply->set_text("This is a simple text response for testing.");
        return grpc::Status::OK;
    }
    grpc::Status ErrorHandling(grpc::ServerContext*, const mcp_conformance::v1::NoArguments*,
                               mcp_conformance::v1::TextReply*) override {
        return ToGrpcStatus(FailedPreconditionError("This tool intentionally returns an error for testing"));
    }
    grpc::Status ToolWithProgress(grpc::ServerContext* context, const mcp_conformance::v1::NoArguments*,
                                  grpc::ServerWriter<mcp_conformance::v1::ProgressStep>* writer) override {
        for (int progress : {0, 50, 100}) {
            if (context->IsCancelled()) return grpc::Status::CANCELLED;
            mcp_conformance::v1::ProgressStep step;
            step.set_progress(progress);
            step.set_total(100);
            if (!writer->Write(step)) return grpc::Status::CANCELLED;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return grpc::Status::OK;
    }
};

class Module final : public ServiceModule {
public:
    void Configure(ConfigSection&, const CommonConfig&) override {}
    Status Start(ServiceHost& host) override {
        host.AddService(&service_, "gantry.mcp_fixture.v1.Fixture");
        host.AddService(&conformance_, "gantry.mcp_conformance.v1.Conformance");
        return Status::Ok();
    }

private:
    FixtureService service_;
    ConformanceService conformance_;
};

}  // namespace
}  // namespace gantry::mcp_fixture

int main(int argc, char** argv) {
    return gantry::ServiceMain(argc, argv, {"mcp-fixture-backend", "test-only gRPC backend for mcp-adapter", {0, 0}},
                               std::make_unique<gantry::mcp_fixture::Module>());
}
