#pragma once
/// @file The open databases by name, and the interactive transactions open on them.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gantry/turso/database.hpp"

namespace gantry::turso {

/// Builds the engine for a configuration (the production factory is OpenDatabaseEngine).
using DatabaseFactory = std::function<StatusOr<std::unique_ptr<Database>>(const DatabaseConfig&)>;

/// Opens a database of any mode over libcurl and sqlite3; creates the file's directory.
StatusOr<std::unique_ptr<Database>> OpenDatabaseEngine(const DatabaseConfig& config);

class DatabaseRegistry final {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    /// Transactions idle longer than `transaction_idle_timeout` are rolled back (a forgotten local transaction
    /// would otherwise hold the write lock forever). `clock` is injectable for tests.
    DatabaseRegistry(std::string default_name, DatabaseFactory factory,
                     std::chrono::milliseconds transaction_idle_timeout = std::chrono::seconds(60), Clock clock = {});

    /// Opens `config`. The same name with the same mode, url and path again is a no-op; different settings
    /// under an open name are ALREADY_EXISTS.
    StatusOr<std::shared_ptr<Database>> Open(const DatabaseConfig& config);
    Status Close(const std::string& name);
    /// "" means the default database. NOT_FOUND names the databases that are open.
    StatusOr<std::shared_ptr<Database>> Get(const std::string& name) const;
    std::vector<std::shared_ptr<Database>> List() const;

    StatusOr<std::string> BeginTransaction(const std::string& database);
    /// The transaction, kept alive while the caller uses it; its calls are serialized.
    StatusOr<std::shared_ptr<Transaction>> FindTransaction(const std::string& id);
    Status EndTransaction(const std::string& id, bool commit);

    void CloseAll();

private:
    struct OpenTransaction {
        std::shared_ptr<Transaction> tx;
        std::chrono::steady_clock::time_point last_used;
    };
    /// Removes idle transactions; the caller destroys them (which rolls them back) after releasing mu_.
    std::vector<std::shared_ptr<Transaction>> TakeIdleLocked();

    std::string default_name_;
    DatabaseFactory factory_;
    std::chrono::milliseconds idle_timeout_;
    Clock clock_;
    mutable std::mutex mu_;
    std::map<std::string, std::shared_ptr<Database>> databases_;
    std::map<std::string, OpenTransaction> transactions_;
};

}  // namespace gantry::turso
