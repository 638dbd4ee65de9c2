#pragma once
/// @file Conversions between gantry.turso.v1 messages and the core's Hrana data model.

#include "gantry/common/status.hpp"
#include "gantry/turso/database.hpp"
#include "gantry/turso/v1/turso.pb.h"

namespace gantry::turso {

/// Values: null, bool (as 0/1), int64, double, text, bytes, decimal/json/uuid (as text). Timestamps, dates
/// and times are refused with INVALID_ARGUMENT (SQLite has no such type; send text or integers).
StatusOr<Value> ValueFromProto(const common::v1::Value& v);
void ValueToProto(const Value& v, common::v1::Value* out);

StatusOr<Stmt> StmtFromProto(const v1::Statement& s);
StatusOr<Batch> BatchFromProto(const v1::BatchRequest& req);
StatusOr<BatchCond> ConditionFromProto(const v1::BatchCondition& c, size_t step_index);

void ResultToProto(const StmtResult& r, v1::StatementResult* out);
void BatchResultToProto(const BatchResult& r, v1::BatchResponse* out);
v1::ServedBy ServedToProto(Served s);
v1::DatabaseMode ModeToProto(Mode m);
StatusOr<Mode> ModeFromProto(v1::DatabaseMode m);
void ReportToProto(const SyncReport& r, v1::SyncResponse* out);

}  // namespace gantry::turso
