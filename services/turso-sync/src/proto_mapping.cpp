#include "proto_mapping.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace gantry::turso {
namespace {

common::v1::ValueType TypeFromDecltype(const std::optional<std::string>& decl) {
    if (!decl) return common::v1::VALUE_TYPE_UNSPECIFIED;
    std::string d = *decl;
    std::transform(d.begin(), d.end(), d.begin(), [](unsigned char c) { return std::toupper(c); });
    if (d.find("INT") != std::string::npos) return common::v1::VALUE_TYPE_INT64;
    if (d.find("CHAR") != std::string::npos || d.find("CLOB") != std::string::npos ||
        d.find("TEXT") != std::string::npos) {
        return common::v1::VALUE_TYPE_TEXT;
    }
    if (d.find("BLOB") != std::string::npos) return common::v1::VALUE_TYPE_BYTES;
    if (d.find("REAL") != std::string::npos || d.find("FLOA") != std::string::npos ||
        d.find("DOUB") != std::string::npos) {
        return common::v1::VALUE_TYPE_DOUBLE;
    }
    return common::v1::VALUE_TYPE_UNSPECIFIED;
}

}  // namespace

StatusOr<Value> ValueFromProto(const common::v1::Value& v) {
    using K = common::v1::Value::KindCase;
    switch (v.kind_case()) {
        case K::kNullValue:
            return Value{Null{}};
        case K::kBoolValue:
            return Value{int64_t{v.bool_value() ? 1 : 0}};
        case K::kInt64Value:
            return Value{v.int64_value()};
        case K::kDoubleValue:
            return Value{v.double_value()};
        case K::kTextValue:
            return Value{v.text_value()};
        case K::kBytesValue:
            return Value{Blob(v.bytes_value().begin(), v.bytes_value().end())};
        case K::kDecimalValue:
            return Value{v.decimal_value()};
        case K::kJsonValue:
            return Value{v.json_value()};
        case K::kUuidValue:
            return Value{v.uuid_value()};
        case K::KIND_NOT_SET:
            return InvalidArgumentError("a parameter Value has no member set (use null_value for NULL)");
        default:
            return InvalidArgumentError(
                "SQLite has no timestamp, date or time type; pass such parameters as text "
                "(ISO 8601) or integers");
    }
}

void ValueToProto(const Value& v, common::v1::Value* out) {
    struct Visitor {
        common::v1::Value* out;
        void operator()(Null) const { out->set_null_value(google::protobuf::NULL_VALUE); }
        void operator()(int64_t x) const { out->set_int64_value(x); }
        void operator()(double x) const { out->set_double_value(x); }
        void operator()(const std::string& x) const { out->set_text_value(x); }
        void operator()(const Blob& x) const { out->set_bytes_value(std::string(x.begin(), x.end())); }
    };
    std::visit(Visitor{out}, v);
}

StatusOr<Stmt> StmtFromProto(const v1::Statement& s) {
    if (s.sql().empty()) return InvalidArgumentError("statement.sql is empty");
    Stmt out;
    out.sql = s.sql();
    for (int i = 0; i < s.args_size(); ++i) {
        auto v = ValueFromProto(s.args(i));
        if (!v.ok()) return Status(v.status()).Annotate("args[" + std::to_string(i) + "]: ");
        out.args.push_back(std::move(*v));
    }
    for (const auto& named : s.named_args()) {
        if (named.name().empty() || !std::strchr(":@$", named.name()[0])) {
            return InvalidArgumentError("named argument '" + named.name() + "' must start with ':', '@' or '$'");
        }
        GANTRY_ASSIGN_OR_RETURN(auto v, ValueFromProto(named.value()));
        out.named_args.push_back({named.name(), std::move(v)});
    }
    return out;
}

StatusOr<BatchCond> ConditionFromProto(const v1::BatchCondition& c, size_t step_index) {
    using K = v1::BatchCondition::KindCase;
    auto earlier = [&](uint32_t step) -> Status {
        if (step >= step_index) {
            return InvalidArgumentError("step " + std::to_string(step_index) + " has a condition on step " +
                                        std::to_string(step) + ", which does not run before it");
        }
        return Status::Ok();
    };
    auto list = [&](const v1::BatchCondition::List& l) -> StatusOr<std::vector<BatchCond>> {
        std::vector<BatchCond> out;
        for (const auto& sub : l.conditions()) {
            GANTRY_ASSIGN_OR_RETURN(auto c2, ConditionFromProto(sub, step_index));
            out.push_back(std::move(c2));
        }
        return out;
    };
    switch (c.kind_case()) {
        case K::kOk:
            GANTRY_RETURN_IF_ERROR(earlier(c.ok()));
            return BatchCond::Ok(c.ok());
        case K::kError:
            GANTRY_RETURN_IF_ERROR(earlier(c.error()));
            return BatchCond::Error(c.error());
        case K::kNot: {
            GANTRY_ASSIGN_OR_RETURN(auto inner, ConditionFromProto(c.not_(), step_index));
            return BatchCond::Not(std::move(inner));
        }
        case K::kAnd: {
            GANTRY_ASSIGN_OR_RETURN(auto l, list(c.and_()));
            return BatchCond::And(std::move(l));
        }
        case K::kOr: {
            GANTRY_ASSIGN_OR_RETURN(auto l, list(c.or_()));
            return BatchCond::Or(std::move(l));
        }
        case K::kIsAutocommit:
            return c.is_autocommit() ? BatchCond::IsAutocommit() : BatchCond::Not(BatchCond::IsAutocommit());
        case K::KIND_NOT_SET:
            break;
    }
    return InvalidArgumentError("step " + std::to_string(step_index) + " has an empty condition");
}

StatusOr<Batch> BatchFromProto(const v1::BatchRequest& req) {
    if (req.steps_size() == 0) return InvalidArgumentError("a batch needs at least one step");
    Batch batch;
    for (int i = 0; i < req.steps_size(); ++i) {
        BatchStep step;
        auto stmt = StmtFromProto(req.steps(i).statement());
        if (!stmt.ok()) return Status(stmt.status()).Annotate("steps[" + std::to_string(i) + "]: ");
        step.stmt = std::move(*stmt);
        if (req.steps(i).has_condition()) {
            GANTRY_ASSIGN_OR_RETURN(auto cond, ConditionFromProto(req.steps(i).condition(), static_cast<size_t>(i)));
            step.condition = std::move(cond);
        }
        batch.steps.push_back(std::move(step));
    }
    return batch;
}

void ResultToProto(const StmtResult& r, v1::StatementResult* out) {
    for (const auto& col : r.cols) {
        auto* c = out->add_columns();
        c->set_name(col.name);
        c->set_type(TypeFromDecltype(col.decltype_));
        c->set_database_type(col.decltype_.value_or(""));
        c->set_nullable(true);
    }
    for (const auto& row : r.rows) {
        auto* pr = out->add_rows();
        for (const auto& v : row) ValueToProto(v, pr->add_values());
    }
    out->set_affected_row_count(r.affected_row_count);
    if (r.last_insert_rowid) out->set_last_insert_rowid(*r.last_insert_rowid);
}

void BatchResultToProto(const BatchResult& r, v1::BatchResponse* out) {
    for (const auto& step : r.steps) {
        auto* s = out->add_steps();
        if (step.result) {
            ResultToProto(*step.result, s->mutable_result());
        } else if (step.error) {
            s->set_error(step.error->message);
        } else {
            s->set_skipped(true);
        }
    }
}

v1::ServedBy ServedToProto(Served s) { return s == Served::kLocal ? v1::SERVED_BY_LOCAL : v1::SERVED_BY_REMOTE; }

v1::DatabaseMode ModeToProto(Mode m) {
    switch (m) {
        case Mode::kLocal:
            return v1::DATABASE_MODE_LOCAL;
        case Mode::kRemote:
            return v1::DATABASE_MODE_REMOTE;
        case Mode::kReplica:
            return v1::DATABASE_MODE_REPLICA;
        case Mode::kOffline:
            return v1::DATABASE_MODE_OFFLINE;
    }
    return v1::DATABASE_MODE_UNSPECIFIED;
}

StatusOr<Mode> ModeFromProto(v1::DatabaseMode m) {
    switch (m) {
        case v1::DATABASE_MODE_LOCAL:
            return Mode::kLocal;
        case v1::DATABASE_MODE_REMOTE:
            return Mode::kRemote;
        case v1::DATABASE_MODE_REPLICA:
            return Mode::kReplica;
        case v1::DATABASE_MODE_OFFLINE:
            return Mode::kOffline;
        default:
            return InvalidArgumentError("mode is required: LOCAL, REMOTE, REPLICA or OFFLINE");
    }
}

void ReportToProto(const SyncReport& r, v1::SyncResponse* out) {
    out->set_pages_pulled(r.pages_pulled);
    out->set_changes_pushed(r.changes_pushed);
    out->set_revision(r.revision);
    out->set_duration_ms(r.duration_ms);
}

}  // namespace gantry::turso
