// mcp-adapter: wires the service module into the common runtime; nothing else lives here.
#include "gantry/common/service_main.hpp"

namespace gantry::mcp {

/// The service's components. Its own RPCs are registered here as they are built.
class Module final : public gantry::ServiceModule {
public:
    void Configure(gantry::ConfigSection& root, const gantry::CommonConfig& common) override {}
    gantry::Status Start(gantry::ServiceHost& host) override { return gantry::Status::Ok(); }
};

}  // namespace gantry::mcp

int main(int argc, char** argv) {
    return gantry::ServiceMain(argc, argv, {"mcp-adapter", "an MCP server exposing the Gantry services as tools", {50054, 9454}}, std::make_unique<gantry::mcp::Module>());
}
