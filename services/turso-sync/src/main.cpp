// turso-sync: wires the Turso databases and their gRPC service into the common runtime; nothing else lives here.
#include <spdlog/spdlog.h>

#include <cstdlib>

#include "gantry/common/service_main.hpp"
#include "gantry/turso/database_registry.hpp"
#include "gantry/turso/turso_config.hpp"
#include "turso_service.hpp"

namespace gantry::turso {

class Module final : public gantry::ServiceModule {
public:
    void Configure(gantry::ConfigSection& root, const gantry::CommonConfig& common) override {
        config_ = ReadTursoConfig(root, common.data_dir, [](const char* name) { return std::getenv(name); });
    }

    gantry::Status Start(gantry::ServiceHost& host) override {
        registry_ = std::make_unique<DatabaseRegistry>(config_.default_database, &OpenDatabaseEngine);
        for (const auto& db : config_.databases) {
            auto opened = registry_->Open(db);
            if (!opened.ok()) {
                return Status(opened.status()).Annotate("database '" + db.name + "': ");
            }
            spdlog::info("database '{}' open: mode {}{}", db.name, ModeName(db.mode),
                         db.url.empty() ? "" : ", remote " + db.url);
        }
        service_ = std::make_unique<TursoService>(host.calls(), *registry_, config_.defaults, config_.data_dir);
        host.AddService(service_.get(), "gantry.turso.v1.TursoSync");
        host.OnDrain([this] { service_->Stop(); });  // ends WatchSync streams
        host.OnShutdown([this] {
            service_->Stop();
            registry_->CloseAll();
        });
        return Status::Ok();
    }

private:
    TursoConfig config_;
    std::unique_ptr<DatabaseRegistry> registry_;
    std::unique_ptr<TursoService> service_;
};

}  // namespace gantry::turso

int main(int argc, char** argv) {
    return gantry::ServiceMain(
        argc, argv,
        {"turso-sync", "Turso/libSQL databases with a local replica kept in sync, over gRPC", {50053, 9453}},
        std::make_unique<gantry::turso::Module>());
}
