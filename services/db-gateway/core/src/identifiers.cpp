#include "gantry/db/identifiers.hpp"

namespace gantry::db {

std::string QuoteIdentifier(Dialect dialect, const std::string& name) {
    const char quote = dialect == Dialect::kMariaDb ? '`' : '"';
    std::string out(1, quote);
    for (char c : name) {
        if (c == quote) out.push_back(quote);
        out.push_back(c);
    }
    out.push_back(quote);
    return out;
}

std::pair<std::string, std::string> SplitQualifiedName(const std::string& name) {
    const auto dot = name.find('.');
    if (dot == std::string::npos) return {"", name};
    return {name.substr(0, dot), name.substr(dot + 1)};
}

std::string QuoteQualifiedName(Dialect dialect, const std::string& name) {
    const auto [schema, table] = SplitQualifiedName(name);
    return schema.empty() ? QuoteIdentifier(dialect, table)
                          : QuoteIdentifier(dialect, schema) + "." + QuoteIdentifier(dialect, table);
}

}  // namespace gantry::db
