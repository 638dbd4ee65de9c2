#include "gantry/client/json_caller.hpp"

#include <nlohmann/json.hpp>

#include "gantry/client/proto_json.hpp"

namespace gantry::client {
namespace {

using google::protobuf::MethodDescriptor;

StatusOr<std::string> RequestBytes(const MethodDescriptor& method, const std::string& request_json) {
    if (request_json.empty()) return std::string();
    auto json = nlohmann::json::parse(request_json, nullptr, false);
    if (json.is_discarded()) {
        return InvalidArgumentError("the request for " + method.full_name() + " is not valid JSON");
    }
    return JsonToBytes(json, method.input_type());
}

StatusOr<std::string> ResponseJson(const MethodDescriptor& method, const std::string& bytes) {
    GANTRY_ASSIGN_OR_RETURN(auto json, BytesToJson(bytes, method.output_type()));
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Looks the method up and checks it has the expected streaming shape.
StatusOr<const MethodDescriptor*> FindShaped(const std::string& name, bool server_streaming) {
    GANTRY_ASSIGN_OR_RETURN(const auto* method, FindMethod(name));
    if (method->client_streaming()) {
        return InvalidArgumentError(method->full_name() + " is client-streaming, which JSON calls do not support");
    }
    if (method->server_streaming() != server_streaming) {
        return InvalidArgumentError(method->full_name() +
                                    (server_streaming ? " is unary; call it without a stream callback"
                                                      : " is server-streaming; call it with a stream callback"));
    }
    return method;
}

}  // namespace

StatusOr<const MethodDescriptor*> FindMethod(const std::string& name) {
    std::string full = name;
    if (!full.empty() && full.front() == '/') full.erase(0, 1);
    if (const auto slash = full.rfind('/'); slash != std::string::npos) full[slash] = '.';
    const auto* method = google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(full);
    if (!method) {
        return NotFoundError("unknown method '" + name + "': expected /package.Service/Method of a Gantry service");
    }
    return method;
}

std::string MethodPath(const MethodDescriptor& method) {
    return "/" + method.service()->full_name() + "/" + method.name();
}

StatusOr<std::string> JsonCaller::Call(const std::string& name, const std::string& request_json,
                                       CallControl& control, std::chrono::milliseconds timeout) const {
    GANTRY_ASSIGN_OR_RETURN(const auto* method, FindShaped(name, false));
    GANTRY_ASSIGN_OR_RETURN(auto request, RequestBytes(*method, request_json));
    GANTRY_ASSIGN_OR_RETURN(auto response, caller_.CallUnary(MethodPath(*method), request, control, timeout));
    return ResponseJson(*method, response);
}

Status JsonCaller::Stream(const std::string& name, const std::string& request_json, CallControl& control,
                          const std::function<Status(const std::string&)>& on_message,
                          std::chrono::milliseconds timeout) const {
    GANTRY_ASSIGN_OR_RETURN(const auto* method, FindShaped(name, true));
    GANTRY_ASSIGN_OR_RETURN(auto request, RequestBytes(*method, request_json));
    return caller_.CallStreaming(
        MethodPath(*method), request, control,
        [&](std::string bytes) -> Status {
            GANTRY_ASSIGN_OR_RETURN(auto json, ResponseJson(*method, bytes));
            return on_message(json);
        },
        timeout);
}

}  // namespace gantry::client
