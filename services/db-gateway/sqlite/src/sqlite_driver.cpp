#include "gantry/db/sqlite_driver.hpp"

#include <sqlite3.h>

#include "sqlite_connection.hpp"

namespace gantry::db {
namespace {

class SqliteDriver final : public Driver {
public:
    explicit SqliteDriver(DriverOptions options) : options_(std::move(options)) {}
    const char* name() const override { return "sqlite"; }
    Dialect dialect() const override { return Dialect::kSqlite; }
    StatusOr<std::unique_ptr<Connection>> Connect() override { return sqlite::SqliteConnection::Open(options_); }

private:
    DriverOptions options_;
};

}  // namespace

StatusOr<std::unique_ptr<Driver>> MakeSqliteDriver(const DriverOptions& options) {
    if (options.dsn.empty()) return InvalidArgumentError("sqlite needs dsn: the database file path");
    if (!sqlite3_threadsafe()) return FailedPreconditionError("the SQLite library was built without thread support");
    return std::unique_ptr<Driver>(std::make_unique<SqliteDriver>(options));
}

}  // namespace gantry::db
