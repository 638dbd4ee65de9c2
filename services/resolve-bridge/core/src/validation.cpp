#include "gantry/resolve/validation.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <regex>
#include <string>

#include "gantry/resolve/v1/app.pb.h"
#include "gantry/resolve/v1/color.pb.h"
#include "gantry/resolve/v1/render.pb.h"
#include "gantry/resolve/v1/timelines.pb.h"
#include "gantry/resolve/v1/types.pb.h"

namespace gantry::resolve {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr std::array<std::string_view, 7> kPages = {"media", "cut", "edit", "fusion", "color", "fairlight", "deliver"};
constexpr std::array<std::string_view, 16> kMarkerColors = {"Blue",   "Cyan",    "Green", "Yellow",   "Red", "Pink",
                                                            "Purple", "Fuchsia", "Rose",  "Lavender", "Sky", "Mint",
                                                            "Lemon",  "Sand",    "Cocoa", "Cream"};

bool IsSet(const Message& message, const FieldDescriptor& field) {
    const auto* reflection = message.GetReflection();
    if (field.is_repeated()) return reflection->FieldSize(message, &field) > 0;
    switch (field.cpp_type()) {
        case FieldDescriptor::CPPTYPE_STRING:
            return !reflection->GetString(message, &field).empty();
        case FieldDescriptor::CPPTYPE_ENUM:
            return reflection->GetEnumValue(message, &field) != 0;
        case FieldDescriptor::CPPTYPE_MESSAGE:
            return reflection->HasField(message, &field);
        case FieldDescriptor::CPPTYPE_INT32:
            return reflection->GetInt32(message, &field) != 0;
        default:
            return true;
    }
}

bool HasAnyOwner(const v1::MarkerOwner& owner) { return owner.owner_case() != v1::MarkerOwner::OWNER_NOT_SET; }

Status CheckRequired(const Message& message, const std::string& prefix) {
    const auto* descriptor = message.GetDescriptor();
    const auto* reflection = message.GetReflection();
    for (int i = 0; i < descriptor->field_count(); ++i) {
        const auto* field = descriptor->field(i);
        const std::string name = prefix + field->name();
        if (field->options().GetExtension(v1::required) && !IsSet(message, *field)) {
            return InvalidArgumentError(name + " is required");
        }
        if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || field->is_map()) continue;
        if (field->is_repeated()) {
            for (int j = 0; j < reflection->FieldSize(message, field); ++j) {
                GANTRY_RETURN_IF_ERROR(CheckRequired(reflection->GetRepeatedMessage(message, field, j),
                                                     name + "[" + std::to_string(j) + "]."));
            }
        } else if (reflection->HasField(message, field)) {
            GANTRY_RETURN_IF_ERROR(CheckRequired(reflection->GetMessage(message, field), name + "."));
        }
    }
    return Status::Ok();
}

Status CheckOwner(const v1::MarkerOwner& owner) {
    if (!HasAnyOwner(owner)) return InvalidArgumentError("owner needs one of timeline_id, clip_id or item_id");
    return Status::Ok();
}

Status CheckTriple(const google::protobuf::RepeatedField<double>& values, const char* name) {
    if (values.size() != 3) return InvalidArgumentError(std::string(name) + " needs 3 values (R G B)");
    return Status::Ok();
}

using Rule = std::function<Status(const Message&)>;

template <typename T>
std::pair<std::string, Rule> RuleFor(std::function<Status(const T&)> rule) {
    return {T::descriptor()->full_name(), [rule](const Message& m) { return rule(static_cast<const T&>(m)); }};
}

const std::map<std::string, Rule>& Rules() {
    static const std::map<std::string, Rule> rules = {
        RuleFor<v1::OpenPageRequest>([](const auto& r) {
            if (!IsResolvePage(r.page())) {
                return InvalidArgumentError("unknown page '" + r.page() +
                                            "': use media, cut, edit, fusion, color, fairlight or deliver");
            }
            return Status::Ok();
        }),
        RuleFor<v1::AddMarkerRequest>([](const auto& r) {
            GANTRY_RETURN_IF_ERROR(CheckOwner(r.owner()));
            if (r.marker().frame() < 0) return InvalidArgumentError("marker.frame must be 0 or more");
            if (r.marker().duration() < 1) return InvalidArgumentError("marker.duration must be at least 1 frame");
            if (!IsMarkerColor(r.marker().color())) {
                return InvalidArgumentError("unknown marker color '" + r.marker().color() +
                                            "': use Blue, Cyan, Green, Yellow, Red, Pink, Purple, Fuchsia, Rose, "
                                            "Lavender, Sky, Mint, Lemon, Sand, Cocoa or Cream");
            }
            return Status::Ok();
        }),
        RuleFor<v1::ListMarkersRequest>([](const auto& r) { return CheckOwner(r.owner()); }),
        RuleFor<v1::DeleteMarkerRequest>([](const auto& r) { return CheckOwner(r.owner()); }),
        RuleFor<v1::SetTimecodeRequest>([](const auto& r) {
            static const std::regex kTimecode(R"(\d{2}:\d{2}:\d{2}[:;]\d{2})");
            if (!std::regex_match(r.timecode(), kTimecode)) {
                return InvalidArgumentError("timecode '" + r.timecode() + "' is not HH:MM:SS:FF");
            }
            return Status::Ok();
        }),
        RuleFor<v1::UpdateTrackRequest>([](const auto& r) {
            if (r.index() < 1) return InvalidArgumentError("index is 1-based");
            return Status::Ok();
        }),
        RuleFor<v1::ListItemsRequest>([](const auto& r) {
            if (r.index() < 1) return InvalidArgumentError("index is 1-based");
            return Status::Ok();
        }),
        RuleFor<v1::AppendClipsRequest>([](const auto& r) {
            for (const auto& c : r.clips()) {
                if (c.track_index() < 0) return InvalidArgumentError("track_index is 1-based");
                if (c.has_start_frame() && c.start_frame() < 0)
                    return InvalidArgumentError("start_frame must be 0 or more");
                if (c.has_start_frame() && c.has_end_frame() && c.end_frame() <= c.start_frame()) {
                    return InvalidArgumentError("end_frame is exclusive and must be greater than start_frame");
                }
            }
            return Status::Ok();
        }),
        RuleFor<v1::ApplyLutRequest>([](const auto& r) {
            if (r.node_index() < 1) return InvalidArgumentError("node_index is 1-based");
            return Status::Ok();
        }),
        RuleFor<v1::SetCdlRequest>([](const auto& r) {
            if (r.node_index() < 1) return InvalidArgumentError("node_index is 1-based");
            GANTRY_RETURN_IF_ERROR(CheckTriple(r.slope(), "slope"));
            GANTRY_RETURN_IF_ERROR(CheckTriple(r.offset(), "offset"));
            return CheckTriple(r.power(), "power");
        }),
        RuleFor<v1::SetRenderSettingsRequest>([](const auto& r) {
            if (r.has_mark_in() && r.has_mark_out() && r.mark_out() <= r.mark_in()) {
                return InvalidArgumentError("mark_out is exclusive and must be greater than mark_in");
            }
            return Status::Ok();
        }),
        RuleFor<v1::WatchRenderRequest>([](const auto& r) {
            if (r.interval_ms() != 0 && (r.interval_ms() < 50 || r.interval_ms() > 10000)) {
                return InvalidArgumentError("interval_ms must be 50..10000 (or 0 for 500)");
            }
            return Status::Ok();
        }),
    };
    return rules;
}

}  // namespace

bool IsResolvePage(std::string_view page) { return std::find(kPages.begin(), kPages.end(), page) != kPages.end(); }

bool IsMarkerColor(std::string_view color) {
    return std::find(kMarkerColors.begin(), kMarkerColors.end(), color) != kMarkerColors.end();
}

Status ValidateRequest(const Message& request) {
    GANTRY_RETURN_IF_ERROR(CheckRequired(request, ""));
    const auto& rules = Rules();
    if (const auto it = rules.find(request.GetDescriptor()->full_name()); it != rules.end()) return it->second(request);
    return Status::Ok();
}

}  // namespace gantry::resolve
