#pragma once
// A resolve-bridge started for a test and a typed client that remembers which RPCs it called.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "gantry/resolve/v1/resolve_service.grpc.pb.h"
#include "gantry/resolve/v1/resolve_service.pb.h"
#include "gantry/testing/service_process.hpp"

namespace gantry::resolve {

namespace v1 = gantry::resolve::v1;
using Stub = v1::Resolve::Stub;

inline std::string SourcePath(const std::string& relative) { return std::string(GANTRY_SOURCE_DIR) + "/" + relative; }

/// A test double of DaVinciResolveScript for the python-worker and embedded backends.
inline std::string FakeResolveApi() { return SourcePath("tests/resolve/fake_resolve"); }

class BridgeClient {
public:
    explicit BridgeClient(const std::string& address)
        : stub_(v1::Resolve::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))) {}

    /// Calls one unary RPC; `name` is recorded for coverage checks.
    template <typename Request, typename Response>
    grpc::Status Call(const std::string& name,
                      grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                      const Request& request, Response* response, int timeout_ms = 20000) {
        called_.insert(name);
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeout_ms));
        return ((*stub_).*method)(&context, request, response);
    }

    /// Like Call, but the RPC must succeed.
    template <typename Request, typename Response>
    Response Ok(const std::string& name, grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                const Request& request) {
        Response response;
        const auto status = Call(name, method, request, &response);
        EXPECT_TRUE(status.ok()) << name << ": " << status.error_code() << " " << status.error_message();
        return response;
    }

    Stub& stub() { return *stub_; }
    std::set<std::string>& called() { return called_; }

private:
    std::unique_ptr<Stub> stub_;
    std::set<std::string> called_;
};

/// Starts resolve-bridge with `backend` and extra environment.
inline std::unique_ptr<gantry::testing::ServiceProcess> StartBridge(const std::string& backend,
                                                                    std::map<std::string, std::string> env = {}) {
    return std::make_unique<gantry::testing::ServiceProcess>(gantry::testing::ServiceProcess::Options{
        std::string(GANTRY_BIN_DIR) + "/resolve-bridge", {"--backend", backend}, std::move(env)});
}

/// The service's descriptor (referencing the file's descriptor table links it in).
inline const google::protobuf::ServiceDescriptor* ResolveService() {
    const void* volatile linked = &descriptor_table_gantry_2fresolve_2fv1_2fresolve_5fservice_2eproto;
    (void)linked;
    return google::protobuf::DescriptorPool::generated_pool()->FindServiceByName("gantry.resolve.v1.Resolve");
}

}  // namespace gantry::resolve
