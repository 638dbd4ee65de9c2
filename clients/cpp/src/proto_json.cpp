#include "gantry/client/proto_json.hpp"

#include <google/protobuf/type.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/type_resolver.h>
#include <google/protobuf/util/type_resolver_util.h>

#include <map>
#include <mutex>

namespace gantry::client {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::Message;
namespace util = google::protobuf::util;

constexpr const char* kTypeUrlPrefix = "type.googleapis.com";

// The protobuf JSON converter asks its TypeResolver for every message and enum type on every call,
// and the descriptor-pool resolver rebuilds the answer each time. Descriptors never change at run
// time, so the answers are kept; this makes a conversion several times faster.
class CachingTypeResolver final : public util::TypeResolver {
public:
    CachingTypeResolver()
        : inner_(util::NewTypeResolverForDescriptorPool(kTypeUrlPrefix,
                                                        google::protobuf::DescriptorPool::generated_pool())) {}

    util::Status ResolveMessageType(const std::string& type_url, google::protobuf::Type* type) override {
        return Resolve(types_, type_url, type,
                       [&](google::protobuf::Type* out) { return inner_->ResolveMessageType(type_url, out); });
    }
    util::Status ResolveEnumType(const std::string& type_url, google::protobuf::Enum* enum_type) override {
        return Resolve(enums_, type_url, enum_type,
                       [&](google::protobuf::Enum* out) { return inner_->ResolveEnumType(type_url, out); });
    }

private:
    template <typename T, typename Fn>
    util::Status Resolve(std::map<std::string, T>& cache, const std::string& url, T* out, Fn resolve) {
        {
            std::lock_guard lock(mu_);
            if (const auto it = cache.find(url); it != cache.end()) {
                *out = it->second;
                return util::Status();
            }
        }
        const auto status = resolve(out);
        if (status.ok()) {
            std::lock_guard lock(mu_);
            cache.emplace(url, *out);
        }
        return status;
    }

    std::unique_ptr<util::TypeResolver> inner_;
    std::mutex mu_;
    std::map<std::string, google::protobuf::Type> types_;
    std::map<std::string, google::protobuf::Enum> enums_;
};

util::TypeResolver& Resolver() {
    static auto* resolver = new CachingTypeResolver();  // lives as long as the process
    return *resolver;
}

std::string TypeUrl(const Descriptor* type) { return std::string(kTypeUrlPrefix) + "/" + type->full_name(); }

StatusOr<std::unique_ptr<Message>> NewMessage(const Descriptor* type) {
    const Message* prototype = google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
    if (!prototype) return InternalError("no generated class for message type " + type->full_name());
    return std::unique_ptr<Message>(prototype->New());
}


}  // namespace

StatusOr<std::string> JsonToBytes(const nlohmann::json& json, const Descriptor* type) {
    if (!json.is_null() && !json.is_object()) return InvalidArgumentError("the request must be a JSON object");
    if (json.is_null() || json.empty()) return std::string();
    util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    std::string bytes;
    const auto status = util::JsonToBinaryString(
        &Resolver(), TypeUrl(type), json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), &bytes, options);
    if (!status.ok()) {
        return InvalidArgumentError("invalid request for " + type->full_name() + ": " + std::string(status.message()));
    }
    return bytes;
}

StatusOr<std::unique_ptr<Message>> JsonToMessage(const nlohmann::json& json, const Descriptor* type) {
    GANTRY_ASSIGN_OR_RETURN(auto bytes, JsonToBytes(json, type));
    GANTRY_ASSIGN_OR_RETURN(auto message, NewMessage(type));
    if (!message->ParseFromString(bytes)) return InternalError("cannot parse the converted " + type->full_name());
    return message;
}

StatusOr<nlohmann::json> BytesToJson(const std::string& bytes, const Descriptor* type) {
    // The JSON printer skips what it cannot read, so the bytes are checked by a real parse first.
    GANTRY_ASSIGN_OR_RETURN(auto message, NewMessage(type));
    if (!message->ParseFromString(bytes)) {
        return DataLossError("the server sent a response that is not a valid " + type->full_name());
    }
    util::JsonPrintOptions options;
    options.always_print_primitive_fields = true;
    options.preserve_proto_field_names = true;
    std::string text;
    const auto status = util::BinaryToJsonString(&Resolver(), TypeUrl(type), bytes, &text, options);
    if (!status.ok()) {
        return DataLossError("the server sent a response that is not a valid " + type->full_name() + ": " +
                             std::string(status.message()));
    }
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded()) return InternalError("protobuf printed invalid JSON for " + type->full_name());
    return json;
}

StatusOr<nlohmann::json> MessageToJson(const Message& message) {
    return BytesToJson(message.SerializeAsString(), message.GetDescriptor());
}

}  // namespace gantry::client
