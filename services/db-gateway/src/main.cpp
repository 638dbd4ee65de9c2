// db-gateway: wires the service module into the common runtime; nothing else lives here.
#include "gantry/common/service_main.hpp"
#include "gantry/db/database_service.hpp"
#include "gantry/db/gateway.hpp"
#include "gantry/db/mariadb_driver.hpp"
#include "gantry/db/postgres_driver.hpp"
#include "gantry/db/sqlite_driver.hpp"
#include "gantry/db/toolservices/tool_services.hpp"

namespace gantry::db {

class Module final : public gantry::ServiceModule {
public:
    void Configure(gantry::ConfigSection& root, const gantry::CommonConfig& common) override {
        config_ = ReadGatewayConfig(root, common);
        tools_.Configure(root, common);  // query builder, JSON and crypto services
    }

    gantry::Status Start(gantry::ServiceHost& host) override {
        gateway_ = std::make_unique<Gateway>(config_,
                                             std::map<std::string, DriverFactory>{
                                                 {"sqlite", MakeSqliteDriver},
                                                 {"postgres", MakePostgresDriver},
                                                 {"mariadb", MakeMariaDbDriver},
                                             },
                                             host.metrics().registry());
        GANTRY_RETURN_IF_ERROR(gateway_->Start());
        // One line per gRPC service of this module.
        Add(host, std::make_unique<DatabaseService>(host.calls(), *gateway_), "gantry.db.v1.Database");
        GANTRY_RETURN_IF_ERROR(tools_.Start(host));  // query builder, JSON and crypto services
        host.OnShutdown([this] { gateway_->Stop(); });
        return gantry::Status::Ok();
    }

private:
    void Add(gantry::ServiceHost& host, std::unique_ptr<grpc::Service> service, std::string name) {
        host.AddService(service.get(), std::move(name));
        services_.push_back(std::move(service));
    }

    GatewayConfig config_;
    std::unique_ptr<Gateway> gateway_;
    std::vector<std::unique_ptr<grpc::Service>> services_;
    ToolServices tools_;
};

}  // namespace gantry::db

int main(int argc, char** argv) {
    return gantry::ServiceMain(argc, argv,
                               {"db-gateway", "pooled PostgreSQL, MariaDB and SQLite access over gRPC", {50052, 9452}},
                               std::make_unique<gantry::db::Module>());
}
