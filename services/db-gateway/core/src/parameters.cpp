#include "gantry/db/parameters.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <set>
#include <string_view>

#include "gantry/db/type_mapping.hpp"

namespace gantry::db {
namespace {

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Length of the quoted run starting at sql[i] == quote; a doubled quote escapes it, and with
// `backslash` (MariaDB strings) so does a backslash.
size_t QuotedLength(const std::string& sql, size_t i, char quote, bool backslash) {
    size_t j = i + 1;
    while (j < sql.size()) {
        if (backslash && sql[j] == '\\') {
            j += 2;
            continue;
        }
        if (sql[j] == quote) {
            if (j + 1 < sql.size() && sql[j + 1] == quote) {
                j += 2;
                continue;
            }
            return j + 1 - i;
        }
        ++j;
    }
    return sql.size() - i;
}

// PostgreSQL dollar quoting: $tag$ ... $tag$. Returns 0 when sql[i] does not open one.
size_t DollarQuotedLength(const std::string& sql, size_t i) {
    size_t j = i + 1;
    while (j < sql.size() && IsIdentChar(sql[j]) && !std::isdigit(static_cast<unsigned char>(sql[i + 1]))) ++j;
    if (j >= sql.size() || sql[j] != '$') return 0;
    const std::string tag = sql.substr(i, j - i + 1);
    const size_t end = sql.find(tag, j + 1);
    return end == std::string::npos ? sql.size() - i : end + tag.size() - i;
}

// Length of the literal, identifier or comment starting at sql[i]; 0 when none starts there.
size_t SkippableLength(Dialect dialect, const std::string& sql, size_t i) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (c == '\'') return QuotedLength(sql, i, '\'', dialect == Dialect::kMariaDb);
    if (c == '"') return QuotedLength(sql, i, '"', dialect == Dialect::kMariaDb);
    if (c == '`' && dialect != Dialect::kPostgres) return QuotedLength(sql, i, '`', false);
    if (c == '[' && dialect == Dialect::kSqlite) {
        const size_t end = sql.find(']', i);
        return end == std::string::npos ? sql.size() - i : end + 1 - i;
    }
    if (c == '-' && next == '-') {
        const size_t end = sql.find('\n', i);
        return end == std::string::npos ? sql.size() - i : end + 1 - i;
    }
    if (c == '#' && dialect == Dialect::kMariaDb) {
        const size_t end = sql.find('\n', i);
        return end == std::string::npos ? sql.size() - i : end + 1 - i;
    }
    if (c == '/' && next == '*') {
        const size_t end = sql.find("*/", i + 2);
        return end == std::string::npos ? sql.size() - i : end + 2 - i;
    }
    if (c == '$' && dialect == Dialect::kPostgres) return DollarQuotedLength(sql, i);
    return 0;
}

}  // namespace

bool MayNullOriginColumns(Dialect dialect, const std::string& sql) {
    static constexpr std::string_view kWords[] = {"left", "right", "full",   "union",   "intersect",
                                                  "except", "rollup", "cube", "grouping"};
    for (size_t i = 0; i < sql.size();) {
        if (const size_t skip = SkippableLength(dialect, sql, i); skip > 0) {
            i += skip;
            continue;
        }
        if (!IsIdentStart(sql[i])) {
            ++i;
            continue;
        }
        size_t j = i + 1;
        while (j < sql.size() && IsIdentChar(sql[j])) ++j;
        if (j - i >= 4 && j - i <= 9) {
            std::string word = sql.substr(i, j - i);
            for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            for (const auto w : kWords) {
                if (word == w) return true;
            }
        }
        i = j;
    }
    return false;
}

Status ValidateValue(const Value& value, const std::string& where) {
    switch (value.kind_case()) {
        case Value::KIND_NOT_SET:
            return InvalidArgumentError(where + " has no value set (use null_value for SQL NULL)");
        case Value::kDecimalValue:
            if (!IsDecimalText(value.decimal_value())) {
                return InvalidArgumentError(where + ": '" + value.decimal_value() +
                                            "' is not a decimal number (expected e.g. -123.45)");
            }
            break;
        case Value::kUuidValue:
            if (!IsUuidText(value.uuid_value())) {
                return InvalidArgumentError(where + ": '" + value.uuid_value() +
                                            "' is not a UUID (expected 8-4-4-4-12 hex digits)");
            }
            break;
        case Value::kJsonValue:
            if (!nlohmann::json::accept(value.json_value())) {
                return InvalidArgumentError(where + ": json_value is not valid JSON");
            }
            break;
        case Value::kDateValue:
            if (!IsValidDate(value.date_value())) {
                return InvalidArgumentError(where + ": date " + std::to_string(value.date_value().year()) + "-" +
                                            std::to_string(value.date_value().month()) + "-" +
                                            std::to_string(value.date_value().day()) + " does not exist");
            }
            break;
        case Value::kTimeValue:
            if (value.time_value().micros_since_midnight() < 0 ||
                value.time_value().micros_since_midnight() >= kMicrosPerDay) {
                return InvalidArgumentError(where + ": time_value must be within one day");
            }
            break;
        default:
            break;
    }
    return Status::Ok();
}

StatusOr<BoundSql> BindParameters(Dialect dialect, const std::string& sql, const std::vector<Value>& positional,
                                  const std::map<std::string, Value>& named) {
    for (size_t i = 0; i < positional.size(); ++i) {
        GANTRY_RETURN_IF_ERROR(ValidateValue(positional[i], "parameter " + std::to_string(i + 1)));
    }
    if (named.empty()) return BoundSql{sql, positional};
    if (!positional.empty()) {
        return InvalidArgumentError("use either positional params or named_params in one statement, not both");
    }
    for (const auto& [name, value] : named) GANTRY_RETURN_IF_ERROR(ValidateValue(value, "parameter :" + name));

    BoundSql out;
    out.sql.reserve(sql.size());
    std::map<std::string, int> numbers;  // PostgreSQL reuses $n for a repeated name
    std::set<std::string> used;
    for (size_t i = 0; i < sql.size();) {
        if (const size_t skip = SkippableLength(dialect, sql, i); skip > 0) {
            out.sql.append(sql, i, skip);
            i += skip;
            continue;
        }
        if (sql[i] == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {  // a PostgreSQL cast
            out.sql.append("::");
            i += 2;
            continue;
        }
        if (sql[i] == ':' && i + 1 < sql.size() && IsIdentStart(sql[i + 1])) {
            size_t j = i + 1;
            while (j < sql.size() && IsIdentChar(sql[j])) ++j;
            const std::string name = sql.substr(i + 1, j - i - 1);
            const auto it = named.find(name);
            if (it == named.end()) {
                return InvalidArgumentError("the SQL uses :" + name + " but named_params has no value for it");
            }
            used.insert(name);
            if (dialect == Dialect::kPostgres) {
                auto [pos, inserted] = numbers.emplace(name, static_cast<int>(out.params.size()) + 1);
                if (inserted) out.params.push_back(it->second);
                out.sql += "$" + std::to_string(pos->second);
            } else {
                out.params.push_back(it->second);
                out.sql += "?";
            }
            i = j;
            continue;
        }
        out.sql.push_back(sql[i]);
        ++i;
    }
    for (const auto& [name, value] : named) {
        if (!used.count(name)) {
            return InvalidArgumentError("named_params has '" + name + "' but the SQL has no :" + name + " placeholder");
        }
    }
    return out;
}

}  // namespace gantry::db
