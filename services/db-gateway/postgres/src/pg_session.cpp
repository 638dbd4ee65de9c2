#include "pg_session.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_set>

namespace gantry::db::pg {
namespace {

// Words that may stand before "(" without being a function call: keywords and type names with modifiers.
const std::unordered_set<std::string>& NotCalls() {
    static const std::unordered_set<std::string> kWords = {
        "select", "from", "where", "and", "or", "not", "in", "exists", "any", "some", "all", "values", "as",
        "on", "join", "using", "over", "filter", "within", "by", "partition", "having", "union", "intersect",
        "except", "case", "when", "then", "else", "between", "like", "ilike", "similar", "is", "array", "row",
        "lateral", "with", "recursive", "materialized", "cast", "limit", "offset", "fetch", "distinct", "escape",
        "numeric", "decimal", "varchar", "char", "character", "varying", "timestamp", "timestamptz", "time",
        "timetz", "interval", "bit", "float", "nchar", "zone", "to", "rows", "range", "groups", "preceding",
        "following", "asc", "desc", "nulls", "first", "last", "only", "ordinality", "left", "right", "inner",
        "outer", "full", "cross", "natural", "group", "order"};
    return kWords;
}

// Built-in functions without session effects. Anything not listed (set_config, nextval, setval,
// pg_advisory_lock, lo_*, dblink, every user function, ...) makes the statement one that needs a reset.
const std::unordered_set<std::string>& PureFunctions() {
    static const std::unordered_set<std::string> kFunctions = {
        "count", "sum", "avg", "min", "max", "coalesce", "nullif", "greatest", "least", "lower", "upper", "length",
        "char_length", "character_length", "octet_length", "substring", "substr", "trim", "btrim", "ltrim",
        "rtrim", "lpad", "rpad", "concat", "concat_ws", "replace", "position", "strpos", "left", "right",
        "reverse", "split_part", "starts_with", "abs", "round", "trunc", "floor", "ceil", "ceiling", "mod",
        "power", "sqrt", "sign", "now", "clock_timestamp", "statement_timestamp", "transaction_timestamp",
        "date_trunc", "date_part", "extract", "age", "make_date", "make_timestamp", "make_interval", "to_char",
        "to_date", "to_timestamp", "to_number", "array_agg", "string_agg", "json_agg", "jsonb_agg",
        "json_object_agg", "jsonb_object_agg", "json_build_object", "jsonb_build_object", "json_build_array",
        "jsonb_build_array", "to_json", "to_jsonb", "jsonb_set", "jsonb_extract_path", "jsonb_extract_path_text",
        "json_extract_path_text", "jsonb_array_elements", "json_array_elements", "jsonb_array_length",
        "array_length", "array_position", "cardinality", "unnest", "generate_series", "row_number", "rank",
        "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value",
        "nth_value", "bool_and", "bool_or", "every", "md5", "encode", "decode", "format", "regexp_replace",
        "regexp_match", "regexp_matches", "gen_random_uuid", "current_setting", "format_type", "pg_get_expr",
        "to_regclass", "version", "pg_backend_pid"};
    return kFunctions;
}

bool WordStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }
bool WordChar(char c) { return WordStart(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$'; }

enum class Kind { kNone, kWord, kQuotedName, kOther };

// Moves `i` from an opening quote (' or ") past its closing one, where a doubled quote stands for itself
// (and, with `backslash_escapes`, \ escapes the next character). False when the text ends first.
bool SkipQuoted(std::string_view sql, size_t& i, bool backslash_escapes) {
    const char quote = sql[i++];
    while (i < sql.size()) {
        if (backslash_escapes && sql[i] == '\\') {
            i += 2;
        } else if (sql[i] != quote) {
            ++i;
        } else if (i + 1 < sql.size() && sql[i + 1] == quote) {
            i += 2;
        } else {
            ++i;
            return true;
        }
    }
    return false;
}

}  // namespace

bool MayChangeSessionState(std::string_view sql) {
    const size_t n = sql.size();
    size_t i = 0;
    Kind prev = Kind::kNone;       // the previous significant token
    std::string prev_word;         // its text, lower-cased, when a word
    std::string before_prev_word;  // the word before that one (for FOR UPDATE)
    bool prev_after_dot = false;   // the previous word was qualified ("schema.name")
    bool prev_qualifier_catalog = false;
    char prev_char = 0;  // the previous punctuation character
    bool first = true;
    bool ended = false;  // a ';' was seen
    while (i < n) {
        const char c = sql[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
            while (i < n && sql[i] != '\n') ++i;
            continue;
        }
        if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
            int depth = 0;
            do {
                if (i + 1 < n && sql[i] == '/' && sql[i + 1] == '*') {
                    ++depth;
                    i += 2;
                } else if (i + 1 < n && sql[i] == '*' && sql[i + 1] == '/') {
                    --depth;
                    i += 2;
                } else {
                    ++i;
                }
            } while (depth > 0 && i < n);
            if (depth > 0) return true;  // unterminated: not a statement we understand
            continue;
        }
        if (ended) return true;  // more than one statement
        if (c == ';') {
            ended = true;
            ++i;
            continue;
        }
        Kind kind = Kind::kOther;
        std::string word;
        if (c == '\'') {
            // E'..' strings escape with backslashes; all strings double '' for a quote.
            const bool escapes =
                prev == Kind::kWord && prev_word == "e" && i > 0 && (sql[i - 1] == 'e' || sql[i - 1] == 'E');
            if (!SkipQuoted(sql, i, escapes)) return true;
        } else if (c == '"') {
            kind = Kind::kQuotedName;
            if (!SkipQuoted(sql, i, false)) return true;
        } else if (c == '$' && i + 1 < n && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
            ++i;  // a parameter, $1
            while (i < n && std::isdigit(static_cast<unsigned char>(sql[i]))) ++i;
        } else if (c == '$') {
            // A dollar-quoted string: $$...$$ or $tag$...$tag$.
            size_t j = i + 1;
            while (j < n && sql[j] != '$' && WordChar(sql[j])) ++j;
            if (j >= n || sql[j] != '$') return true;
            const std::string_view tag = sql.substr(i, j - i + 1);
            const size_t close = sql.find(tag, j + 1);
            if (close == std::string_view::npos) return true;
            i = close + tag.size();
        } else if (WordStart(c)) {
            kind = Kind::kWord;
            const size_t start = i;
            while (i < n && WordChar(sql[i])) ++i;
            word.assign(sql.substr(start, i - start));
            std::transform(word.begin(), word.end(), word.begin(),
                           [](char ch) { return static_cast<char>(std::tolower(static_cast<unsigned char>(ch))); });
        } else {
            ++i;
        }

        if (kind == Kind::kWord) {
            if (first && word != "select" && word != "values" && word != "table" && word != "with") return true;
            if (word == "insert" || word == "delete" || word == "merge" || word == "into" || word == "call" ||
                word == "do" || word == "copy") {
                return true;
            }
            // UPDATE is only harmless as a row lock: FOR UPDATE, FOR NO KEY UPDATE.
            if (word == "update" && !(prev == Kind::kWord && (prev_word == "for" || prev_word == "key"))) return true;
        } else if (first) {
            return true;  // "(SELECT ...)" and the like: keep it simple
        }
        first = false;

        if (kind == Kind::kOther && c == '(') {
            if (prev == Kind::kQuotedName) return true;  // a call of a quoted (user) function name
            if (prev == Kind::kWord) {
                const bool known = prev_after_dot ? prev_qualifier_catalog && PureFunctions().count(prev_word)
                                                  : NotCalls().count(prev_word) || PureFunctions().count(prev_word);
                if (!known) return true;
            }
        }
        const bool after_dot = prev == Kind::kOther && prev_char == '.';
        const bool qualifier_catalog = after_dot && before_prev_word == "pg_catalog";
        if (kind == Kind::kWord) {
            before_prev_word = prev == Kind::kWord ? prev_word : std::string();
            prev_word = std::move(word);
            prev_after_dot = after_dot;
            prev_qualifier_catalog = qualifier_catalog;
        } else if (kind == Kind::kQuotedName) {
            before_prev_word.clear();
            prev_word.clear();
        } else if (c != '.') {
            before_prev_word.clear();
        } else {
            before_prev_word = prev == Kind::kWord ? prev_word : std::string();
        }
        prev = kind;
        prev_char = kind == Kind::kOther ? c : 0;
    }
    return first;  // an empty statement is not one we know
}

}  // namespace gantry::db::pg
