#include "gantry/mcp/json_schema.hpp"

#include <string>
#include <string_view>

#include "gantry/common/v1/mcp_tool.pb.h"

namespace gantry::mcp {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using Json = nlohmann::json;

enum class Direction { kInput, kOutput };

Json Int64Schema(Direction dir, bool is_unsigned) {
    if (dir == Direction::kInput) {
        Json s{{"type", "integer"}};
        if (is_unsigned) s["minimum"] = 0;
        return s;
    }
    return Json{{"type", "string"}, {"pattern", is_unsigned ? "^[0-9]+$" : "^-?[0-9]+$"},
                {"description", "a 64-bit integer as a decimal string"}};
}

// Well-known types have their own JSON forms; returns null for ordinary messages.
Json WellKnownSchema(const Descriptor* d, Direction dir) {
    const std::string& name = d->full_name();
    if (name == "google.protobuf.Timestamp") {
        return {{"type", "string"}, {"format", "date-time"}, {"description", "an RFC 3339 timestamp"}};
    }
    if (name == "google.protobuf.Duration") {
        return {{"type", "string"}, {"pattern", "^-?[0-9]+(\\.[0-9]+)?s$"}, {"description", "seconds, e.g. \"1.5s\""}};
    }
    if (name == "google.protobuf.FieldMask") return {{"type", "string"}, {"description", "comma-separated field paths"}};
    if (name == "google.protobuf.Struct" || name == "google.protobuf.Any") return {{"type", "object"}};
    if (name == "google.protobuf.ListValue") return {{"type", "array"}};
    if (name == "google.protobuf.Value") return {{"description", "any JSON value"}};
    if (name == "google.protobuf.Empty") {
        Json s{{"type", "object"}};
        if (dir == Direction::kInput) s["additionalProperties"] = false;
        return s;
    }
    if (name == "google.protobuf.DoubleValue" || name == "google.protobuf.FloatValue") return {{"type", "number"}};
    if (name == "google.protobuf.Int32Value") return {{"type", "integer"}};
    if (name == "google.protobuf.UInt32Value") return {{"type", "integer"}, {"minimum", 0}};
    if (name == "google.protobuf.Int64Value") return Int64Schema(dir, false);
    if (name == "google.protobuf.UInt64Value") return Int64Schema(dir, true);
    if (name == "google.protobuf.BoolValue") return {{"type", "boolean"}};
    if (name == "google.protobuf.StringValue") return {{"type", "string"}};
    if (name == "google.protobuf.BytesValue") return {{"type", "string"}, {"contentEncoding", "base64"}};
    return nullptr;
}

Json MessageSchema(const Descriptor* d, Direction dir, int depth);

// The schema of one value of the field (ignoring repeated/map).
Json ValueSchema(const FieldDescriptor* f, Direction dir, int depth) {
    switch (f->cpp_type()) {
        case FieldDescriptor::CPPTYPE_INT32: return {{"type", "integer"}, {"minimum", INT32_MIN}, {"maximum", INT32_MAX}};
        case FieldDescriptor::CPPTYPE_UINT32: return {{"type", "integer"}, {"minimum", 0}, {"maximum", UINT32_MAX}};
        case FieldDescriptor::CPPTYPE_INT64: return Int64Schema(dir, false);
        case FieldDescriptor::CPPTYPE_UINT64: return Int64Schema(dir, true);
        case FieldDescriptor::CPPTYPE_DOUBLE:
        case FieldDescriptor::CPPTYPE_FLOAT: return {{"type", "number"}};
        case FieldDescriptor::CPPTYPE_BOOL: return {{"type", "boolean"}};
        case FieldDescriptor::CPPTYPE_STRING:
            if (f->type() == FieldDescriptor::TYPE_BYTES) return {{"type", "string"}, {"contentEncoding", "base64"}};
            return {{"type", "string"}};
        case FieldDescriptor::CPPTYPE_ENUM: {
            if (f->enum_type()->full_name() == "google.protobuf.NullValue") return {{"type", "null"}};
            Json names = Json::array();
            for (int i = 0; i < f->enum_type()->value_count(); ++i) names.push_back(f->enum_type()->value(i)->name());
            return {{"type", "string"}, {"enum", std::move(names)}};
        }
        case FieldDescriptor::CPPTYPE_MESSAGE: return MessageSchema(f->message_type(), dir, depth + 1);
    }
    return {};
}

Json FieldSchema(const FieldDescriptor* f, Direction dir, int depth) {
    Json schema;
    if (f->is_map()) {
        schema = {{"type", "object"},
                  {"additionalProperties", ValueSchema(f->message_type()->map_value(), dir, depth)}};
    } else if (f->is_repeated()) {
        schema = {{"type", "array"}, {"items", ValueSchema(f, dir, depth)}};
    } else {
        schema = ValueSchema(f, dir, depth);
    }
    const auto& doc = f->options().GetExtension(gantry::common::v1::field_doc);
    if (!doc.empty()) {
        // A type's own note (e.g. "a 64-bit integer as a decimal string") follows the field's description.
        const auto note = schema.value("description", std::string());
        schema["description"] = note.empty() ? doc : doc + " (" + note + ")";
    }
    return schema;
}

Json MessageSchema(const Descriptor* d, Direction dir, int depth) {
    if (Json wkt = WellKnownSchema(d, dir); !wkt.is_null()) return wkt;
    Json schema{{"type", "object"}};
    if (depth >= kMaxSchemaDepth) {
        schema["description"] = "a " + d->name() + " message (nested too deeply to describe further)";
        return schema;
    }
    Json properties = Json::object();
    for (int i = 0; i < d->field_count(); ++i) {
        const auto* f = d->field(i);
        properties[f->name()] = FieldSchema(f, dir, depth);
    }
    schema["properties"] = std::move(properties);
    std::string exclusive;
    for (int i = 0; i < d->real_oneof_decl_count(); ++i) {
        const auto* oneof = d->oneof_decl(i);  // real oneofs come before synthetic (proto3 optional) ones
        exclusive += exclusive.empty() ? "Set at most one of each group: " : "; ";
        for (int j = 0; j < oneof->field_count(); ++j) exclusive += (j ? ", " : "") + oneof->field(j)->name();
    }
    if (!exclusive.empty()) schema["description"] = exclusive + ".";
    if (dir == Direction::kInput) schema["additionalProperties"] = false;
    return schema;
}

}  // namespace

Json InputSchema(const Descriptor* message) { return MessageSchema(message, Direction::kInput, 0); }

Json OutputSchema(const Descriptor* message) { return MessageSchema(message, Direction::kOutput, 0); }

Json StreamOutputSchema(const Descriptor* message) {
    return {{"type", "object"},
            {"properties",
             {{"messages",
               {{"type", "array"},
                {"description", "every message the server streamed, in order"},
                {"items", OutputSchema(message)}}}}}};
}

}  // namespace gantry::mcp
