#pragma once
/// @file Builds the one Hrana batch that pushes queued changes, and reads its outcome.
///
///   0 BEGIN
///   1 CREATE TABLE IF NOT EXISTS turso_sync_last_change_id (...)     if ok(0)
///   2..n  the change statements, each                                 if ok(previous)
///   n+1 upsert (client_id, last change id) into the marker table       if ok(n)
///   n+2 COMMIT                                                         if ok(n+1)
///   n+3 ROLLBACK                                                       if ok(0) and not ok(n+2)
/// So COMMIT runs only when every step succeeded; otherwise the remote rolls back and nothing is half-applied
/// (Turso's own client conditions COMMIT on `not is_autocommit` and can commit a partial batch).

#include <cstdint>
#include <string>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/turso/hrana_types.hpp"

namespace gantry::turso {

/// The statement asking the remote how far this client's pushes got (0 when the table does not exist).
Stmt LastPushedQuery(const std::string& client_id);
/// Reads that statement's outcome: the change id, 0 for "no such table" or no row, else the error.
StatusOr<int64_t> ParseLastPushed(const StatusOr<StmtResult>& outcome);

struct PushPlan {
    Batch batch;
    size_t commit_step = 0;
    size_t first_change_step = 0;
    size_t change_count = 0;
};

/// An empty `client_id` leaves out the marker table (a one-off import).
PushPlan BuildPushBatch(const std::vector<Stmt>& changes, const std::string& client_id, int64_t last_change_id);

/// OK when COMMIT ran and succeeded; else ABORTED naming the first failed step and its statement.
Status CheckPushOutcome(const PushPlan& plan, const BatchResult& result);

}  // namespace gantry::turso
