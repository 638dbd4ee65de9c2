#include "gantry/db/postgres_driver.hpp"

#include <libpq-fe.h>

#include "postgres_connection.hpp"

namespace gantry::db {
namespace {

class PostgresDriver final : public Driver {
public:
    explicit PostgresDriver(DriverOptions options) : options_(std::move(options)) {}
    const char* name() const override { return "postgres"; }
    Dialect dialect() const override { return Dialect::kPostgres; }
    StatusOr<std::unique_ptr<Connection>> Connect() override { return pg::PostgresConnection::Open(options_); }

private:
    DriverOptions options_;
};

}  // namespace

StatusOr<std::unique_ptr<Driver>> MakePostgresDriver(const DriverOptions& options) {
    if (options.dsn.empty()) {
        return InvalidArgumentError("postgres needs dsn, e.g. 'host=127.0.0.1 port=5432 dbname=app'");
    }
    if (PQisthreadsafe() == 0) return FailedPreconditionError("libpq was built without thread safety");
    return std::unique_ptr<Driver>(std::make_unique<PostgresDriver>(options));
}

}  // namespace gantry::db
