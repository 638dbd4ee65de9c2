#include "gantry/db/mariadb_driver.hpp"

#include <mysql.h>

#include <mutex>

#include "mariadb_connection.hpp"

namespace gantry::db {
namespace {

class MariaDbDriver final : public Driver {
public:
    explicit MariaDbDriver(std::shared_ptr<const mariadb::ConnectParams> params) : params_(std::move(params)) {}
    const char* name() const override { return "mariadb"; }
    Dialect dialect() const override { return Dialect::kMariaDb; }
    StatusOr<std::unique_ptr<Connection>> Connect() override {
        mysql_thread_init();  // per-thread state of the client library; idempotent
        return mariadb::MariaDbConnection::Open(params_);
    }

private:
    std::shared_ptr<const mariadb::ConnectParams> params_;
};

}  // namespace

StatusOr<std::unique_ptr<Driver>> MakeMariaDbDriver(const DriverOptions& options) {
    static std::once_flag init;
    std::call_once(init, [] { mysql_library_init(0, nullptr, nullptr); });
    GANTRY_ASSIGN_OR_RETURN(auto dsn, mariadb::ParseDsn(options.dsn));
    auto params = std::make_shared<mariadb::ConnectParams>();
    params->dsn = std::move(dsn);
    params->options = options;
    return std::unique_ptr<Driver>(std::make_unique<MariaDbDriver>(std::move(params)));
}

}  // namespace gantry::db
