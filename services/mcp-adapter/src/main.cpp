// mcp-adapter: wires the service module into the common runtime; nothing else lives here.
#include "gantry/mcp/adapter_module.hpp"

int main(int argc, char** argv) {
    return gantry::ServiceMain(argc, argv,
                               {"mcp-adapter", "an MCP server exposing the Gantry services as tools", {50054, 9454}},
                               std::make_unique<gantry::mcp::AdapterModule>());
}
