#pragma once
/// @file A per-connection prepared-statement cache keyed by SQL text: LRU-bounded, entries expire after
/// a TTL, and evicted entries are handed back so the backend can free them on the server.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace gantry::db {

/// Counters shared by every connection of one database (exported as metrics).
struct StatementCacheCounters {
    std::atomic<int64_t> hits{0};
    std::atomic<int64_t> misses{0};
    std::atomic<int64_t> evictions{0};
    std::atomic<int64_t> reprepares{0};
};

struct StatementCacheOptions {
    size_t capacity = 256;
    std::chrono::milliseconds ttl{std::chrono::minutes(10)};
};

template <typename Handle>
class StatementCache final {
public:
    using Clock = std::chrono::steady_clock;
    using Evict = std::function<void(Handle&)>;

    StatementCache(StatementCacheOptions options, StatementCacheCounters* counters, Evict on_evict)
        : options_(options), counters_(counters), on_evict_(std::move(on_evict)) {}
    ~StatementCache() { Clear(); }
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    /// The cached handle for `sql`, or nullptr (a miss; expired entries are evicted first).
    Handle* Find(const std::string& sql, Clock::time_point now = Clock::now()) {
        auto it = index_.find(sql);
        if (it == index_.end() || now - it->second->used_at > options_.ttl) {
            if (it != index_.end()) EvictEntry(it->second);
            Count(&StatementCacheCounters::misses);
            return nullptr;
        }
        it->second->used_at = now;
        entries_.splice(entries_.begin(), entries_, it->second);
        Count(&StatementCacheCounters::hits);
        return &it->second->handle;
    }

    /// Caches `handle` for `sql` (replacing any entry), evicting the least recently used beyond capacity.
    Handle& Insert(const std::string& sql, Handle handle, Clock::time_point now = Clock::now()) {
        if (auto it = index_.find(sql); it != index_.end()) EvictEntry(it->second);
        entries_.push_front(Entry{sql, std::move(handle), now});
        index_[sql] = entries_.begin();
        while (entries_.size() > options_.capacity) EvictEntry(std::prev(entries_.end()));
        return entries_.front().handle;
    }

    /// Drops `sql`'s entry, e.g. when the server says the statement is gone; the handle is not freed
    /// on the server when `server_side_gone` is true.
    void Erase(const std::string& sql, bool server_side_gone) {
        auto it = index_.find(sql);
        if (it == index_.end()) return;
        if (!server_side_gone) on_evict_(it->second->handle);
        entries_.erase(it->second);
        index_.erase(it);
    }

    /// Frees every entry.
    void Clear() {
        for (auto& e : entries_) on_evict_(e.handle);
        entries_.clear();
        index_.clear();
    }

    /// Forgets every entry without freeing it (the server already did, e.g. after a reconnect).
    void Forget() {
        entries_.clear();
        index_.clear();
    }

    size_t size() const { return entries_.size(); }

private:
    struct Entry {
        std::string sql;
        Handle handle;
        Clock::time_point used_at;
    };
    using Iter = typename std::list<Entry>::iterator;

    void EvictEntry(Iter it) {
        on_evict_(it->handle);
        Count(&StatementCacheCounters::evictions);
        index_.erase(it->sql);
        entries_.erase(it);
    }
    void Count(std::atomic<int64_t> StatementCacheCounters::*member) {
        if (counters_) (counters_->*member).fetch_add(1, std::memory_order_relaxed);
    }

    StatementCacheOptions options_;
    StatementCacheCounters* counters_;
    Evict on_evict_;
    std::list<Entry> entries_;
    std::unordered_map<std::string, Iter> index_;
};

}  // namespace gantry::db
