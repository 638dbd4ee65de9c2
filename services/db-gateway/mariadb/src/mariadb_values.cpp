#include "mariadb_values.hpp"

#include <cctype>
#include <climits>
#include <cstring>

#include "gantry/db/type_mapping.hpp"

namespace gantry::db::mariadb {
namespace {

using common::v1::Value;

std::string FieldAttr(const MYSQL_FIELD& field, mariadb_field_attr_t which) {
    MARIADB_CONST_STRING attr{nullptr, 0};
    if (mariadb_field_attr(&attr, &field, which) != 0 || attr.str == nullptr) return "";
    std::string out(attr.str, attr.length);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool IsBinary(const MYSQL_FIELD& field) { return field.charsetnr == 63; }

}  // namespace

common::v1::ValueType ColumnType(const MYSQL_FIELD& field) {
    if (FieldAttr(field, MARIADB_FIELD_ATTR_FORMAT_NAME) == "json") return common::v1::VALUE_TYPE_JSON;
    if (FieldAttr(field, MARIADB_FIELD_ATTR_DATA_TYPE_NAME) == "uuid") return common::v1::VALUE_TYPE_UUID;
    switch (field.type) {
        case MYSQL_TYPE_TINY:
        case MYSQL_TYPE_SHORT:
        case MYSQL_TYPE_LONG:
        case MYSQL_TYPE_INT24:
        case MYSQL_TYPE_YEAR:
            return common::v1::VALUE_TYPE_INT64;
        case MYSQL_TYPE_LONGLONG:
            // BIGINT UNSIGNED can exceed int64; it travels as an exact decimal.
            return (field.flags & UNSIGNED_FLAG) ? common::v1::VALUE_TYPE_DECIMAL : common::v1::VALUE_TYPE_INT64;
        case MYSQL_TYPE_FLOAT:
        case MYSQL_TYPE_DOUBLE:
            return common::v1::VALUE_TYPE_DOUBLE;
        case MYSQL_TYPE_DECIMAL:
        case MYSQL_TYPE_NEWDECIMAL:
            return common::v1::VALUE_TYPE_DECIMAL;
        case MYSQL_TYPE_DATE:
        case MYSQL_TYPE_NEWDATE:
            return common::v1::VALUE_TYPE_DATE;
        case MYSQL_TYPE_TIME:
        case MYSQL_TYPE_TIME2:
            return common::v1::VALUE_TYPE_TIME;
        case MYSQL_TYPE_DATETIME:
        case MYSQL_TYPE_DATETIME2:
        case MYSQL_TYPE_TIMESTAMP:
        case MYSQL_TYPE_TIMESTAMP2:
            return common::v1::VALUE_TYPE_TIMESTAMP;
        case MYSQL_TYPE_JSON:
            return common::v1::VALUE_TYPE_JSON;
        case MYSQL_TYPE_NULL:
            return common::v1::VALUE_TYPE_NULL;
        case MYSQL_TYPE_BIT:
        case MYSQL_TYPE_GEOMETRY:
            return common::v1::VALUE_TYPE_BYTES;
        default:
            return IsBinary(field) ? common::v1::VALUE_TYPE_BYTES : common::v1::VALUE_TYPE_TEXT;
    }
}

std::string ColumnTypeName(const MYSQL_FIELD& field) {
    if (auto name = FieldAttr(field, MARIADB_FIELD_ATTR_DATA_TYPE_NAME); !name.empty()) return name;
    std::string name;
    switch (field.type) {
        case MYSQL_TYPE_TINY: name = "TINYINT"; break;
        case MYSQL_TYPE_SHORT: name = "SMALLINT"; break;
        case MYSQL_TYPE_LONG: name = "INT"; break;
        case MYSQL_TYPE_INT24: name = "MEDIUMINT"; break;
        case MYSQL_TYPE_LONGLONG: name = "BIGINT"; break;
        case MYSQL_TYPE_YEAR: name = "YEAR"; break;
        case MYSQL_TYPE_FLOAT: name = "FLOAT"; break;
        case MYSQL_TYPE_DOUBLE: name = "DOUBLE"; break;
        case MYSQL_TYPE_DECIMAL:
        case MYSQL_TYPE_NEWDECIMAL: name = "DECIMAL"; break;
        case MYSQL_TYPE_DATE:
        case MYSQL_TYPE_NEWDATE: name = "DATE"; break;
        case MYSQL_TYPE_TIME:
        case MYSQL_TYPE_TIME2: name = "TIME"; break;
        case MYSQL_TYPE_DATETIME:
        case MYSQL_TYPE_DATETIME2: name = "DATETIME"; break;
        case MYSQL_TYPE_TIMESTAMP:
        case MYSQL_TYPE_TIMESTAMP2: name = "TIMESTAMP"; break;
        case MYSQL_TYPE_BIT: name = "BIT"; break;
        case MYSQL_TYPE_JSON: name = "JSON"; break;
        case MYSQL_TYPE_ENUM: name = "ENUM"; break;
        case MYSQL_TYPE_SET: name = "SET"; break;
        case MYSQL_TYPE_GEOMETRY: name = "GEOMETRY"; break;
        case MYSQL_TYPE_NULL: name = "NULL"; break;
        case MYSQL_TYPE_TINY_BLOB:
        case MYSQL_TYPE_MEDIUM_BLOB:
        case MYSQL_TYPE_LONG_BLOB:
        case MYSQL_TYPE_BLOB: name = IsBinary(field) ? "BLOB" : "TEXT"; break;
        case MYSQL_TYPE_VARCHAR:
        case MYSQL_TYPE_VAR_STRING: name = IsBinary(field) ? "VARBINARY" : "VARCHAR"; break;
        case MYSQL_TYPE_STRING: name = IsBinary(field) ? "BINARY" : "CHAR"; break;
        default: name = "TYPE" + std::to_string(static_cast<int>(field.type));
    }
    if ((field.flags & UNSIGNED_FLAG) && field.type != MYSQL_TYPE_YEAR) name += " UNSIGNED";
    return name;
}

FetchAs FetchKind(const MYSQL_FIELD& field) {
    switch (field.type) {
        case MYSQL_TYPE_TINY:
        case MYSQL_TYPE_SHORT:
        case MYSQL_TYPE_LONG:
        case MYSQL_TYPE_INT24:
        case MYSQL_TYPE_LONGLONG:
        case MYSQL_TYPE_YEAR:
            return FetchAs::kInt;
        case MYSQL_TYPE_FLOAT:
        case MYSQL_TYPE_DOUBLE:
            return FetchAs::kDouble;
        default:
            return FetchAs::kBytes;
    }
}

Value DecodeInt(const MYSQL_FIELD& field, long long raw) {
    Value v;
    if (field.type == MYSQL_TYPE_LONGLONG && (field.flags & UNSIGNED_FLAG)) {
        v.set_decimal_value(std::to_string(static_cast<unsigned long long>(raw)));
    } else if ((field.flags & UNSIGNED_FLAG) && field.type == MYSQL_TYPE_LONG) {
        v.set_int64_value(static_cast<long long>(static_cast<unsigned int>(raw)));
    } else {
        v.set_int64_value(raw);
    }
    return v;
}

StatusOr<Value> DecodeBytes(const MYSQL_FIELD& field, std::string_view bytes) {
    Value v;
    const auto bad = [&] {
        return InternalError("MariaDB sent a " + ColumnTypeName(field) + " value this gateway cannot read: '" +
                             std::string(bytes.substr(0, 64)) + "'");
    };
    switch (ColumnType(field)) {
        case common::v1::VALUE_TYPE_DECIMAL:
            v.set_decimal_value(std::string(bytes));
            return v;
        case common::v1::VALUE_TYPE_DATE:
            if (auto d = ParseDate(bytes)) {
                *v.mutable_date_value() = *d;
                return v;
            }
            break;  // zero dates ('0000-00-00') have no Date form; they travel as text
        case common::v1::VALUE_TYPE_TIME:
            if (auto t = ParseTime(bytes)) {
                *v.mutable_time_value() = *t;
                return v;
            }
            break;  // TIME spans -838..838 hours; outside a day it travels as text
        case common::v1::VALUE_TYPE_TIMESTAMP:
            // The session runs in UTC, so a TIMESTAMP (stored as an instant) reads as UTC; DATETIME is zone-less.
            if (auto ts = ParseTimestamp(bytes, field.type == MYSQL_TYPE_TIMESTAMP || field.type == MYSQL_TYPE_TIMESTAMP2)) {
                *v.mutable_timestamp_value() = *ts;
                return v;
            }
            break;
        case common::v1::VALUE_TYPE_JSON:
            v.set_json_value(std::string(bytes));
            return v;
        case common::v1::VALUE_TYPE_UUID:
            v.set_uuid_value(std::string(bytes));
            return v;
        case common::v1::VALUE_TYPE_BYTES:
            v.set_bytes_value(std::string(bytes));
            return v;
        case common::v1::VALUE_TYPE_INT64:
        case common::v1::VALUE_TYPE_DOUBLE:
            return bad();  // fetched natively, never as bytes
        default:
            break;
    }
    v.set_text_value(std::string(bytes));
    return v;
}

void BindParams(const std::vector<Value>& params, ParamBuffers& out) {
    const size_t n = params.size();
    out.binds.assign(n, MYSQL_BIND{});
    out.texts.assign(n, std::string());
    out.ints.assign(n, 0);
    out.doubles.assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
        auto& b = out.binds[i];
        const auto& p = params[i];
        auto text = [&](std::string s, enum_field_types type) {
            out.texts[i] = std::move(s);
            b.buffer_type = type;
            b.buffer = out.texts[i].data();
            b.buffer_length = out.texts[i].size();
        };
        switch (p.kind_case()) {
            case Value::kBoolValue:
            case Value::kInt64Value:
                out.ints[i] = p.has_bool_value() ? (p.bool_value() ? 1 : 0) : p.int64_value();
                b.buffer_type = MYSQL_TYPE_LONGLONG;
                b.buffer = &out.ints[i];
                break;
            case Value::kDoubleValue:
                out.doubles[i] = p.double_value();
                b.buffer_type = MYSQL_TYPE_DOUBLE;
                b.buffer = &out.doubles[i];
                break;
            case Value::kDecimalValue: text(p.decimal_value(), MYSQL_TYPE_NEWDECIMAL); break;
            case Value::kTextValue: text(p.text_value(), MYSQL_TYPE_STRING); break;
            case Value::kBytesValue: text(p.bytes_value(), MYSQL_TYPE_BLOB); break;
            case Value::kTimestampValue: text(FormatTimestamp(p.timestamp_value(), false), MYSQL_TYPE_STRING); break;
            case Value::kDateValue: text(FormatDate(p.date_value()), MYSQL_TYPE_STRING); break;
            case Value::kTimeValue: {
                common::v1::Time local = p.time_value();
                local.set_has_time_zone(false);
                text(FormatTime(local), MYSQL_TYPE_STRING);
                break;
            }
            case Value::kJsonValue: text(p.json_value(), MYSQL_TYPE_STRING); break;
            case Value::kUuidValue: text(p.uuid_value(), MYSQL_TYPE_STRING); break;
            default: b.buffer_type = MYSQL_TYPE_NULL; break;
        }
    }
}

}  // namespace gantry::db::mariadb
