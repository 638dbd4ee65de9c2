#pragma once
/// @file Request checks shared by every backend, so bad input fails the same way on each of them:
/// fields marked `(gantry.resolve.v1.required)` and a few value rules (page names, timecodes, markers).

#include <google/protobuf/message.h>

#include "gantry/common/status.hpp"

namespace gantry::resolve {

/// INVALID_ARGUMENT naming the first problem (e.g. "name is required"), else OK.
Status ValidateRequest(const google::protobuf::Message& request);

/// Whether `page` is one of Resolve's pages (media, cut, edit, fusion, color, fairlight, deliver).
bool IsResolvePage(std::string_view page);

/// Whether `color` is one of Resolve's marker colors.
bool IsMarkerColor(std::string_view color);

}  // namespace gantry::resolve
