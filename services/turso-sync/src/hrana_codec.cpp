#include "gantry/turso/hrana_codec.hpp"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "gantry/turso/base64.hpp"

namespace gantry::turso::hrana {
namespace {

using nlohmann::json;

json EncodeValue(const Value& v) {
    struct Visitor {
        json operator()(Null) const { return {{"type", "null"}}; }
        json operator()(int64_t i) const { return {{"type", "integer"}, {"value", std::to_string(i)}}; }
        json operator()(double d) const { return {{"type", "float"}, {"value", d}}; }
        json operator()(const std::string& s) const { return {{"type", "text"}, {"value", s}}; }
        json operator()(const Blob& b) const { return {{"type", "blob"}, {"base64", Base64Encode(b)}}; }
    };
    return std::visit(Visitor{}, v);
}

json EncodeStmt(const Stmt& s) {
    json out = {{"sql", s.sql}, {"want_rows", s.want_rows}};
    if (!s.args.empty()) {
        json args = json::array();
        for (const auto& a : s.args) args.push_back(EncodeValue(a));
        out["args"] = std::move(args);
    }
    if (!s.named_args.empty()) {
        json named = json::array();
        for (const auto& a : s.named_args) named.push_back({{"name", a.name}, {"value", EncodeValue(a.value)}});
        out["named_args"] = std::move(named);
    }
    return out;
}

json EncodeCond(const BatchCond& c) {
    switch (c.kind) {
        case BatchCond::Kind::kOk:
            return {{"type", "ok"}, {"step", c.step}};
        case BatchCond::Kind::kError:
            return {{"type", "error"}, {"step", c.step}};
        case BatchCond::Kind::kNot:
            return {{"type", "not"}, {"cond", EncodeCond(c.conds.at(0))}};
        case BatchCond::Kind::kAnd:
        case BatchCond::Kind::kOr: {
            json conds = json::array();
            for (const auto& sub : c.conds) conds.push_back(EncodeCond(sub));
            return {{"type", c.kind == BatchCond::Kind::kAnd ? "and" : "or"}, {"conds", std::move(conds)}};
        }
        case BatchCond::Kind::kIsAutocommit:
            return {{"type", "is_autocommit"}};
    }
    return nullptr;
}

json EncodeRequest(const StreamRequest& r) {
    struct Visitor {
        json operator()(const ExecuteRequest& e) const { return {{"type", "execute"}, {"stmt", EncodeStmt(e.stmt)}}; }
        json operator()(const BatchRequest& b) const {
            json steps = json::array();
            for (const auto& step : b.batch.steps) {
                json j = {{"stmt", EncodeStmt(step.stmt)}};
                j["condition"] = step.condition ? EncodeCond(*step.condition) : json(nullptr);
                steps.push_back(std::move(j));
            }
            return {{"type", "batch"}, {"batch", {{"steps", std::move(steps)}}}};
        }
        json operator()(const CloseRequest&) const { return {{"type", "close"}}; }
    };
    return std::visit(Visitor{}, r);
}

StatusOr<Value> DecodeValue(const json& j) {
    if (!j.is_object() || !j.contains("type") || !j["type"].is_string()) {
        return InvalidArgumentError("Hrana value without a type: " + j.dump());
    }
    const std::string type = j["type"];
    if (type == "null") return Value{Null{}};
    if (type == "integer") {
        if (j.contains("value") && j["value"].is_string()) {
            const std::string& s = j["value"].get_ref<const std::string&>();
            int64_t v = 0;
            auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            if (ec != std::errc() || end != s.data() + s.size()) {
                return InvalidArgumentError("Hrana integer is not a 64-bit decimal: '" + s + "'");
            }
            return Value{v};
        }
        if (j.contains("value") && j["value"].is_number_integer()) return Value{j["value"].get<int64_t>()};
        return InvalidArgumentError("Hrana integer without a value: " + j.dump());
    }
    if (type == "float") {
        if (!j.contains("value") || !j["value"].is_number()) {
            return InvalidArgumentError("Hrana float without a numeric value: " + j.dump());
        }
        return Value{j["value"].get<double>()};
    }
    if (type == "text") {
        if (!j.contains("value") || !j["value"].is_string()) return InvalidArgumentError("Hrana text without a value");
        return Value{j["value"].get<std::string>()};
    }
    if (type == "blob") {
        if (!j.contains("base64") || !j["base64"].is_string()) return InvalidArgumentError("Hrana blob without base64");
        auto bytes = Base64Decode(j["base64"].get_ref<const std::string&>());
        if (!bytes) return InvalidArgumentError("Hrana blob is not valid base64");
        return Value{std::move(*bytes)};
    }
    return InvalidArgumentError("unknown Hrana value type '" + type + "'");
}

StmtError DecodeError(const json& j) {
    StmtError e;
    if (j.is_object()) {
        if (j.contains("message") && j["message"].is_string()) e.message = j["message"];
        if (j.contains("code") && j["code"].is_string()) e.code = j["code"];
    }
    if (e.message.empty()) e.message = j.dump();
    return e;
}

StatusOr<StmtResult> DecodeStmtResult(const json& j) {
    if (!j.is_object()) return InvalidArgumentError("Hrana statement result is not an object");
    StmtResult r;
    if (j.contains("cols") && j["cols"].is_array()) {
        for (const auto& c : j["cols"]) {
            Col col;
            if (c.contains("name") && c["name"].is_string()) col.name = c["name"];
            if (c.contains("decltype") && c["decltype"].is_string()) col.decltype_ = c["decltype"].get<std::string>();
            r.cols.push_back(std::move(col));
        }
    }
    if (j.contains("rows") && j["rows"].is_array()) {
        for (const auto& row : j["rows"]) {
            if (!row.is_array()) return InvalidArgumentError("Hrana row is not an array");
            std::vector<Value> values;
            values.reserve(row.size());
            for (const auto& v : row) {
                GANTRY_ASSIGN_OR_RETURN(auto value, DecodeValue(v));
                values.push_back(std::move(value));
            }
            r.rows.push_back(std::move(values));
        }
    }
    if (j.contains("affected_row_count") && j["affected_row_count"].is_number_unsigned()) {
        r.affected_row_count = j["affected_row_count"];
    }
    if (j.contains("last_insert_rowid") && j["last_insert_rowid"].is_string()) {
        const std::string& s = j["last_insert_rowid"].get_ref<const std::string&>();
        int64_t v = 0;
        if (std::from_chars(s.data(), s.data() + s.size(), v).ec == std::errc()) r.last_insert_rowid = v;
    }
    return r;
}

StatusOr<BatchResult> DecodeBatchResult(const json& j, size_t steps) {
    if (!j.is_object() || !j.contains("step_results") || !j["step_results"].is_array()) {
        return InvalidArgumentError("Hrana batch result without step_results");
    }
    const json& results = j["step_results"];
    const json errors = j.contains("step_errors") && j["step_errors"].is_array() ? j["step_errors"] : json::array();
    BatchResult out;
    out.steps.resize(steps);
    for (size_t i = 0; i < steps; ++i) {
        if (i < results.size() && !results[i].is_null()) {
            GANTRY_ASSIGN_OR_RETURN(auto r, DecodeStmtResult(results[i]));
            out.steps[i].result = std::move(r);
        } else if (i < errors.size() && !errors[i].is_null()) {
            out.steps[i].error = DecodeError(errors[i]);
        }
    }
    return out;
}

}  // namespace

std::string EncodePipeline(const std::optional<std::string>& baton, const std::vector<StreamRequest>& requests) {
    json reqs = json::array();
    for (const auto& r : requests) reqs.push_back(EncodeRequest(r));
    json body = {{"baton", baton ? json(*baton) : json(nullptr)}, {"requests", std::move(reqs)}};
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

StatusOr<PipelineResponse> DecodePipeline(const std::string& body, const std::vector<StreamRequest>& requests) {
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        return UnavailableError("the Hrana server answered with a body that is not a JSON object");
    }
    PipelineResponse out;
    if (j.contains("baton") && j["baton"].is_string()) out.baton = j["baton"].get<std::string>();
    if (j.contains("base_url") && j["base_url"].is_string()) out.base_url = j["base_url"].get<std::string>();
    if (!j.contains("results") || !j["results"].is_array() || j["results"].size() != requests.size()) {
        return UnavailableError("the Hrana server returned " +
                                std::to_string(j.contains("results") ? j["results"].size() : 0) + " results for " +
                                std::to_string(requests.size()) + " requests");
    }
    for (size_t i = 0; i < requests.size(); ++i) {
        const json& r = j["results"][i];
        StreamResult result;
        const std::string type = r.contains("type") && r["type"].is_string() ? r["type"].get<std::string>() : "";
        if (type == "error") {
            result.error = DecodeError(r.contains("error") ? r["error"] : json());
        } else if (type == "ok") {
            const json& resp = r.contains("response") ? r["response"] : json();
            if (std::holds_alternative<ExecuteRequest>(requests[i])) {
                GANTRY_ASSIGN_OR_RETURN(auto sr, DecodeStmtResult(resp.contains("result") ? resp["result"] : json()));
                result.response = std::move(sr);
            } else if (const auto* b = std::get_if<BatchRequest>(&requests[i])) {
                GANTRY_ASSIGN_OR_RETURN(auto br, DecodeBatchResult(resp.contains("result") ? resp["result"] : json(),
                                                                   b->batch.steps.size()));
                result.response = std::move(br);
            }
        } else {
            return UnavailableError("Hrana result " + std::to_string(i) + " has unknown type '" + type + "'");
        }
        out.results.push_back(std::move(result));
    }
    return out;
}

std::string DescribeErrorBody(const std::string& body) {
    json j = json::parse(body, nullptr, false);
    if (!j.is_discarded() && j.is_object() && j.contains("message") && j["message"].is_string()) {
        return j["message"];
    }
    std::string text = body.substr(0, 500);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
    return text.empty() ? "(empty body)" : text;
}

}  // namespace gantry::turso::hrana
