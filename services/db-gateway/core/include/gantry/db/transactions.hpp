#pragma once
/// @file Transactions that span calls: each id pins one pooled connection until Commit or Rollback, or
/// until it sits idle past its timeout, when it is rolled back and its connection returned.

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "gantry/common/status.hpp"
#include "gantry/db/pool.hpp"

namespace gantry::db {

struct Transaction {
    std::string id;
    std::string database;
    bool read_only = false;
    std::chrono::milliseconds idle_timeout{0};
    std::timed_mutex busy;  // one call at a time
    Lease lease;
    std::chrono::steady_clock::time_point last_used;
};

class TransactionRegistry final {
public:
    using Clock = std::chrono::steady_clock;

    /// Registers an open transaction under a fresh unguessable id, which it returns.
    std::string Add(std::shared_ptr<Transaction> tx);

    /// Locks the transaction for one call, waiting at most `wait`. Unknown id -> NOT_FOUND; an id the gateway
    /// rolled back for idling -> ABORTED saying so (retrying the whole transaction is safe: nothing of it
    /// committed); an id ended by Commit/Rollback or a lost connection -> FAILED_PRECONDITION (TRANSACTION_ENDED),
    /// since a retry of the whole transaction could apply its writes twice.
    StatusOr<std::shared_ptr<Transaction>> Lock(const std::string& id, std::chrono::milliseconds wait);
    /// Ends a call started with Lock (refreshes the idle clock).
    void Unlock(Transaction& tx);
    /// Removes a locked transaction (after Commit/Rollback or when its connection broke).
    void Remove(Transaction& tx, const std::string& why);

    /// Rolls back and releases transactions idle past their timeout; returns how many.
    int ReapIdle(Clock::time_point now = Clock::now());
    /// Rolls back every transaction (shutdown).
    void RollbackAll();

    std::map<std::string, int> OpenPerDatabase() const;

private:
    struct Ended {
        std::string why;
        bool idle_rollback = false;  // the gateway rolled it back for idling (not the client's Commit/Rollback)
    };
    void RememberEnded(const std::string& id, Ended ended);  // needs mu_
    static Status EndedError(const std::string& id, const Ended& ended);

    mutable std::mutex mu_;
    std::map<std::string, std::shared_ptr<Transaction>> open_;
    std::map<std::string, Ended> ended_;  // recently ended ids -> why, for clear errors (bounded)
};

}  // namespace gantry::db
