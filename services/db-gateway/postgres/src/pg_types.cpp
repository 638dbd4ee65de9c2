#include "pg_types.hpp"

#include <charconv>
#include <cstdlib>
#include <map>

#include "gantry/db/type_mapping.hpp"

namespace gantry::db::pg {
namespace {

using common::v1::Value;
using VT = common::v1::ValueType;

struct ArrayElement {
    bool numeric;
    bool boolean;
};

const std::map<Oid, PgType>& Types() {
    static const std::map<Oid, PgType> kTypes = {
        {16, {common::v1::VALUE_TYPE_BOOL, "bool"}},
        {17, {common::v1::VALUE_TYPE_BYTES, "bytea"}},
        {18, {common::v1::VALUE_TYPE_TEXT, "char"}},
        {19, {common::v1::VALUE_TYPE_TEXT, "name"}},
        {20, {common::v1::VALUE_TYPE_INT64, "int8"}},
        {21, {common::v1::VALUE_TYPE_INT64, "int2"}},
        {23, {common::v1::VALUE_TYPE_INT64, "int4"}},
        {25, {common::v1::VALUE_TYPE_TEXT, "text"}},
        {26, {common::v1::VALUE_TYPE_INT64, "oid"}},
        {114, {common::v1::VALUE_TYPE_JSON, "json"}},
        {142, {common::v1::VALUE_TYPE_TEXT, "xml"}},
        {700, {common::v1::VALUE_TYPE_DOUBLE, "float4"}},
        {701, {common::v1::VALUE_TYPE_DOUBLE, "float8"}},
        {790, {common::v1::VALUE_TYPE_TEXT, "money"}},
        {869, {common::v1::VALUE_TYPE_TEXT, "inet"}},
        {650, {common::v1::VALUE_TYPE_TEXT, "cidr"}},
        {1042, {common::v1::VALUE_TYPE_TEXT, "bpchar"}},
        {1043, {common::v1::VALUE_TYPE_TEXT, "varchar"}},
        {1082, {common::v1::VALUE_TYPE_DATE, "date"}},
        {1083, {common::v1::VALUE_TYPE_TIME, "time"}},
        {1114, {common::v1::VALUE_TYPE_TIMESTAMP, "timestamp"}},
        {1184, {common::v1::VALUE_TYPE_TIMESTAMP, "timestamptz"}},
        {1186, {common::v1::VALUE_TYPE_TEXT, "interval"}},
        {1266, {common::v1::VALUE_TYPE_TIME, "timetz"}},
        {1700, {common::v1::VALUE_TYPE_DECIMAL, "numeric"}},
        {2950, {common::v1::VALUE_TYPE_UUID, "uuid"}},
        {3802, {common::v1::VALUE_TYPE_JSON, "jsonb"}},
        // Arrays travel as JSON.
        {1000, {common::v1::VALUE_TYPE_JSON, "_bool"}},
        {1001, {common::v1::VALUE_TYPE_JSON, "_bytea"}},
        {1005, {common::v1::VALUE_TYPE_JSON, "_int2"}},
        {1007, {common::v1::VALUE_TYPE_JSON, "_int4"}},
        {1009, {common::v1::VALUE_TYPE_JSON, "_text"}},
        {1014, {common::v1::VALUE_TYPE_JSON, "_bpchar"}},
        {1015, {common::v1::VALUE_TYPE_JSON, "_varchar"}},
        {1016, {common::v1::VALUE_TYPE_JSON, "_int8"}},
        {1021, {common::v1::VALUE_TYPE_JSON, "_float4"}},
        {1022, {common::v1::VALUE_TYPE_JSON, "_float8"}},
        {1028, {common::v1::VALUE_TYPE_JSON, "_oid"}},
        {1115, {common::v1::VALUE_TYPE_JSON, "_timestamp"}},
        {1182, {common::v1::VALUE_TYPE_JSON, "_date"}},
        {1183, {common::v1::VALUE_TYPE_JSON, "_time"}},
        {1185, {common::v1::VALUE_TYPE_JSON, "_timestamptz"}},
        {1231, {common::v1::VALUE_TYPE_JSON, "_numeric"}},
        {2951, {common::v1::VALUE_TYPE_JSON, "_uuid"}},
        {199, {common::v1::VALUE_TYPE_JSON, "_json"}},
        {3807, {common::v1::VALUE_TYPE_JSON, "_jsonb"}},
    };
    return kTypes;
}

ArrayElement ElementKind(Oid oid) {
    switch (oid) {
        case 1005: case 1007: case 1016: case 1021: case 1022: case 1028: return {true, false};  // numeric[] stays text: exact
        case 1000: return {false, true};
        default: return {false, false};
    }
}

StatusOr<Value> Malformed(Oid oid, std::string_view text) {
    return InternalError("PostgreSQL sent a " + TypeName(oid) + " value this gateway cannot read: '" +
                         std::string(text.substr(0, 64)) + "'");
}

}  // namespace

PgType Describe(Oid oid) {
    const auto& types = Types();
    auto it = types.find(oid);
    return it == types.end() ? PgType{common::v1::VALUE_TYPE_TEXT, ""} : it->second;
}

std::string TypeName(Oid oid) {
    const auto name = Describe(oid).name;
    return name.empty() ? "oid:" + std::to_string(oid) : std::string(name);
}

StatusOr<Value> Decode(Oid oid, std::string_view text) { return Decode(Describe(oid), oid, text); }

StatusOr<Value> Decode(const PgType& type, Oid oid, std::string_view text) {
    Value v;
    if (!type.name.empty() && type.name.front() == '_') {
        const auto kind = ElementKind(oid);
        GANTRY_ASSIGN_OR_RETURN(auto json, PgArrayToJson(text, kind.numeric, kind.boolean));
        v.set_json_value(std::move(json));
        return v;
    }
    switch (type.type) {
        case common::v1::VALUE_TYPE_BOOL:
            v.set_bool_value(text == "t");
            return v;
        case common::v1::VALUE_TYPE_INT64: {
            int64_t n = 0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
            if (error != std::errc() || end != text.data() + text.size()) return Malformed(oid, text);
            v.set_int64_value(n);
            return v;
        }
        case common::v1::VALUE_TYPE_DOUBLE: {
            const std::string s(text);
            char* end = nullptr;
            const double d = std::strtod(s.c_str(), &end);
            if (end != s.c_str() + s.size()) return Malformed(oid, text);
            v.set_double_value(d);
            return v;
        }
        case common::v1::VALUE_TYPE_DECIMAL:
            v.set_decimal_value(std::string(text));
            return v;
        case common::v1::VALUE_TYPE_BYTES: {
            if (text.substr(0, 2) != "\\x") return Malformed(oid, text);
            auto bytes = HexDecode(text.substr(2));
            if (!bytes) return Malformed(oid, text);
            v.set_bytes_value(std::move(*bytes));
            return v;
        }
        case common::v1::VALUE_TYPE_TIMESTAMP:
            if (auto ts = ParseTimestamp(text)) {
                *v.mutable_timestamp_value() = *ts;
                return v;
            }
            break;  // 'infinity' and BC dates have no Timestamp form; they travel as text
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
            return Malformed(oid, text);
        case common::v1::VALUE_TYPE_JSON:
            v.set_json_value(std::string(text));
            return v;
        case common::v1::VALUE_TYPE_UUID:
            v.set_uuid_value(std::string(text));
            return v;
        default:
            break;
    }
    v.set_text_value(std::string(text));
    return v;
}

std::string EncodeText(const Value& value) {
    switch (value.kind_case()) {
        case Value::kBoolValue: return value.bool_value() ? "t" : "f";
        case Value::kInt64Value: return std::to_string(value.int64_value());
        case Value::kDoubleValue: return FormatDouble(value.double_value());
        case Value::kDecimalValue: return value.decimal_value();
        case Value::kTextValue: return value.text_value();
        case Value::kTimestampValue: return FormatTimestamp(value.timestamp_value(), true);
        case Value::kDateValue: return FormatDate(value.date_value());
        case Value::kTimeValue: return FormatTime(value.time_value());
        case Value::kJsonValue: return value.json_value();
        case Value::kUuidValue: return value.uuid_value();
        default: return "";
    }
}

void AppendCopyField(std::string& out, const Value& value) {
    if (value.has_null_value()) {
        out += "\\N";
        return;
    }
    const std::string text = value.has_bytes_value() ? "\\x" + HexEncode(value.bytes_value()) : EncodeText(value);
    for (char c : text) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: out.push_back(c);
        }
    }
}

}  // namespace gantry::db::pg
