#include "dialect.hpp"

namespace gantry::db::querybuilder {
namespace {

using gantry::db::v1::SqlDialect;

// name, quotes, max identifier bytes, full join, nulls ordering, ilike, WITH RECURSIVE, WITH on DML,
// UPDATE RETURNING, TOP/OFFSET FETCH, OUTPUT.
constexpr Dialect kDialects[] = {
    {SqlDialect::SQL_DIALECT_POSTGRESQL, "postgresql", '"', '"', 63, true, true, true, true, true, true, false, false},
    {SqlDialect::SQL_DIALECT_MYSQL, "mysql", '`', '`', 64, false, false, false, true, false, false, false, false},
    {SqlDialect::SQL_DIALECT_SQLITE, "sqlite", '"', '"', 1024, true, true, false, true, true, true, false, false},
    {SqlDialect::SQL_DIALECT_MSSQL, "mssql", '[', ']', 128, true, false, false, false, true, true, true, true},
};

/// Length of the UTF-8 sequence starting at `text[i]`, or 0 when it is not well-formed.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return 0;
    for (size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    }
    if ((length == 2 && lead < 0xC2) || (length == 3 && lead == 0xE0 && byte(i + 1) < 0xA0) ||
        (length == 4 && (lead > 0xF4 || (lead == 0xF0 && byte(i + 1) < 0x90)))) {
        return 0;  // overlong or beyond U+10FFFF
    }
    return length;
}

}  // namespace

std::string Dialect::Placeholder(size_t index) const {
    switch (id) {
        case SqlDialect::SQL_DIALECT_POSTGRESQL: return "$" + std::to_string(index);
        case SqlDialect::SQL_DIALECT_MSSQL: return "@p" + std::to_string(index);
        default: return "?";
    }
}

Status Dialect::AppendQuoted(std::string_view identifier, std::string& out) const {
    auto refuse = [&](std::string_view why) {
        return InvalidArgumentError("identifier \"" + std::string(identifier.substr(0, 80)) + "\" cannot be used in " +
                                    std::string(name) + ": " + std::string(why))
            .WithReason("INVALID_IDENTIFIER");
    };
    if (identifier.empty()) return InvalidArgumentError("an identifier is empty").WithReason("INVALID_IDENTIFIER");
    if (identifier.size() > max_identifier_bytes) {
        return refuse("longer than " + std::to_string(max_identifier_bytes) + " bytes");
    }
    for (size_t i = 0; i < identifier.size();) {
        const size_t length = Utf8SequenceLength(identifier, i);
        if (length == 0) return refuse("not valid UTF-8");
        const auto c = static_cast<unsigned char>(identifier[i]);
        if (length == 1 && (c < 0x20 || c == 0x7F)) return refuse("contains a control character");
        i += length;
    }
    if (is(SqlDialect::SQL_DIALECT_MYSQL) && identifier.back() == ' ') return refuse("ends with a space");
    out += open_quote;
    for (char c : identifier) {
        out += c;
        if (c == close_quote) out += c;  // the closing quote is escaped by doubling it
    }
    out += close_quote;
    return Status::Ok();
}

Status Dialect::Unsupported(std::string_view feature) const {
    return InvalidArgumentError("the " + std::string(name) + " dialect does not support " + std::string(feature))
        .WithReason("DIALECT_UNSUPPORTED")
        .WithMetadata("dialect", std::string(name))
        .WithMetadata("feature", std::string(feature));
}

StatusOr<const Dialect*> FindDialect(SqlDialect id) {
    for (const Dialect& dialect : kDialects) {
        if (dialect.id == id) return &dialect;
    }
    return InvalidArgumentError("choose a SQL dialect: postgresql, mysql, sqlite or mssql");
}

std::string_view DialectName(SqlDialect id) {
    const auto dialect = FindDialect(id);
    return dialect.ok() ? (*dialect)->name : "unspecified";
}

}  // namespace gantry::db::querybuilder
