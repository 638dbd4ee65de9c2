// resolve_bench ADDRESS CALLS: times CALLS sequential GetVersion and GetCurrentProject RPCs (after a warm-up) on
// one channel and prints one JSON line per RPC with the latency percentiles in microseconds.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "gantry/resolve/v1/resolve_service.grpc.pb.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace v1 = gantry::resolve::v1;

double Percentile(std::vector<double> sorted, double p) {
    const auto index = static_cast<size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
}

int Measure(const char* name, int calls, const std::function<grpc::Status()>& call) {
    for (int i = 0; i < std::min(calls, 50); ++i) {
        if (const auto s = call(); !s.ok()) {
            std::fprintf(stderr, "%s failed: %s\n", name, s.error_message().c_str());
            return 1;
        }
    }
    std::vector<double> micros;
    micros.reserve(static_cast<size_t>(calls));
    for (int i = 0; i < calls; ++i) {
        const auto start = Clock::now();
        const auto status = call();
        micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        if (!status.ok()) {
            std::fprintf(stderr, "%s failed: %s\n", name, status.error_message().c_str());
            return 1;
        }
    }
    double sum = 0;
    for (double m : micros) sum += m;
    std::sort(micros.begin(), micros.end());
    std::printf("{\"rpc\":\"%s\",\"calls\":%d,\"p50_us\":%.1f,\"p90_us\":%.1f,\"p99_us\":%.1f,\"mean_us\":%.1f}\n",
                name, calls, Percentile(micros, 0.5), Percentile(micros, 0.9), Percentile(micros, 0.99),
                sum / static_cast<double>(calls));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: resolve_bench ADDRESS CALLS\n");
        return 2;
    }
    const int calls = std::max(1, std::atoi(argv[2]));
    auto stub = v1::Resolve::NewStub(grpc::CreateChannel(argv[1], grpc::InsecureChannelCredentials()));
    int failed = Measure("GetVersion", calls, [&] {
        grpc::ClientContext context;
        v1::GetVersionResponse response;
        return stub->GetVersion(&context, v1::GetVersionRequest(), &response);
    });
    failed |= Measure("GetCurrentProject", calls, [&] {
        grpc::ClientContext context;
        v1::GetCurrentProjectResponse response;
        return stub->GetCurrentProject(&context, v1::GetCurrentProjectRequest(), &response);
    });
    return failed;
}
