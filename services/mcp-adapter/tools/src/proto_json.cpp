#include "gantry/mcp/proto_json.hpp"

#include <google/protobuf/util/json_util.h>

namespace gantry::mcp {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::Message;

StatusOr<std::unique_ptr<Message>> NewMessage(const Descriptor* type) {
    const Message* prototype = google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
    if (!prototype) return InternalError("no generated class for message type " + type->full_name());
    return std::unique_ptr<Message>(prototype->New());
}

}  // namespace

StatusOr<std::unique_ptr<Message>> JsonToMessage(const nlohmann::json& json, const Descriptor* type) {
    if (!json.is_null() && !json.is_object()) return InvalidArgumentError("the arguments must be a JSON object");
    GANTRY_ASSIGN_OR_RETURN(auto message, NewMessage(type));
    if (json.is_null()) return message;
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    const auto status = google::protobuf::util::JsonStringToMessage(
        json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), message.get(), options);
    if (!status.ok()) {
        return InvalidArgumentError("invalid arguments for " + type->full_name() + ": " +
                                    std::string(status.message()));
    }
    return message;
}

StatusOr<nlohmann::json> MessageToJson(const Message& message) {
    google::protobuf::util::JsonPrintOptions options;
    options.always_print_primitive_fields = true;
    options.preserve_proto_field_names = true;
    std::string text;
    const auto status = google::protobuf::util::MessageToJsonString(message, &text, options);
    if (!status.ok()) {
        return InternalError("cannot print " + message.GetDescriptor()->full_name() + " as JSON: " +
                             std::string(status.message()));
    }
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded()) return InternalError("protobuf printed invalid JSON for " + message.GetTypeName());
    return json;
}

StatusOr<nlohmann::json> BytesToJson(const std::string& bytes, const Descriptor* type) {
    GANTRY_ASSIGN_OR_RETURN(auto message, NewMessage(type));
    if (!message->ParseFromString(bytes)) {
        return DataLossError("the backend sent a response that is not a valid " + type->full_name());
    }
    return MessageToJson(*message);
}

}  // namespace gantry::mcp
