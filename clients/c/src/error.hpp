#pragma once
/// @file gantry_error: a Status as the C ABI hands it out.

#include <string>

#include "gantry/client.h"
#include "gantry/common/status.hpp"

struct gantry_error {
    int code = 0;
    std::string code_name;
    std::string message;
    std::string reason;
    std::string metadata_json;
};

namespace gantry::client_c {

/// Stores `status` in *out when out is not NULL and returns the status's code, for every C entry point.
int Report(const Status& status, gantry_error** out);

/// Runs `body` (returning a Status) so that no exception escapes: any exception becomes INTERNAL.
template <typename Body>
int Guard(gantry_error** error, Body body) noexcept {
    try {
        return Report(body(), error);
    } catch (const std::exception& e) {
        return Report(InternalError(std::string("gantry client: ") + e.what()), error);
    } catch (...) {
        return Report(InternalError("gantry client: unknown exception"), error);
    }
}

}  // namespace gantry::client_c
