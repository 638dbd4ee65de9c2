#include "gantry/db/json/schema.hpp"

#include <set>
#include <string_view>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>
#include <vector>

namespace gantry::db::json {
namespace {

/// valijson reports a path as tokens "<root>", "[name]" or "[3]"; whether "[3]" is an index or a member
/// named "3" depends on the document, so the pointer is built by walking it.
std::string PointerFromContext(const std::vector<std::string>& context, const nlohmann::json& document) {
    std::string pointer;
    const nlohmann::json* node = &document;
    for (const std::string& token : context) {
        if (token == "<root>" || token.size() < 2 || token.front() != '[' || token.back() != ']') continue;
        const std::string key = token.substr(1, token.size() - 2);
        pointer += "/" + EscapePointerToken(key);
        if (node == nullptr) continue;
        if (node->is_object() && node->contains(key)) {
            node = &(*node)[key];
        } else if (node->is_array() && !key.empty() && key.find_first_not_of("0123456789") == std::string::npos &&
                   std::stoull(key) < node->size()) {
            node = &(*node)[std::stoull(key)];
        } else {
            node = nullptr;
        }
    }
    return pointer;
}

/// Whether a pattern repeats a group that itself repeats, as in "(a+)+" or "(a*b?)*": such nesting makes a
/// backtracking engine like std::regex take exponential time on a non-matching subject.
bool HasNestedQuantifier(std::string_view pattern) {
    std::vector<bool> group_repeats{false};  // per open group: whether something inside it is quantified
    auto is_repeat = [&](size_t i) {
        return i < pattern.size() && (pattern[i] == '*' || pattern[i] == '+' || pattern[i] == '{');
    };
    for (size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\') {
            ++i;  // an escaped character is a plain atom
        } else if (c == '[') {
            for (++i; i < pattern.size() && pattern[i] != ']'; ++i) {
                if (pattern[i] == '\\') ++i;
            }
        } else if (c == '(') {
            group_repeats.push_back(false);
        } else if (c == ')' && group_repeats.size() > 1) {
            const bool inner = group_repeats.back();
            group_repeats.pop_back();
            if (inner && is_repeat(i + 1)) return true;
            group_repeats.back() = group_repeats.back() || inner;
        } else if (c == '*' || c == '+' || c == '{' || (c == '?' && i > 0 && pattern[i - 1] != '(')) {
            group_repeats.back() = true;
        }
    }
    return false;
}

/// A pattern std::regex may run: bounded in length and without nested quantifiers.
Status CheckPattern(const std::string& pattern) {
    if (pattern.size() > kMaxPatternBytes) {
        return InvalidArgumentError("a schema pattern is longer than " + std::to_string(kMaxPatternBytes) + " bytes");
    }
    if (HasNestedQuantifier(pattern)) {
        return InvalidArgumentError("schema pattern \"" + pattern.substr(0, 80) +
                                    "\" repeats a repeated group, which can take exponential time; rewrite it "
                                    "without nested quantifiers");
    }
    return Status::Ok();
}

/// Whether the schema has a keyword valijson checks with std::regex (over-approximated: any member so named);
/// a pattern over the length limit is an error.
StatusOr<bool> UsesRegularExpressions(const nlohmann::json& schema) {
    bool uses = false;
    if (schema.is_object()) {
        for (const auto& [key, value] : schema.items()) {
            if (key == "pattern" || key == "patternProperties" || key == "format") uses = true;
            if (key == "pattern" && value.is_string()) GANTRY_RETURN_IF_ERROR(CheckPattern(value));
            if (key == "patternProperties" && value.is_object()) {
                for (const auto& [pattern, unused] : value.items()) GANTRY_RETURN_IF_ERROR(CheckPattern(pattern));
            }
            GANTRY_ASSIGN_OR_RETURN(bool nested, UsesRegularExpressions(value));
            uses = uses || nested;
        }
    } else if (schema.is_array()) {
        for (const auto& item : schema) {
            GANTRY_ASSIGN_OR_RETURN(bool nested, UsesRegularExpressions(item));
            uses = uses || nested;
        }
    }
    return uses;
}

/// The first string or member name longer than kMaxRegexSubjectBytes, as an error naming its place.
Status CheckRegexSubjects(const nlohmann::json& node, const std::string& pointer) {
    auto too_long = [&](const std::string& where) {
        return InvalidArgumentError("the string at \"" + where + "\" is longer than " +
                                    std::to_string(kMaxRegexSubjectBytes) +
                                    " bytes, the most this service checks against pattern, patternProperties or "
                                    "format");
    };
    if (node.is_string() && node.get_ref<const std::string&>().size() > kMaxRegexSubjectBytes) return too_long(pointer);
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            const std::string child = pointer + "/" + EscapePointerToken(key);
            if (key.size() > kMaxRegexSubjectBytes) return too_long(child);
            GANTRY_RETURN_IF_ERROR(CheckRegexSubjects(value, child));
        }
    } else if (node.is_array()) {
        for (size_t i = 0; i < node.size(); ++i) {
            GANTRY_RETURN_IF_ERROR(CheckRegexSubjects(node[i], pointer + "/" + std::to_string(i)));
        }
    }
    return Status::Ok();
}

}  // namespace

std::string EscapePointerToken(std::string_view token) {
    std::string out;
    for (char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

StatusOr<ValidationReport> ValidateAgainstSchema(const nlohmann::json& schema, const nlohmann::json& document) {
    if (!schema.is_object() && !schema.is_boolean()) {
        return InvalidArgumentError("a JSON Schema must be an object or a boolean");
    }
    GANTRY_ASSIGN_OR_RETURN(bool uses_regex, UsesRegularExpressions(schema));
    if (uses_regex) GANTRY_RETURN_IF_ERROR(CheckRegexSubjects(document, ""));
    valijson::Schema compiled;
    try {
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        valijson::adapters::NlohmannJsonAdapter schema_adapter(schema);
        parser.populateSchema(schema_adapter, compiled);
    } catch (const std::exception& e) {
        return InvalidArgumentError(std::string("the schema is not a usable JSON Schema draft 7: ") + e.what());
    }
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter document_adapter(document);
    ValidationReport report;
    report.valid = validator.validate(compiled, document_adapter, &results);
    std::set<std::pair<std::string, std::string>> seen;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        SchemaViolation violation{PointerFromContext(error.context, document), error.description};
        if (seen.emplace(violation.instance_path, violation.message).second) {
            report.violations.push_back(std::move(violation));
        }
    }
    return report;
}

}  // namespace gantry::db::json
