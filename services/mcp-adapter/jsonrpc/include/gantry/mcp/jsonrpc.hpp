#pragma once
/// @file JSON-RPC 2.0 as MCP uses it: parse and validate one message, build responses and errors.
/// No batching (removed from MCP in 2025-06-18); request ids are strings or integers, never null.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "gantry/common/status.hpp"

namespace gantry::mcp::jsonrpc {

using Json = nlohmann::json;

inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kResourceNotFound = -32002;

/// Deepest nesting of arrays and objects a message may have. Deeper input is refused before it is
/// parsed: copying, printing or converting a JSON value recurses once per level.
inline constexpr int kMaxNestingDepth = 64;

/// One validated incoming message.
struct Message {
    enum class Kind { kRequest, kNotification, kResponse };
    Kind kind = Kind::kNotification;
    Json id;             // requests and responses: a string or an integer
    std::string method;  // requests and notifications
    Json params;         // an object, or null when absent
    Json raw;            // the whole message (responses are read from here); a request's params moved to `params`

    bool is_request() const { return kind == Kind::kRequest; }
};

/// A message, or the error response to send back for it (its id is the request's when that could be read).
struct Parsed {
    std::optional<Message> message;
    Json error;  // set when message is empty
};

/// Parses and validates `text` as one JSON-RPC message. Input nested deeper than kMaxNestingDepth is
/// an invalid request.
Parsed Parse(std::string_view text);
/// Validates an already parsed value as one JSON-RPC message.
Parsed Validate(Json value);

/// {"jsonrpc":"2.0","id":id,"result":result}
Json MakeResult(const Json& id, Json result);
/// {"jsonrpc":"2.0","id":id,"error":{"code":code,"message":message[,"data":data]}}
Json MakeError(const Json& id, int code, std::string message, Json data = nullptr);
/// An error response for a Status that ends a request (code from gantry::ToJsonRpcErrorCode).
Json MakeError(const Json& id, const Status& status);
/// {"jsonrpc":"2.0","method":method[,"params":params]}
Json MakeNotification(std::string method, Json params = nullptr);

/// One line of compact JSON (no raw newlines); invalid UTF-8 is replaced, never thrown.
std::string Serialize(const Json& message);

/// A stable text key for a request id (so "1" and 1 stay distinct), e.g. for in-flight maps.
std::string IdKey(const Json& id);

}  // namespace gantry::mcp::jsonrpc
