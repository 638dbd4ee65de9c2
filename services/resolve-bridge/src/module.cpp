#include "module.hpp"

#include <spdlog/spdlog.h>

#include "backend_factory.hpp"

namespace gantry::resolve {

void Module::Configure(ConfigSection& root, const CommonConfig& common) {
    config_ = ReadResolveConfig(root, common.data_dir);
}

std::vector<FlagSpec> Module::Flags() const {
    return {{"backend", "resolve.backend", "auto, embedded, python-worker or sim", ""}};
}

Status Module::Start(ServiceHost& host) {
    GANTRY_ASSIGN_OR_RETURN(auto backend, MakeBackend(config_));
    spdlog::info("resolve backend: {}", config_.backend);
    core_ = std::make_unique<ResolveCore>(std::move(backend));
    service_ = std::make_unique<ResolveGrpcService>(host.calls(), *core_);
    host.AddService(service_.get(), "gantry.resolve.v1.Resolve");
    host.OnDrain([this] { service_->Stop(); });  // ends WatchRender streams
    return Status::Ok();
}

}  // namespace gantry::resolve
