#include "sqlite_values.hpp"

#include <cctype>
#include <string_view>

#include "gantry/db/type_mapping.hpp"

namespace gantry::db::sqlite {
namespace {

using common::v1::Value;
using common::v1::ValueType;

std::string Upper(const char* text) {
    std::string out = text ? text : "";
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool Has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

std::string_view Text(sqlite3_stmt* stmt, int i) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
    return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt, i))) : std::string_view();
}

int BindText(sqlite3_stmt* stmt, int index, const std::string& text) {
    return sqlite3_bind_text64(stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

}  // namespace

ValueType DeclaredType(const char* decltype_text) {
    const std::string t = Upper(decltype_text);
    if (t.empty()) return common::v1::VALUE_TYPE_UNSPECIFIED;
    if (Has(t, "BOOL")) return common::v1::VALUE_TYPE_BOOL;
    if (Has(t, "INT")) return common::v1::VALUE_TYPE_INT64;
    if (Has(t, "TIMESTAMP") || Has(t, "DATETIME")) return common::v1::VALUE_TYPE_TIMESTAMP;
    if (Has(t, "DATE")) return common::v1::VALUE_TYPE_DATE;
    if (Has(t, "TIME")) return common::v1::VALUE_TYPE_TIME;
    if (Has(t, "JSON")) return common::v1::VALUE_TYPE_JSON;
    if (Has(t, "UUID")) return common::v1::VALUE_TYPE_UUID;
    if (Has(t, "CHAR") || Has(t, "CLOB") || Has(t, "TEXT")) return common::v1::VALUE_TYPE_TEXT;
    if (Has(t, "BLOB")) return common::v1::VALUE_TYPE_BYTES;
    if (Has(t, "REAL") || Has(t, "FLOA") || Has(t, "DOUB")) return common::v1::VALUE_TYPE_DOUBLE;
    if (Has(t, "DEC") || Has(t, "NUMERIC")) return common::v1::VALUE_TYPE_DECIMAL;
    return common::v1::VALUE_TYPE_UNSPECIFIED;
}

std::pair<ValueType, const char*> StorageClass(int sqlite_type) {
    switch (sqlite_type) {
        case SQLITE_INTEGER: return {common::v1::VALUE_TYPE_INT64, "INTEGER"};
        case SQLITE_FLOAT: return {common::v1::VALUE_TYPE_DOUBLE, "REAL"};
        case SQLITE_TEXT: return {common::v1::VALUE_TYPE_TEXT, "TEXT"};
        case SQLITE_BLOB: return {common::v1::VALUE_TYPE_BYTES, "BLOB"};
        default: return {common::v1::VALUE_TYPE_NULL, "NULL"};
    }
}

Value ReadValue(sqlite3_stmt* stmt, int i, ValueType declared) {
    Value v;
    switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_NULL:
            v.set_null_value(google::protobuf::NULL_VALUE);
            break;
        case SQLITE_INTEGER: {
            const auto n = sqlite3_column_int64(stmt, i);
            if (declared == common::v1::VALUE_TYPE_BOOL && (n == 0 || n == 1)) {
                v.set_bool_value(n == 1);
            } else if (declared == common::v1::VALUE_TYPE_DECIMAL) {
                v.set_decimal_value(std::to_string(n));
            } else {
                v.set_int64_value(n);
            }
            break;
        }
        case SQLITE_FLOAT:
            // SQLite keeps DECIMAL columns as REAL (15 significant digits); exact decimals need a TEXT column.
            if (declared == common::v1::VALUE_TYPE_DECIMAL) {
                v.set_decimal_value(FormatDouble(sqlite3_column_double(stmt, i)));
            } else {
                v.set_double_value(sqlite3_column_double(stmt, i));
            }
            break;
        case SQLITE_BLOB: {
            const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, i));
            v.set_bytes_value(p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt, i))) : std::string());
            break;
        }
        default: {
            const auto text = Text(stmt, i);
            switch (declared) {
                case common::v1::VALUE_TYPE_TIMESTAMP:
                    if (auto ts = ParseTimestamp(text)) {
                        *v.mutable_timestamp_value() = *ts;
                        return v;
                    }
                    break;
                case common::v1::VALUE_TYPE_DATE:
                    if (auto d = ParseDate(text)) {
                        *v.mutable_date_value() = *d;
                        return v;
                    }
                    break;
                case common::v1::VALUE_TYPE_TIME:
                    if (auto t = ParseTime(text)) {
                        *v.mutable_time_value() = *t;
                        return v;
                    }
                    break;
                case common::v1::VALUE_TYPE_JSON:
                    v.set_json_value(std::string(text));
                    return v;
                case common::v1::VALUE_TYPE_UUID:
                    if (IsUuidText(text)) {
                        v.set_uuid_value(std::string(text));
                        return v;
                    }
                    break;
                case common::v1::VALUE_TYPE_DECIMAL:
                    if (IsDecimalText(text)) {
                        v.set_decimal_value(std::string(text));
                        return v;
                    }
                    break;
                default:
                    break;
            }
            v.set_text_value(std::string(text));
        }
    }
    return v;
}

int BindValue(sqlite3_stmt* stmt, int index, const Value& value) {
    switch (value.kind_case()) {
        case Value::kBoolValue: return sqlite3_bind_int64(stmt, index, value.bool_value() ? 1 : 0);
        case Value::kInt64Value: return sqlite3_bind_int64(stmt, index, value.int64_value());
        case Value::kDoubleValue: return sqlite3_bind_double(stmt, index, value.double_value());
        case Value::kDecimalValue: return BindText(stmt, index, value.decimal_value());
        case Value::kTextValue: return BindText(stmt, index, value.text_value());
        case Value::kBytesValue:
            return sqlite3_bind_blob64(stmt, index, value.bytes_value().data(), value.bytes_value().size(),
                                       SQLITE_TRANSIENT);
        case Value::kTimestampValue: return BindText(stmt, index, FormatTimestamp(value.timestamp_value(), true));
        case Value::kDateValue: return BindText(stmt, index, FormatDate(value.date_value()));
        case Value::kTimeValue: return BindText(stmt, index, FormatTime(value.time_value()));
        case Value::kJsonValue: return BindText(stmt, index, value.json_value());
        case Value::kUuidValue: {
            std::string lower = value.uuid_value();
            for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return BindText(stmt, index, lower);
        }
        default: return sqlite3_bind_null(stmt, index);
    }
}

Status SqliteError(sqlite3* db, int rc, const std::string& context) {
    const int extended = db ? sqlite3_extended_errcode(db) : rc;
    const std::string message = context + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    Status st;
    switch (rc & 0xff) {
        case SQLITE_CONSTRAINT:
            if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
                st = AlreadyExistsError(message).WithReason("UNIQUE_VIOLATION");
            } else if (extended == SQLITE_CONSTRAINT_FOREIGNKEY) {
                st = FailedPreconditionError(message).WithReason("FOREIGN_KEY_VIOLATION");
            } else if (extended == SQLITE_CONSTRAINT_NOTNULL) {
                st = FailedPreconditionError(message).WithReason("NOT_NULL_VIOLATION");
            } else {
                st = FailedPreconditionError(message).WithReason("INTEGRITY_CONSTRAINT_VIOLATION");
            }
            break;
        case SQLITE_BUSY:
        case SQLITE_LOCKED: st = AbortedError(message).WithReason("DATABASE_LOCKED"); break;
        case SQLITE_READONLY: st = PermissionDeniedError(message).WithReason("READ_ONLY_TRANSACTION"); break;
        case SQLITE_INTERRUPT: st = CancelledError(message).WithReason("QUERY_CANCELED"); break;
        case SQLITE_FULL: st = ResourceExhaustedError(message).WithReason("DISK_FULL"); break;
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB: st = DataLossError(message).WithReason("DATABASE_CORRUPT"); break;
        case SQLITE_CANTOPEN:
        case SQLITE_IOERR:
        case SQLITE_PERM: st = UnavailableError(message).WithReason("DATABASE_UNAVAILABLE"); break;
        case SQLITE_TOOBIG:
        case SQLITE_MISMATCH:
        case SQLITE_RANGE: st = InvalidArgumentError(message).WithReason("DATA_EXCEPTION"); break;
        default:
            if (message.find("no such table") != std::string::npos) {
                st = NotFoundError(message).WithReason("UNDEFINED_TABLE");
            } else {
                st = InvalidArgumentError(message).WithReason("SQL_ERROR");
            }
    }
    return std::move(st).WithMetadata("sqlite_code", std::to_string(extended));
}

}  // namespace gantry::db::sqlite
