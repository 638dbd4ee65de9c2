#include "gantry/turso/database_registry.hpp"

#include <filesystem>
#include <random>

#include "gantry/turso/local_database.hpp"
#include "gantry/turso/offline_database.hpp"
#include "gantry/turso/remote_database.hpp"
#include "gantry/turso/replica_database.hpp"

namespace gantry::turso {
namespace {

std::string NewTransactionId() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(rng()),
                  static_cast<unsigned long long>(rng()));
    return buf;
}

/// Serializes the calls of one transaction (two RPCs may use the same id at once).
class SerializedTransaction final : public Transaction {
public:
    explicit SerializedTransaction(std::unique_ptr<Transaction> inner) : inner_(std::move(inner)) {}
    StatusOr<StmtResult> Execute(const Stmt& stmt) override {
        std::lock_guard lock(mu_);
        return inner_->Execute(stmt);
    }
    Status Commit() override {
        std::lock_guard lock(mu_);
        return inner_->Commit();
    }
    Status Rollback() override {
        std::lock_guard lock(mu_);
        return inner_->Rollback();
    }

private:
    std::mutex mu_;
    std::unique_ptr<Transaction> inner_;
};

}  // namespace

DatabaseRegistry::DatabaseRegistry(std::string default_name, DatabaseFactory factory,
                                   std::chrono::milliseconds transaction_idle_timeout, Clock clock)
    : default_name_(std::move(default_name)),
      factory_(std::move(factory)),
      idle_timeout_(transaction_idle_timeout),
      clock_(std::move(clock)) {
    if (!clock_) clock_ = [] { return std::chrono::steady_clock::now(); };
}

std::vector<std::shared_ptr<Transaction>> DatabaseRegistry::TakeIdleLocked() {
    const auto now = clock_();
    std::vector<std::shared_ptr<Transaction>> idle;
    for (auto it = transactions_.begin(); it != transactions_.end();) {
        if (now - it->second.last_used > idle_timeout_) {
            idle.push_back(std::move(it->second.tx));
            it = transactions_.erase(it);
        } else {
            ++it;
        }
    }
    return idle;
}

StatusOr<std::unique_ptr<Database>> OpenDatabaseEngine(const DatabaseConfig& config) {
    if (config.mode != Mode::kRemote) {
        std::error_code ec;
        const auto dir = std::filesystem::path(config.path).parent_path();
        if (!dir.empty()) std::filesystem::create_directories(dir, ec);
        if (ec) return UnavailableError("cannot create directory '" + dir.string() + "': " + ec.message());
    }
    switch (config.mode) {
        case Mode::kLocal: {
            GANTRY_ASSIGN_OR_RETURN(auto db, LocalDatabase::Open(config));
            return std::unique_ptr<Database>(std::move(db));
        }
        case Mode::kRemote:
            return std::unique_ptr<Database>(new RemoteDatabase(config, RemoteEndpoint::Connect(config)));
        case Mode::kReplica: {
            GANTRY_ASSIGN_OR_RETURN(auto db, ReplicaDatabase::Open(config, RemoteEndpoint::Connect(config)));
            return std::unique_ptr<Database>(std::move(db));
        }
        case Mode::kOffline: {
            GANTRY_ASSIGN_OR_RETURN(auto db, OfflineDatabase::Open(config, RemoteEndpoint::Connect(config)));
            return std::unique_ptr<Database>(std::move(db));
        }
    }
    return InvalidArgumentError("unknown database mode");
}

StatusOr<std::shared_ptr<Database>> DatabaseRegistry::Open(const DatabaseConfig& config) {
    std::lock_guard lock(mu_);
    if (auto it = databases_.find(config.name); it != databases_.end()) {
        const auto& open = it->second->config();
        if (open.mode == config.mode && open.url == config.url && open.path == config.path) return it->second;
        return AlreadyExistsError("database '" + config.name + "' is already open as " + ModeName(open.mode) +
                                  (open.url.empty() ? "" : " of " + open.url) + "; close it first");
    }
    for (const auto& [name, db] : databases_) {
        if (!config.path.empty() && config.mode != Mode::kRemote && db->config().path == config.path) {
            return AlreadyExistsError("file '" + config.path + "' is already used by database '" + name + "'");
        }
    }
    GANTRY_ASSIGN_OR_RETURN(auto engine, factory_(config));
    std::shared_ptr<Database> db = std::move(engine);
    databases_[config.name] = db;
    return db;
}

Status DatabaseRegistry::Close(const std::string& name) {
    std::shared_ptr<Database> victim;
    {
        std::lock_guard lock(mu_);
        auto it = databases_.find(name);
        if (it == databases_.end()) return NotFoundError("database '" + name + "' is not open");
        victim = std::move(it->second);
        databases_.erase(it);
    }
    return Status::Ok();  // `victim` closes when its last user lets go
}

StatusOr<std::shared_ptr<Database>> DatabaseRegistry::Get(const std::string& name) const {
    std::lock_guard lock(mu_);
    const std::string& key = name.empty() ? default_name_ : name;
    if (auto it = databases_.find(key); it != databases_.end()) return it->second;
    std::string open;
    for (const auto& [n, db] : databases_) open += (open.empty() ? "" : ", ") + n;
    return NotFoundError("database '" + key + "' is not open" + (open.empty() ? "" : " (open: " + open + ")"))
        .WithReason("DATABASE_NOT_FOUND");
}

std::vector<std::shared_ptr<Database>> DatabaseRegistry::List() const {
    std::lock_guard lock(mu_);
    std::vector<std::shared_ptr<Database>> out;
    for (const auto& [name, db] : databases_) out.push_back(db);
    return out;
}

StatusOr<std::string> DatabaseRegistry::BeginTransaction(const std::string& database) {
    GANTRY_ASSIGN_OR_RETURN(auto db, Get(database));
    GANTRY_ASSIGN_OR_RETURN(auto tx, db->Begin());
    const std::string id = NewTransactionId();
    std::vector<std::shared_ptr<Transaction>> idle;  // destroyed (rolled back) after the lock is released
    std::lock_guard lock(mu_);
    idle = TakeIdleLocked();
    transactions_[id] = {std::make_shared<SerializedTransaction>(std::move(tx)), clock_()};
    return id;
}

StatusOr<std::shared_ptr<Transaction>> DatabaseRegistry::FindTransaction(const std::string& id) {
    std::vector<std::shared_ptr<Transaction>> idle;
    std::lock_guard lock(mu_);
    idle = TakeIdleLocked();
    auto it = transactions_.find(id);
    if (it == transactions_.end()) {
        return NotFoundError("transaction '" + id + "' is not open (it ended, was idle for more than " +
                             std::to_string(idle_timeout_.count() / 1000) + " s and was rolled back, or never existed)")
            .WithReason("TRANSACTION_NOT_FOUND");
    }
    it->second.last_used = clock_();
    return it->second.tx;
}

Status DatabaseRegistry::EndTransaction(const std::string& id, bool commit) {
    std::shared_ptr<Transaction> tx;
    std::vector<std::shared_ptr<Transaction>> idle;
    {
        std::lock_guard lock(mu_);
        idle = TakeIdleLocked();
        auto it = transactions_.find(id);
        if (it == transactions_.end()) {
            return NotFoundError("transaction '" + id + "' is not open (it ended or was rolled back after idling)")
                .WithReason("TRANSACTION_NOT_FOUND");
        }
        tx = std::move(it->second.tx);
        transactions_.erase(it);
    }
    return commit ? tx->Commit() : tx->Rollback();
}

void DatabaseRegistry::CloseAll() {
    std::map<std::string, OpenTransaction> transactions;
    std::map<std::string, std::shared_ptr<Database>> databases;
    {
        std::lock_guard lock(mu_);
        transactions.swap(transactions_);
        databases.swap(databases_);
    }
    transactions.clear();  // rolls back before the databases close
}

}  // namespace gantry::turso
