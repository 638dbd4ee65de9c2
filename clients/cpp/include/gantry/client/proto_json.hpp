#pragma once
/// @file JSON to protobuf messages and back (the protobuf JSON mapping).

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#include "gantry/common/status.hpp"

namespace gantry::client {

/// Converts a JSON object to the serialized `type` message it describes (see JsonToMessage).
StatusOr<std::string> JsonToBytes(const nlohmann::json& json, const google::protobuf::Descriptor* type);

/// JsonToBytes through the protobuf library's own JSON parser: slower; JsonToBytes hands it every request it does
/// not convert itself (see proto_json.cpp), and tests compare the two.
StatusOr<std::string> JsonToBytesReference(const nlohmann::json& json, const google::protobuf::Descriptor* type);

/// Builds a `type` message from a JSON object (the protobuf JSON mapping; field names as in the proto or lowerCamel). Unknown fields and wrong types are INVALID_ARGUMENT
/// naming the problem; null or an absent object means the empty message.
StatusOr<std::unique_ptr<google::protobuf::Message>> JsonToMessage(const nlohmann::json& json,
                                                                   const google::protobuf::Descriptor* type);

/// Parses serialized `bytes` as a `type` message and prints it as JSON with proto field names and
/// every scalar field, set or not (so the output matches the output schema).
StatusOr<nlohmann::json> BytesToJson(const std::string& bytes, const google::protobuf::Descriptor* type);

/// BytesToJson through the protobuf library's own JSON printer: several times slower; BytesToJson falls back to it
/// for types it does not print itself (google.protobuf.Any, FieldMask), and tests compare the two.
StatusOr<nlohmann::json> BytesToJsonReference(const std::string& bytes, const google::protobuf::Descriptor* type);

/// Prints a message as JSON (see BytesToJson).
StatusOr<nlohmann::json> MessageToJson(const google::protobuf::Message& message);

}  // namespace gantry::client
