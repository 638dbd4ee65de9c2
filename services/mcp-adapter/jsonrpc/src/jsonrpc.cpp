#include "gantry/mcp/jsonrpc.hpp"

#include <algorithm>

#include "gantry/common/status_mapping.hpp"

namespace gantry::mcp::jsonrpc {
namespace {

bool IsValidId(const Json& id) { return id.is_string() || id.is_number_integer(); }

Parsed Invalid(const Json& id, std::string message) { return {std::nullopt, MakeError(id, kInvalidRequest, std::move(message))}; }

// The deepest nesting of arrays and objects in `text`, counting brackets outside strings; stops
// counting once `limit` is passed.
int NestingDepth(std::string_view text, int limit) {
    int depth = 0;
    int deepest = 0;
    bool in_string = false;
    for (size_t i = 0; i < text.size() && deepest <= limit; ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

}  // namespace

Parsed Parse(std::string_view text) {
    if (NestingDepth(text, kMaxNestingDepth) > kMaxNestingDepth) {
        return Invalid(nullptr, "invalid request: the message is nested deeper than " +
                                    std::to_string(kMaxNestingDepth) + " levels");
    }
    Json value = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) {
        return {std::nullopt, MakeError(nullptr, kParseError, "parse error: the message is not valid JSON")};
    }
    return Validate(std::move(value));
}

Parsed Validate(Json value) {
    if (value.is_array()) return Invalid(nullptr, "invalid request: JSON-RPC batches are not supported by MCP");
    if (!value.is_object()) return Invalid(nullptr, "invalid request: a message must be a JSON object");

    const auto id_it = value.find("id");
    const bool has_id = id_it != value.end();
    const Json id = has_id && IsValidId(*id_it) ? *id_it : Json(nullptr);
    const auto version = value.find("jsonrpc");
    if (version == value.end() || *version != "2.0") return Invalid(id, "invalid request: \"jsonrpc\" must be \"2.0\"");
    if (has_id && !IsValidId(*id_it)) return Invalid(nullptr, "invalid request: \"id\" must be a string or an integer");

    Message message;
    message.id = id;
    const auto method = value.find("method");
    if (method != value.end()) {
        if (!method->is_string() || method->get_ref<const std::string&>().empty()) {
            return Invalid(id, "invalid request: \"method\" must be a non-empty string");
        }
        message.method = method->get<std::string>();
        message.kind = has_id ? Message::Kind::kRequest : Message::Kind::kNotification;
        if (const auto params = value.find("params"); params != value.end()) {
            if (!params->is_object()) {
                if (!has_id) return Invalid(nullptr, "invalid request: \"params\" must be an object");
                return {std::nullopt, MakeError(id, kInvalidParams, "invalid params: \"params\" must be an object")};
            }
            message.params = std::move(*params);  // moved, not copied: raw keeps the rest
        }
    } else if (has_id && (value.contains("result") || value.contains("error"))) {
        message.kind = Message::Kind::kResponse;
    } else {
        return Invalid(id, "invalid request: a message needs \"method\" (request or notification) or "
                           "\"result\"/\"error\" (response)");
    }
    message.raw = std::move(value);
    return {std::move(message), nullptr};
}

Json MakeResult(const Json& id, Json result) {
    return Json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

Json MakeError(const Json& id, int code, std::string message, Json data) {
    Json error{{"code", code}, {"message", std::move(message)}};
    if (!data.is_null()) error["data"] = std::move(data);
    return Json{{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(error)}};
}

Json MakeError(const Json& id, const Status& status) {
    Json data = nullptr;
    if (!status.reason().empty()) data = Json{{"reason", status.reason()}};
    return MakeError(id, ToJsonRpcErrorCode(status.code()), status.message(), std::move(data));
}

Json MakeNotification(std::string method, Json params) {
    Json out{{"jsonrpc", "2.0"}, {"method", std::move(method)}};
    if (!params.is_null()) out["params"] = std::move(params);
    return out;
}

std::string Serialize(const Json& message) { return message.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string IdKey(const Json& id) { return Serialize(id); }

}  // namespace gantry::mcp::jsonrpc
