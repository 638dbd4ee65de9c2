#include "gantry/resolve/python_protocol.hpp"

#include <google/protobuf/util/json_util.h>
#include <nlohmann/json.hpp>

#include <array>

namespace gantry::resolve {
namespace {

StatusCode CodeFromName(std::string_view name) {
    static constexpr std::array kCodes = {
        StatusCode::kCancelled,        StatusCode::kUnknown,           StatusCode::kInvalidArgument,
        StatusCode::kDeadlineExceeded, StatusCode::kNotFound,          StatusCode::kAlreadyExists,
        StatusCode::kPermissionDenied, StatusCode::kResourceExhausted, StatusCode::kFailedPrecondition,
        StatusCode::kAborted,          StatusCode::kOutOfRange,        StatusCode::kUnimplemented,
        StatusCode::kInternal,         StatusCode::kUnavailable,       StatusCode::kDataLoss,
        StatusCode::kUnauthenticated};
    for (const auto code : kCodes) {
        if (StatusCodeName(code) == name) return code;
    }
    return StatusCode::kUnknown;
}

}  // namespace

std::string EncodeCall(std::string_view method, const google::protobuf::Message& request) {
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    options.always_print_primitive_fields = true;
    std::string params;
    // Printing a valid message cannot fail.
    (void)google::protobuf::util::MessageToJsonString(request, &params, options);
    std::string out = R"({"method":)";
    out += nlohmann::json(std::string(method)).dump();
    out += R"(,"params":)";
    out += params;
    out += "}";
    return out;
}

Status DecodeReply(std::string_view method, std::string_view reply, google::protobuf::Message& response) {
    const auto json = nlohmann::json::parse(reply, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_object() || !json.contains("ok")) {
        return InternalError("the Python side answered " + std::string(method) + " with a malformed reply");
    }
    if (!json.value("ok", false)) {
        const auto code = CodeFromName(json.value("code", "UNKNOWN"));
        Status status(code, json.value("message", "no message"));
        if (json.contains("reason") && json["reason"].is_string()) status.WithReason(json["reason"].get<std::string>());
        return status;
    }
    const auto result = json.value("result", nlohmann::json::object()).dump();
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    response.Clear();
    if (const auto parsed = google::protobuf::util::JsonStringToMessage(result, &response, options); !parsed.ok()) {
        return InternalError("the Python side's result for " + std::string(method) + " does not fit " +
                             response.GetTypeName() + ": " + std::string(parsed.message()));
    }
    return Status::Ok();
}

BackendState DecodeConnectReply(const std::string& backend, std::string_view reply) {
    BackendState state;
    const auto json = nlohmann::json::parse(reply, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        state.reason = backend + ": the Python side answered Connect with a malformed reply";
        return state;
    }
    if (!json.value("ok", false)) {
        state.reason = backend + ": " + json.value("message", "cannot connect to Resolve");
        return state;
    }
    const auto result = json.value("result", nlohmann::json::object());
    state.backend = backend;
    state.available = true;
    state.product = result.value("product", "");
    state.version = result.value("version", "");
    state.reason = backend + ": connected to " + state.product + " " + state.version;
    return state;
}

}  // namespace gantry::resolve
