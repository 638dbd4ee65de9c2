// resolve-bridge: wires the service module into the common runtime; nothing else lives here.
#include "gantry/common/service_main.hpp"
#include "module.hpp"

int main(int argc, char** argv) {
    return gantry::ServiceMain(argc, argv, {"resolve-bridge", "DaVinci Resolve scripting over gRPC", {50051, 9451}},
                               std::make_unique<gantry::resolve::Module>());
}
