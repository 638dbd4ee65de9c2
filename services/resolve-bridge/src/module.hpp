#pragma once
/// @file resolve-bridge's components, wired into the common service runtime.

#include <memory>

#include "gantry/common/service_main.hpp"
#include "gantry/resolve/resolve_core.hpp"
#include "resolve_config.hpp"
#include "resolve_service.hpp"

namespace gantry::resolve {

class Module final : public ServiceModule {
public:
    void Configure(ConfigSection& root, const CommonConfig& common) override;
    Status Start(ServiceHost& host) override;
    std::vector<FlagSpec> Flags() const override;

private:
    ResolveConfig config_;
    std::unique_ptr<ResolveCore> core_;
    std::unique_ptr<ResolveGrpcService> service_;
};

}  // namespace gantry::resolve
