#include "gantry/db/transactions.hpp"

#include <spdlog/spdlog.h>

#include <random>
#include <vector>

#include "gantry/db/type_mapping.hpp"

namespace gantry::db {
namespace {

constexpr size_t kRememberEnded = 4096;

std::string NewTransactionId() {
    std::random_device rd;  // the kernel's CSPRNG on Linux
    std::string bytes(16, '\0');
    for (size_t i = 0; i < bytes.size(); i += 4) {
        const auto v = rd();
        for (size_t j = 0; j < 4; ++j) bytes[i + j] = static_cast<char>(v >> (8 * j));
    }
    return "tx_" + HexEncode(bytes);
}

}  // namespace

void TransactionRegistry::RememberEnded(const std::string& id, Ended ended) {
    if (ended_.size() >= kRememberEnded) ended_.erase(ended_.begin());
    ended_[id] = std::move(ended);
}

Status TransactionRegistry::EndedError(const std::string& id, const Ended& ended) {
    const std::string message = "transaction '" + id + "' is no longer open: " + ended.why;
    // Only a transaction the gateway rolled back is ABORTED ("retry the transaction"): nothing of it committed.
    // One the client already committed or rolled back (or whose connection was lost, perhaps during COMMIT) is
    // FAILED_PRECONDITION (docs/error-codes.md): retrying it whole could apply its writes twice.
    if (ended.idle_rollback) return AbortedError(message).WithReason("TRANSACTION_ENDED");
    return FailedPreconditionError(message).WithReason("TRANSACTION_ENDED");
}

std::string TransactionRegistry::Add(std::shared_ptr<Transaction> tx) {
    std::lock_guard lock(mu_);
    tx->id = NewTransactionId();
    tx->last_used = Clock::now();
    open_[tx->id] = tx;
    return tx->id;
}

StatusOr<std::shared_ptr<Transaction>> TransactionRegistry::Lock(const std::string& id,
                                                                  std::chrono::milliseconds wait) {
    std::shared_ptr<Transaction> tx;
    {
        std::lock_guard lock(mu_);
        if (auto it = open_.find(id); it != open_.end()) {
            tx = it->second;
        } else if (auto ended = ended_.find(id); ended != ended_.end()) {
            return EndedError(id, ended->second);
        } else {
            return NotFoundError("transaction '" + id + "' does not exist (ids come from BeginTransaction)")
                .WithReason("TRANSACTION_NOT_FOUND");
        }
    }
    if (!tx->busy.try_lock_for(wait)) {
        return FailedPreconditionError("transaction '" + id + "' is busy with another call; calls within one " +
                                       "transaction run one at a time")
            .WithReason("TRANSACTION_BUSY");
    }
    std::lock_guard lock(mu_);
    if (!open_.count(id)) {  // reaped while we waited
        tx->busy.unlock();
        return EndedError(id, ended_[id]);
    }
    return tx;
}

void TransactionRegistry::Unlock(Transaction& tx) {
    {
        std::lock_guard lock(mu_);
        tx.last_used = Clock::now();
    }
    tx.busy.unlock();
}

void TransactionRegistry::Remove(Transaction& tx, const std::string& why) {
    std::lock_guard lock(mu_);
    open_.erase(tx.id);
    RememberEnded(tx.id, {why, false});
}

int TransactionRegistry::ReapIdle(Clock::time_point now) {
    std::vector<std::shared_ptr<Transaction>> expired;
    {
        std::lock_guard lock(mu_);
        for (auto it = open_.begin(); it != open_.end();) {
            auto& tx = it->second;
            if (now - tx->last_used >= tx->idle_timeout && tx->busy.try_lock()) {
                expired.push_back(tx);
                RememberEnded(tx->id, {"rolled back after " + std::to_string(tx->idle_timeout.count()) +
                                           " ms without a call",
                                       true});
                it = open_.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (auto& tx : expired) {
        spdlog::info("database '{}': rolling back transaction {} after {} ms idle", tx->database, tx->id,
                     tx->idle_timeout.count());
        if (auto st = tx->lease->Rollback(); !st.ok()) {
            spdlog::warn("database '{}': rollback of idle transaction failed: {}", tx->database, st.message());
        }
        tx->lease = Lease();  // back to the pool, which resets the session
        tx->busy.unlock();
    }
    return static_cast<int>(expired.size());
}

void TransactionRegistry::RollbackAll() {
    std::map<std::string, std::shared_ptr<Transaction>> all;
    {
        std::lock_guard lock(mu_);
        all.swap(open_);
    }
    for (auto& [id, tx] : all) {
        std::lock_guard busy(tx->busy);
        if (tx->lease) (void)tx->lease->Rollback();
        tx->lease = Lease();
    }
}

std::map<std::string, int> TransactionRegistry::OpenPerDatabase() const {
    std::lock_guard lock(mu_);
    std::map<std::string, int> out;
    for (const auto& [id, tx] : open_) ++out[tx->database];
    return out;
}

}  // namespace gantry::db
