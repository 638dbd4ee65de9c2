#pragma once
/// @file The JSON messages the bridge exchanges with its Python side (gantry_resolve_ops), whether that runs in
/// a worker process or in the embedded interpreter:
///   call:  {"method": "CreateProject", "params": {...the request in proto JSON, field names as in .proto}}
///   reply: {"ok": true, "result": {...the response}} or {"ok": false, "code": "NOT_FOUND", "message": "..."}
/// The special method "Connect" (no params) answers {"product": ..., "version": ...} or the reason it cannot.

#include <google/protobuf/message.h>

#include <string>
#include <string_view>

#include "gantry/common/status.hpp"
#include "gantry/resolve/backend.hpp"

namespace gantry::resolve {

/// The Python operation that connects to Resolve; not a gRPC method.
inline constexpr std::string_view kConnectMethod = "Connect";

std::string EncodeCall(std::string_view method, const google::protobuf::Message& request);

/// Fills `response` from a reply, or returns the error it carries. A reply that is not valid JSON or does
/// not fit the response type is INTERNAL (a bug in the Python side), naming the method.
Status DecodeReply(std::string_view method, std::string_view reply, google::protobuf::Message& response);

/// Interprets the reply to Connect as a backend state for `backend`.
BackendState DecodeConnectReply(const std::string& backend, std::string_view reply);

}  // namespace gantry::resolve
