#include "gantry/mcp/json_schema.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

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

// Whether `d` can contain itself through its message fields (directly or through other messages).
bool IsRecursive(const Descriptor* d) {
    static std::mutex mu;
    static std::map<const Descriptor*, bool> cache;
    std::lock_guard lock(mu);
    if (const auto it = cache.find(d); it != cache.end()) return it->second;
    std::set<const Descriptor*> seen;
    std::vector<const Descriptor*> stack{d};
    bool recursive = false;
    while (!stack.empty() && !recursive) {
        const auto* m = stack.back();
        stack.pop_back();
        for (int i = 0; i < m->field_count() && !recursive; ++i) {
            const auto* sub = m->field(i)->message_type();
            if (!sub) continue;
            if (sub == d) recursive = true;
            else if (seen.insert(sub).second) stack.push_back(sub);
        }
    }
    cache.emplace(d, recursive);
    return recursive;
}

// One schema being written: where each recursive message was written out in full, so that every later
// occurrence can point there instead of repeating it.
class SchemaWriter {
public:
    explicit SchemaWriter(Direction dir) : dir_(dir) {}

    Json Message(const Descriptor* d, const std::string& path, int depth) {
        if (Json wkt = WellKnownSchema(d, dir_); !wkt.is_null()) return wkt;
        Json schema{{"type", "object"}};
        const bool recursive = IsRecursive(d);
        if (const auto it = written_.find(d); recursive && it != written_.end()) {
            // Written out already: around this place (it recurs) or elsewhere in the schema.
            const bool enclosing = std::find(path_.begin(), path_.end(), d) != path_.end();
            return Reference(d, enclosing && !it->second.empty() ? "the enclosing " + Where(it->second)
                                                                  : Where(it->second));
        }
        if (depth >= kMaxSchemaDepth) {
            schema["description"] = "a " + d->name() + " message (nested too deeply to describe further)";
            return schema;
        }
        if (recursive) {
            written_.emplace(d, path);
            path_.push_back(d);
        }
        Json properties = Json::object();
        for (int i = 0; i < d->field_count(); ++i) {
            const auto* f = d->field(i);
            properties[f->name()] = Field(f, path.empty() ? f->name() : path + "." + f->name(), depth);
        }
        if (recursive) path_.pop_back();
        schema["properties"] = std::move(properties);
        std::string exclusive;
        for (int i = 0; i < d->real_oneof_decl_count(); ++i) {
            const auto* oneof = d->oneof_decl(i);  // real oneofs come before synthetic (proto3 optional) ones
            exclusive += exclusive.empty() ? "Set at most one of each group: " : "; ";
            for (int j = 0; j < oneof->field_count(); ++j) exclusive += (j ? ", " : "") + oneof->field(j)->name();
        }
        if (!exclusive.empty()) schema["description"] = exclusive + ".";
        if (dir_ == Direction::kInput) schema["additionalProperties"] = false;
        return schema;
    }

private:
    static std::string Where(const std::string& path) {
        return path.empty() ? "the top-level object" : "`" + path + "`";
    }

    // A recursive message written out elsewhere in this schema: a plain object that says where. Unknown
    // properties are allowed here, since this schema does not list the properties.
    static Json Reference(const Descriptor* d, const std::string& where) {
        return {{"type", "object"},
                {"description", "a " + d->name() + " (same shape as " + where +
                                    "; recursive messages are written out once)"}};
    }

    // The schema of one value of the field (ignoring repeated/map).
    Json Value(const FieldDescriptor* f, const std::string& path, int depth) {
        switch (f->cpp_type()) {
            case FieldDescriptor::CPPTYPE_INT32:
                return {{"type", "integer"}, {"minimum", INT32_MIN}, {"maximum", INT32_MAX}};
            case FieldDescriptor::CPPTYPE_UINT32: return {{"type", "integer"}, {"minimum", 0}, {"maximum", UINT32_MAX}};
            case FieldDescriptor::CPPTYPE_INT64: return Int64Schema(dir_, false);
            case FieldDescriptor::CPPTYPE_UINT64: return Int64Schema(dir_, true);
            case FieldDescriptor::CPPTYPE_DOUBLE:
            case FieldDescriptor::CPPTYPE_FLOAT: return {{"type", "number"}};
            case FieldDescriptor::CPPTYPE_BOOL: return {{"type", "boolean"}};
            case FieldDescriptor::CPPTYPE_STRING:
                if (f->type() == FieldDescriptor::TYPE_BYTES) {
                    return {{"type", "string"}, {"contentEncoding", "base64"}};
                }
                return {{"type", "string"}};
            case FieldDescriptor::CPPTYPE_ENUM: {
                if (f->enum_type()->full_name() == "google.protobuf.NullValue") return {{"type", "null"}};
                Json names = Json::array();
                for (int i = 0; i < f->enum_type()->value_count(); ++i) {
                    names.push_back(f->enum_type()->value(i)->name());
                }
                return {{"type", "string"}, {"enum", std::move(names)}};
            }
            case FieldDescriptor::CPPTYPE_MESSAGE: return Message(f->message_type(), path, depth + 1);
        }
        return {};
    }

    Json Field(const FieldDescriptor* f, const std::string& path, int depth) {
        Json schema;
        if (f->is_map()) {
            schema = {{"type", "object"},
                      {"additionalProperties", Value(f->message_type()->map_value(), path + ".*", depth)}};
        } else if (f->is_repeated()) {
            schema = {{"type", "array"}, {"items", Value(f, path + "[]", depth)}};
        } else {
            schema = Value(f, path, depth);
        }
        const auto& doc = f->options().GetExtension(gantry::common::v1::field_doc);
        if (!doc.empty()) {
            // A type's own note (e.g. "a 64-bit integer as a decimal string") follows the field's description.
            const auto note = schema.value("description", std::string());
            schema["description"] = note.empty() ? doc : doc + " (" + note + ")";
        }
        return schema;
    }

    Direction dir_;
    std::vector<const Descriptor*> path_;               // the recursive messages being written out, outermost first
    std::map<const Descriptor*, std::string> written_;  // where each recursive message is (being) written out
};

// `path` is where the message's JSON is within the schema's ("" at the top).
Json MessageSchema(const Descriptor* d, Direction dir, const std::string& path = "") {
    return SchemaWriter(dir).Message(d, path, 0);
}

}  // namespace

Json InputSchema(const Descriptor* message) { return MessageSchema(message, Direction::kInput); }

Json OutputSchema(const Descriptor* message) { return MessageSchema(message, Direction::kOutput); }

Json StreamOutputSchema(const Descriptor* message) {
    return {{"type", "object"},
            {"properties",
             {{"messages",
               {{"type", "array"},
                {"description", "every message the server streamed, in order"},
                {"items", MessageSchema(message, Direction::kOutput, "messages[]")}}}}}};
}

}  // namespace gantry::mcp
