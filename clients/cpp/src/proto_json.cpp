#include "gantry/client/proto_json.hpp"

#include <google/protobuf/type.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/type_resolver.h>
#include <google/protobuf/util/type_resolver_util.h>

#include <cfloat>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <type_traits>
#include <vector>

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


// The protobuf JSON printer (util::BinaryToJsonString) goes through a TypeResolver, a generic object
// writer that first builds a tree of every field with its default, and text that must be parsed again;
// on a typical response that is most of mcp-adapter's time per call. PrintMessage walks the message by
// reflection straight into nlohmann::json, with the same output: proto field names, every implicit-presence
// field printed (repeated as [] and maps as {}), fields with presence only when set, 64-bit integers as
// strings, enums by name, bytes as base64 and the well-known types in their JSON forms. Types holding
// google.protobuf.Any or FieldMask keep the reference printer. proto_json_test compares the two.
struct NotDirectlyPrintable {};

using google::protobuf::FieldDescriptor;
using google::protobuf::Reflection;
using Json = nlohmann::json;

bool HoldsIndirectType(const Descriptor* type, std::set<const Descriptor*>& seen) {
    if (!seen.insert(type).second) return false;
    const auto& name = type->full_name();
    if (name == "google.protobuf.Any" || name == "google.protobuf.FieldMask") return true;
    for (int i = 0; i < type->field_count(); ++i) {
        const auto* f = type->field(i);
        if (f->message_type() && HoldsIndirectType(f->message_type(), seen)) return true;
    }
    return false;
}

bool DirectlyPrintable(const Descriptor* type) {
    static std::mutex mu;
    static std::map<const Descriptor*, bool> cache;
    std::lock_guard lock(mu);
    if (const auto it = cache.find(type); it != cache.end()) return it->second;
    std::set<const Descriptor*> seen;
    return cache[type] = !HoldsIndirectType(type, seen);
}

std::string Base64(const std::string& in) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const uint32_t n = (static_cast<uint8_t>(in[i]) << 16) | (static_cast<uint8_t>(in[i + 1]) << 8) |
                           static_cast<uint8_t>(in[i + 2]);
        out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63], kAlphabet[n & 63]};
    }
    if (i + 1 == in.size()) {
        const uint32_t n = static_cast<uint8_t>(in[i]) << 16;
        out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], '=', '='};
    } else if (i + 2 == in.size()) {
        const uint32_t n = (static_cast<uint8_t>(in[i]) << 16) | (static_cast<uint8_t>(in[i + 1]) << 8);
        out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63], '='};
    }
    return out;
}

// A number as the protobuf printer writes it (SimpleDtoa / SimpleFtoa: %.15g or %.6g, more digits only when
// needed to read back the same value), then read as a JSON parser reads that text: "1" is an integer, "1.5" and
// "1e+20" are doubles. So "y": 0 prints as 0, not 0.0, and a float 0.1 as 0.1, exactly as before.
Json NumberFromText(const char* text) {
    if (std::strpbrk(text, ".eE") == nullptr) return static_cast<int64_t>(std::strtoll(text, nullptr, 10));
    return std::strtod(text, nullptr);
}

Json Double(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.*g", DBL_DIG, v);
    if (std::strtod(buf, nullptr) != v) std::snprintf(buf, sizeof buf, "%.*g", DBL_DIG + 2, v);
    return NumberFromText(buf);
}

Json Float(float v) {
    if (std::isnan(v) || std::isinf(v)) return Double(v);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.*g", FLT_DIG, static_cast<double>(v));
    if (std::strtof(buf, nullptr) != v) std::snprintf(buf, sizeof buf, "%.*g", FLT_DIG + 3, static_cast<double>(v));
    return NumberFromText(buf);
}

// "1.5s"-style and RFC 3339 fractions: 0, 3, 6 or 9 digits, as protobuf writes them.
std::string Nanos(int32_t nanos) {
    if (nanos == 0) return "";
    char buf[16];
    if (nanos % 1000000 == 0) {
        std::snprintf(buf, sizeof buf, ".%03d", nanos / 1000000);
    } else if (nanos % 1000 == 0) {
        std::snprintf(buf, sizeof buf, ".%06d", nanos / 1000);
    } else {
        std::snprintf(buf, sizeof buf, ".%09d", nanos);
    }
    return buf;
}

std::string TimestampText(int64_t seconds, int32_t nanos) {
    constexpr int64_t kMin = -62135596800;  // 0001-01-01T00:00:00Z
    constexpr int64_t kMax = 253402300799;  // 9999-12-31T23:59:59Z
    if (seconds < kMin || seconds > kMax || nanos < 0 || nanos > 999999999) throw NotDirectlyPrintable();
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    int64_t days = seconds / 86400;
    int64_t rem = seconds % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const int64_t doe = days - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld", static_cast<long long>(year),
                  static_cast<long long>(month), static_cast<long long>(day), static_cast<long long>(rem / 3600),
                  static_cast<long long>(rem / 60 % 60), static_cast<long long>(rem % 60));
    return buf + Nanos(nanos) + "Z";
}

std::string DurationText(int64_t seconds, int32_t nanos) {
    constexpr int64_t kMax = 315576000000;
    if (seconds < -kMax || seconds > kMax || nanos < -999999999 || nanos > 999999999 ||
        (seconds < 0 && nanos > 0) || (seconds > 0 && nanos < 0)) {
        throw NotDirectlyPrintable();
    }
    const bool negative = seconds < 0 || nanos < 0;
    return (negative ? "-" : "") + std::to_string(negative ? -seconds : seconds) + Nanos(negative ? -nanos : nanos) +
           "s";
}

Json PrintMessage(const Message& message);

// One value of a field: index -1 for a singular field, else the element of a repeated one.
Json PrintValue(const Message& m, const Reflection& r, const FieldDescriptor* f, int index) {
    const bool rep = index >= 0;
    switch (f->cpp_type()) {
        case FieldDescriptor::CPPTYPE_INT32: return rep ? r.GetRepeatedInt32(m, f, index) : r.GetInt32(m, f);
        case FieldDescriptor::CPPTYPE_UINT32: return rep ? r.GetRepeatedUInt32(m, f, index) : r.GetUInt32(m, f);
        case FieldDescriptor::CPPTYPE_INT64:
            return std::to_string(rep ? r.GetRepeatedInt64(m, f, index) : r.GetInt64(m, f));
        case FieldDescriptor::CPPTYPE_UINT64:
            return std::to_string(rep ? r.GetRepeatedUInt64(m, f, index) : r.GetUInt64(m, f));
        case FieldDescriptor::CPPTYPE_DOUBLE: return Double(rep ? r.GetRepeatedDouble(m, f, index) : r.GetDouble(m, f));
        case FieldDescriptor::CPPTYPE_FLOAT: return Float(rep ? r.GetRepeatedFloat(m, f, index) : r.GetFloat(m, f));
        case FieldDescriptor::CPPTYPE_BOOL: return rep ? r.GetRepeatedBool(m, f, index) : r.GetBool(m, f);
        case FieldDescriptor::CPPTYPE_ENUM: {
            if (f->enum_type()->full_name() == "google.protobuf.NullValue") return nullptr;
            const int number = rep ? r.GetRepeatedEnumValue(m, f, index) : r.GetEnumValue(m, f);
            const auto* value = f->enum_type()->FindValueByNumber(number);
            if (value) return value->name();
            return number;
        }
        case FieldDescriptor::CPPTYPE_STRING: {
            std::string scratch;
            const auto& s = rep ? r.GetRepeatedStringReference(m, f, index, &scratch) : r.GetStringReference(m, f, &scratch);
            if (f->type() == FieldDescriptor::TYPE_BYTES) return Base64(s);
            return s;
        }
        case FieldDescriptor::CPPTYPE_MESSAGE:
            return PrintMessage(rep ? r.GetRepeatedMessage(m, f, index) : r.GetMessage(m, f));
    }
    throw NotDirectlyPrintable();
}

// A map key as JSON prints it: always a string.
std::string MapKey(const Message& entry) {
    const auto* f = entry.GetDescriptor()->map_key();
    const auto key = PrintValue(entry, *entry.GetReflection(), f, -1);
    if (key.is_string()) return key.get<std::string>();
    return key.dump();  // integers and booleans
}

// The value of a well-known type's field `name` of a message known to have it.
const FieldDescriptor* Field(const Message& m, const char* name) {
    const auto* f = m.GetDescriptor()->FindFieldByName(name);
    if (!f) throw NotDirectlyPrintable();
    return f;
}

// google.protobuf.Value: the JSON value it holds.
Json PrintStructValue(const Message& m) {
    const auto& r = *m.GetReflection();
    const auto* oneof = m.GetDescriptor()->FindOneofByName("kind");
    const auto* f = oneof ? r.GetOneofFieldDescriptor(m, oneof) : nullptr;
    if (!f) throw NotDirectlyPrintable();  // no kind set: the protobuf printer decides
    if (f->name() == "null_value") return nullptr;
    if (f->name() == "number_value") {
        const double v = r.GetDouble(m, f);
        if (std::isnan(v) || std::isinf(v)) throw NotDirectlyPrintable();
        return Double(v);
    }
    return PrintValue(m, r, f, -1);
}

Json PrintWellKnown(const Message& m, const std::string& name, bool& handled) {
    handled = true;
    const auto& r = *m.GetReflection();
    if (name == "google.protobuf.Timestamp") {
        return TimestampText(r.GetInt64(m, Field(m, "seconds")), r.GetInt32(m, Field(m, "nanos")));
    }
    if (name == "google.protobuf.Duration") {
        return DurationText(r.GetInt64(m, Field(m, "seconds")), r.GetInt32(m, Field(m, "nanos")));
    }
    if (name == "google.protobuf.Value") return PrintStructValue(m);
    if (name == "google.protobuf.ListValue") {
        const auto* f = Field(m, "values");
        Json out = Json::array();
        for (int i = 0; i < r.FieldSize(m, f); ++i) out.push_back(PrintStructValue(r.GetRepeatedMessage(m, f, i)));
        return out;
    }
    if (name == "google.protobuf.Struct") {
        const auto* f = Field(m, "fields");
        Json out = Json::object();
        for (int i = 0; i < r.FieldSize(m, f); ++i) {
            const auto& entry = r.GetRepeatedMessage(m, f, i);
            const auto& er = *entry.GetReflection();
            out[er.GetString(entry, Field(entry, "key"))] = PrintStructValue(er.GetMessage(entry, Field(entry, "value")));
        }
        return out;
    }
    if (name.size() > 5 && name.compare(name.size() - 5, 5, "Value") == 0 && name.rfind("google.protobuf.", 0) == 0) {
        return PrintValue(m, r, Field(m, "value"), -1);  // the wrappers: Int64Value, StringValue, ...
    }
    handled = false;
    return nullptr;
}

Json PrintMessage(const Message& message) {
    const auto* type = message.GetDescriptor();
    if (type->file()->name().rfind("google/protobuf/", 0) == 0) {
        bool handled = false;
        auto wkt = PrintWellKnown(message, type->full_name(), handled);
        if (handled) return wkt;
    }
    const auto& r = *message.GetReflection();
    Json out = Json::object();
    for (int i = 0; i < type->field_count(); ++i) {
        const auto* f = type->field(i);
        if (f->is_map()) {
            Json map = Json::object();
            for (int j = 0; j < r.FieldSize(message, f); ++j) {
                const auto& entry = r.GetRepeatedMessage(message, f, j);
                map[MapKey(entry)] = PrintValue(entry, *entry.GetReflection(), f->message_type()->map_value(), -1);
            }
            out[f->name()] = std::move(map);
        } else if (f->is_repeated()) {
            Json list = Json::array();
            for (int j = 0; j < r.FieldSize(message, f); ++j) list.push_back(PrintValue(message, r, f, j));
            out[f->name()] = std::move(list);
        } else if (!f->has_presence() || r.HasField(message, f)) {
            out[f->name()] = PrintValue(message, r, f, -1);
        }
    }
    return out;
}


// The other direction: arguments to a request message, by reflection, for the plain JSON a model writes (strings,
// integers, numbers, booleans, enum names, nested objects and arrays of them). Anything else (map fields, bytes,
// well-known types, integers written as strings, null, a value out of range, an unknown name) returns false and the
// protobuf parser handles the whole request, so its rules and its error messages stay the only ones.
bool ParseObject(const Json& json, Message* message);

bool IsWellKnown(const Descriptor* type) { return type->file()->name().rfind("google/protobuf/", 0) == 0; }

template <typename T>
bool IntegerIn(const Json& v, T& out) {
    if (v.is_number_unsigned()) {
        const auto u = v.get<uint64_t>();
        if (u > static_cast<uint64_t>(std::numeric_limits<T>::max())) return false;
        out = static_cast<T>(u);
        return true;
    }
    if (v.is_number_integer()) {
        const auto i = v.get<int64_t>();
        if (i < 0 && std::is_unsigned_v<T>) return false;
        if (!std::is_unsigned_v<T> && (i < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
                                       i > static_cast<int64_t>(std::numeric_limits<T>::max()))) {
            return false;
        }
        out = static_cast<T>(i);
        return true;
    }
    return false;
}

template <typename T>
bool ParseInteger(const Json& v, Message* m, const FieldDescriptor* f, bool add,
                  void (Reflection::*set)(Message*, const FieldDescriptor*, T) const,
                  void (Reflection::*append)(Message*, const FieldDescriptor*, T) const) {
    T x;
    if (!IntegerIn(v, x)) return false;
    (m->GetReflection()->*(add ? append : set))(m, f, x);
    return true;
}

// Sets (or, with `add`, appends) one value of field `f`.
bool ParseValue(const Json& v, Message* m, const FieldDescriptor* f, bool add) {
    const auto& r = *m->GetReflection();
    switch (f->cpp_type()) {
        case FieldDescriptor::CPPTYPE_INT32:
            return ParseInteger<int32_t>(v, m, f, add, &Reflection::SetInt32, &Reflection::AddInt32);
        case FieldDescriptor::CPPTYPE_UINT32:
            return ParseInteger<uint32_t>(v, m, f, add, &Reflection::SetUInt32, &Reflection::AddUInt32);
        case FieldDescriptor::CPPTYPE_INT64:
            return ParseInteger<int64_t>(v, m, f, add, &Reflection::SetInt64, &Reflection::AddInt64);
        case FieldDescriptor::CPPTYPE_UINT64:
            return ParseInteger<uint64_t>(v, m, f, add, &Reflection::SetUInt64, &Reflection::AddUInt64);
        case FieldDescriptor::CPPTYPE_DOUBLE: {
            if (!v.is_number()) return false;
            const auto x = v.get<double>();
            add ? r.AddDouble(m, f, x) : r.SetDouble(m, f, x);
            return true;
        }
        case FieldDescriptor::CPPTYPE_FLOAT: {
            if (!v.is_number()) return false;
            const auto d = v.get<double>();
            if (d > FLT_MAX || d < -FLT_MAX) return false;
            const auto x = static_cast<float>(d);
            add ? r.AddFloat(m, f, x) : r.SetFloat(m, f, x);
            return true;
        }
        case FieldDescriptor::CPPTYPE_BOOL: {
            if (!v.is_boolean()) return false;
            add ? r.AddBool(m, f, v.get<bool>()) : r.SetBool(m, f, v.get<bool>());
            return true;
        }
        case FieldDescriptor::CPPTYPE_ENUM: {
            if (!v.is_string()) return false;
            const auto* value = f->enum_type()->FindValueByName(v.get_ref<const std::string&>());
            if (!value || f->enum_type()->full_name() == "google.protobuf.NullValue") return false;
            add ? r.AddEnumValue(m, f, value->number()) : r.SetEnumValue(m, f, value->number());
            return true;
        }
        case FieldDescriptor::CPPTYPE_STRING: {
            if (!v.is_string() || f->type() != FieldDescriptor::TYPE_STRING) return false;
            add ? r.AddString(m, f, v.get<std::string>()) : r.SetString(m, f, v.get<std::string>());
            return true;
        }
        case FieldDescriptor::CPPTYPE_MESSAGE:
            if (!v.is_object() || IsWellKnown(f->message_type())) return false;
            return ParseObject(v, add ? r.AddMessage(m, f) : r.MutableMessage(m, f));
    }
    return false;
}

const FieldDescriptor* FindField(const Descriptor* type, const std::string& name) {
    if (const auto* f = type->FindFieldByName(name)) return f;
    for (int i = 0; i < type->field_count(); ++i) {
        if (type->field(i)->json_name() == name) return type->field(i);
    }
    return nullptr;
}

bool ParseObject(const Json& json, Message* message) {
    const auto* type = message->GetDescriptor();
    std::vector<const FieldDescriptor*> seen;
    std::vector<const google::protobuf::OneofDescriptor*> oneofs;
    for (const auto& [key, v] : json.items()) {
        const auto* f = FindField(type, key);
        if (!f || f->is_map() || v.is_null()) return false;
        if (std::find(seen.begin(), seen.end(), f) != seen.end()) return false;  // both of its names
        seen.push_back(f);
        if (const auto* oneof = f->real_containing_oneof()) {
            if (std::find(oneofs.begin(), oneofs.end(), oneof) != oneofs.end()) return false;
            oneofs.push_back(oneof);
        }
        if (!f->is_repeated()) {
            if (!ParseValue(v, message, f, false)) return false;
            continue;
        }
        if (!v.is_array()) return false;
        for (const auto& element : v) {
            if (element.is_null() || !ParseValue(element, message, f, true)) return false;
        }
    }
    return true;
}

}  // namespace

StatusOr<std::string> JsonToBytes(const nlohmann::json& json, const Descriptor* type) {
    if (!json.is_null() && !json.is_object()) return InvalidArgumentError("the request must be a JSON object");
    if (json.is_null() || json.empty()) return std::string();
    if (auto message = NewMessage(type); message.ok() && !IsWellKnown(type) && ParseObject(json, message->get())) {
        return (*message)->SerializeAsString();
    }
    return JsonToBytesReference(json, type);
}

StatusOr<std::string> JsonToBytesReference(const nlohmann::json& json, const Descriptor* type) {
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

StatusOr<nlohmann::json> BytesToJsonReference(const std::string& bytes, const Descriptor* type) {
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

StatusOr<nlohmann::json> BytesToJson(const std::string& bytes, const Descriptor* type) {
    if (!DirectlyPrintable(type)) return BytesToJsonReference(bytes, type);
    GANTRY_ASSIGN_OR_RETURN(auto message, NewMessage(type));
    if (!message->ParseFromString(bytes)) {
        return DataLossError("the server sent a response that is not a valid " + type->full_name());
    }
    try {
        return PrintMessage(*message);
    } catch (const NotDirectlyPrintable&) {
        // A value the protobuf printer formats or refuses in its own way (a timestamp out of range, NaN in a
        // google.protobuf.Value, ...): let it have the final word.
        return BytesToJsonReference(bytes, type);
    }
}

StatusOr<nlohmann::json> MessageToJson(const Message& message) {
    return BytesToJson(message.SerializeAsString(), message.GetDescriptor());
}

}  // namespace gantry::client
