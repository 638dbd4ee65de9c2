#pragma once
/// @file Calls any Gantry RPC by its full method name with JSON in and JSON out (the protobuf JSON
/// mapping), using the descriptors of the proto libraries linked into the program.

#include <google/protobuf/descriptor.h>

#include <chrono>
#include <functional>
#include <string>

#include "gantry/client/generic_caller.hpp"
#include "gantry/common/status.hpp"

namespace gantry::client {

/// Finds a method in the generated descriptor pool by "/pkg.Service/Method" (the gRPC path) or
/// "pkg.Service/Method" or "pkg.Service.Method". Unknown is NOT_FOUND naming the method.
StatusOr<const google::protobuf::MethodDescriptor*> FindMethod(const std::string& name);

/// The gRPC path of a method: "/pkg.Service/Method".
std::string MethodPath(const google::protobuf::MethodDescriptor& method);

class JsonCaller {
public:
    explicit JsonCaller(GenericCaller caller) : caller_(std::move(caller)) {}

    const GenericCaller& caller() const { return caller_; }

    /// Calls a unary method with a JSON request (text; empty means {}) and returns the JSON response
    /// with proto field names and every scalar printed. A streaming method is INVALID_ARGUMENT.
    StatusOr<std::string> Call(const std::string& method, const std::string& request_json, CallControl& control,
                               std::chrono::milliseconds timeout = {}) const;

    /// Calls a server-streaming method and hands each response, as JSON text, to `on_message`; a non-OK
    /// Status from it cancels the call and is returned. A method that is not server-streaming is
    /// INVALID_ARGUMENT.
    Status Stream(const std::string& method, const std::string& request_json, CallControl& control,
                  const std::function<Status(const std::string&)>& on_message,
                  std::chrono::milliseconds timeout = {}) const;

private:
    GenericCaller caller_;
};

}  // namespace gantry::client
