#pragma once
/// @file The db-gateway's tool services in one place, so the module wires them with three lines:
/// QueryBuilder, JsonService and CryptoService (gantry.db.v1).
///
///   ToolServices tools_;                                   // a module member
///   tools_.Configure(root, common);                        // in Configure
///   GANTRY_RETURN_IF_ERROR(tools_.Start(host));            // in Start

#include <memory>

#include "gantry/common/config.hpp"
#include "gantry/common/server_config.hpp"
#include "gantry/common/service_host.hpp"
#include "gantry/db/crypto/crypto_config.hpp"

namespace gantry::db::crypto {
class CryptoService;
}
namespace gantry::db::json {
class JsonService;
}
namespace gantry::db::querybuilder {
class QueryBuilderService;
}

namespace gantry::db {

class ToolServices final {
public:
    ToolServices();
    ~ToolServices();

    /// Reads the tool services' keys (`crypto.*`). Touches nothing outside the configuration.
    void Configure(ConfigSection& root, const CommonConfig& common);
    /// Opens the managed key store (when a master key is configured) and registers the services.
    /// A key store the master key cannot open is FAILED_PRECONDITION.
    Status Start(ServiceHost& host);

private:
    crypto::CryptoConfig crypto_config_;
    std::unique_ptr<querybuilder::QueryBuilderService> query_builder_;
    std::unique_ptr<json::JsonService> json_;
    std::unique_ptr<crypto::CryptoService> crypto_;
};

}  // namespace gantry::db
