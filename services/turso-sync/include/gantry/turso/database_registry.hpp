#pragma once
/// @file The open databases by name, and the interactive transactions open on them.

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
    DatabaseRegistry(std::string default_name, DatabaseFactory factory)
        : default_name_(std::move(default_name)), factory_(std::move(factory)) {}

    /// Opens `config`. The same name with the same mode, url and path again is a no-op; different settings
    /// under an open name are ALREADY_EXISTS.
    StatusOr<std::shared_ptr<Database>> Open(const DatabaseConfig& config);
    Status Close(const std::string& name);
    /// "" means the default database. NOT_FOUND names the databases that are open.
    StatusOr<std::shared_ptr<Database>> Get(const std::string& name) const;
    std::vector<std::shared_ptr<Database>> List() const;

    StatusOr<std::string> BeginTransaction(const std::string& database);
    /// The transaction, kept alive while the caller uses it.
    StatusOr<std::shared_ptr<Transaction>> FindTransaction(const std::string& id) const;
    Status EndTransaction(const std::string& id, bool commit);

    void CloseAll();

private:
    std::string default_name_;
    DatabaseFactory factory_;
    mutable std::mutex mu_;
    std::map<std::string, std::shared_ptr<Database>> databases_;
    std::map<std::string, std::shared_ptr<Transaction>> transactions_;
};

}  // namespace gantry::turso
