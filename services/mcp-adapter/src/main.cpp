// mcp-adapter: wires the service module into the common runtime; nothing else lives here.
#include <stdlib.h>

#include "gantry/mcp/adapter_module.hpp"

int main(int argc, char** argv) {
    // Each tool call waits for its backend's answer on a completion queue of its own. With gRPC's default epoll1
    // poller, one process-wide poller reads every socket, often on a thread of the server's callback queue, which
    // must then wake the caller; with "poll", the waiting caller reads its backend's socket itself (bench/mcp).
    // The adapter's own gRPC server (health, Admin) carries little traffic. An explicit setting still wins.
    ::setenv("GRPC_POLL_STRATEGY", "poll", /*overwrite=*/0);
    return gantry::ServiceMain(argc, argv,
                               {"mcp-adapter", "an MCP server exposing the Gantry services as tools", {50054, 9454}},
                               std::make_unique<gantry::mcp::AdapterModule>());
}
