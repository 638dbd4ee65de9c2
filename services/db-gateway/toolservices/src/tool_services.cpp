#include "gantry/db/toolservices/tool_services.hpp"

#include <spdlog/spdlog.h>

#include "gantry/db/crypto/crypto_service.hpp"
#include "gantry/db/json/json_service.hpp"
#include "gantry/db/querybuilder/query_builder_service.hpp"

namespace gantry::db {

ToolServices::ToolServices() = default;
ToolServices::~ToolServices() = default;

void ToolServices::Configure(ConfigSection& root, const CommonConfig& common) {
    crypto_config_ = crypto::ReadCryptoConfig(root, common);
}

Status ToolServices::Start(ServiceHost& host) {
    std::unique_ptr<crypto::KeyStore> keys;
    if (crypto_config_.master_key.empty()) {
        spdlog::info("crypto: managed keys are off (no crypto.master_key configured)");
    } else {
        auto opened = crypto::KeyStore::Open(crypto_config_.key_store_path, crypto_config_.master_key);
        if (!opened.ok()) return opened.status();
        keys = std::move(*opened);
        spdlog::info("crypto: managed keys in {}", crypto_config_.key_store_path);
    }
    query_builder_ = std::make_unique<querybuilder::QueryBuilderService>(host.calls());
    json_ = std::make_unique<json::JsonService>(host.calls());
    crypto_ = std::make_unique<crypto::CryptoService>(host.calls(), crypto_config_.password, std::move(keys));
    host.AddService(query_builder_.get(), gantry::db::v1::QueryBuilder::service_full_name());
    host.AddService(json_.get(), gantry::db::v1::JsonService::service_full_name());
    host.AddService(crypto_.get(), gantry::db::v1::CryptoService::service_full_name());
    return Status::Ok();
}

}  // namespace gantry::db
