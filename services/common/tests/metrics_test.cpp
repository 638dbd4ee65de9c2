#include "gantry/common/metrics.hpp"

#include <gtest/gtest.h>
#include <prometheus/text_serializer.h>

#include <sstream>

namespace gantry {
namespace {

std::string Exposition(Metrics& metrics) {
    std::ostringstream out;
    prometheus::TextSerializer().Serialize(out, metrics.registry().Collect());
    return out.str();
}

TEST(Metrics, RecordRpcCountsPerMethodAndCodeAcrossRepeatedCalls) {
    Metrics metrics("svc");
    metrics.RecordRpc("/a.B/C", 0, 0.001);
    metrics.RecordRpc("/a.B/C", 0, 0.002);
    metrics.RecordRpc("/a.B/C", 14, 0.003);
    metrics.RecordRpc("/a.B/D", 0, 0.004);
    const auto text = Exposition(metrics);
    const auto has = [&](const std::string& line) { return text.find(line) != std::string::npos; };
    EXPECT_TRUE(has("gantry_rpc_requests_total{code=\"OK\",method=\"/a.B/C\",service=\"svc\"} 2")) << text;
    EXPECT_TRUE(has("gantry_rpc_requests_total{code=\"UNAVAILABLE\",method=\"/a.B/C\",service=\"svc\"} 1")) << text;
    EXPECT_TRUE(has("gantry_rpc_errors_total{code=\"UNAVAILABLE\",method=\"/a.B/C\",service=\"svc\"} 1")) << text;
    EXPECT_FALSE(has("gantry_rpc_errors_total{code=\"OK\"")) << text;
    EXPECT_TRUE(has("gantry_rpc_duration_seconds_count{method=\"/a.B/C\",service=\"svc\"} 3")) << text;
    EXPECT_TRUE(has("gantry_rpc_duration_seconds_count{method=\"/a.B/D\",service=\"svc\"} 1")) << text;
}

}  // namespace
}  // namespace gantry
