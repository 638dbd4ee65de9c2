#pragma once
/// @file Where rows go and come from between the core and the generated messages: an ExecuteResponse
/// capped at max_rows, StreamQuery chunks written as they fill, and BulkInsert rows read message by message.

#include <functional>

#include "gantry/db/connection.hpp"
#include "gantry/db/parameters.hpp"
#include "gantry/db/v1/database.pb.h"

namespace gantry::db {

/// Collects a result into an ExecuteResponse, keeping at most max_rows rows (then marks it truncated).
class ResponseSink final : public RowSink {
public:
    /// `may_cancel_rest`: the statement runs in its own read-only transaction that the caller rolls back
    /// after a truncation (see RowSink::may_cancel_rest).
    ResponseSink(v1::ExecuteResponse& resp, int64_t max_rows, bool may_cancel_rest = false)
        : resp_(resp), max_rows_(max_rows), may_cancel_rest_(may_cancel_rest) {}
    Status OnColumns(std::vector<Column> columns) override {
        for (auto& c : columns) *resp_.add_columns() = std::move(c);
        return Status::Ok();
    }
    bool OnRow(Row&& row) override {
        if (resp_.rows_size() >= max_rows_) {
            resp_.set_truncated(true);
            return false;
        }
        *resp_.add_rows() = std::move(row);
        return true;
    }
    bool may_cancel_rest() const override { return may_cancel_rest_; }

private:
    v1::ExecuteResponse& resp_;
    int64_t max_rows_;
    bool may_cancel_rest_;
};

// Sends a result in chunks of `chunk_rows`; memory holds one chunk.
class ChunkSink final : public RowSink {
public:
    ChunkSink(int chunk_rows, const std::function<bool(const v1::QueryChunk&)>& write)
        : chunk_rows_(chunk_rows), write_(write) {}
    Status OnColumns(std::vector<Column> columns) override {
        for (auto& c : columns) *chunk_.add_columns() = std::move(c);
        pending_columns_ = true;
        return Status::Ok();
    }
    bool OnRow(Row&& row) override {
        *chunk_.add_rows() = std::move(row);
        if (chunk_.rows_size() >= chunk_rows_) return Flush();
        return true;
    }
    /// Sends what is buffered (always once, so an empty result still reports its columns).
    bool Flush() {
        if (client_gone_) return false;
        if (chunk_.rows_size() == 0 && !pending_columns_ && sent_any_) return true;
        if (!write_(chunk_)) {
            client_gone_ = true;
            return false;
        }
        sent_any_ = true;
        pending_columns_ = false;
        chunk_.Clear();
        return true;
    }
    bool client_gone() const { return client_gone_; }

private:
    int chunk_rows_;
    const std::function<bool(const v1::QueryChunk&)>& write_;
    v1::QueryChunk chunk_;
    bool pending_columns_ = false;
    bool sent_any_ = false;
    bool client_gone_ = false;
};

// Reads BulkInsert rows from the client stream, message by message.
class StreamRowSource final : public RowSource {
public:
    StreamRowSource(v1::BulkInsertRequest first, size_t width, const std::function<bool(v1::BulkInsertRequest&)>& read)
        : message_(std::move(first)), width_(width), read_(read) {}
    bool Next(Row& row, Status& status) override {
        while (next_ >= message_.rows_size()) {
            if (!read_(message_)) return false;
            next_ = 0;
        }
        row = std::move(*message_.mutable_rows(next_++));
        ++count_;
        if (static_cast<size_t>(row.values_size()) != width_) {
            status = InvalidArgumentError("row " + std::to_string(count_) + " has " + std::to_string(row.values_size()) +
                                          " values but " + std::to_string(width_) + " columns were named");
            return false;
        }
        for (int i = 0; i < row.values_size(); ++i) {
            status = ValidateValue(row.values(i), "row " + std::to_string(count_) + " value " + std::to_string(i + 1));
            if (!status.ok()) return false;
        }
        return true;
    }

private:
    v1::BulkInsertRequest message_;
    size_t width_;
    const std::function<bool(v1::BulkInsertRequest&)>& read_;
    int next_ = 0;
    int64_t count_ = 0;
};

}  // namespace gantry::db
