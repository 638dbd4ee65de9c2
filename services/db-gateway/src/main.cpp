// db-gateway: wires the service module into the common runtime; nothing else lives here.
#include "gantry/common/service_main.hpp"
#include "gantry/db/toolservices/tool_services.hpp"

namespace gantry::db {

/// The service's components. Its own RPCs are registered here as they are built.
class Module final : public gantry::ServiceModule {
public:
    void Configure(gantry::ConfigSection& root, const gantry::CommonConfig& common) override {
        tools_.Configure(root, common);  // query builder, JSON and crypto services
    }
    gantry::Status Start(gantry::ServiceHost& host) override {
        GANTRY_RETURN_IF_ERROR(tools_.Start(host));  // query builder, JSON and crypto services
        return gantry::Status::Ok();
    }

private:
    ToolServices tools_;  // query builder, JSON and crypto services
};

}  // namespace gantry::db

int main(int argc, char** argv) {
    return gantry::ServiceMain(argc, argv, {"db-gateway", "pooled PostgreSQL, MariaDB and SQLite access over gRPC", {50052, 9452}}, std::make_unique<gantry::db::Module>());
}
