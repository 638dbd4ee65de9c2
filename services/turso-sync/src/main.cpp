// turso-sync: wires the service module into the common runtime; nothing else lives here.
#include "gantry/common/service_main.hpp"

namespace gantry::turso {

/// The service's components. Its own RPCs are registered here as they are built.
class Module final : public gantry::ServiceModule {
public:
    void Configure(gantry::ConfigSection& root, const gantry::CommonConfig& common) override {}
    gantry::Status Start(gantry::ServiceHost& host) override { return gantry::Status::Ok(); }
};

}  // namespace gantry::turso

int main(int argc, char** argv) {
    return gantry::ServiceMain(argc, argv, {"turso-sync", "Turso/libSQL databases with a local replica kept in sync, over gRPC", {50053, 9453}}, std::make_unique<gantry::turso::Module>());
}
