#include "error.hpp"

#include <nlohmann/json.hpp>

#include <exception>
#include <new>

namespace gantry::client_c {

int Report(const Status& status, gantry_error** out) {
    if (out) *out = nullptr;
    if (status.ok() || !out) return static_cast<int>(status.code());
    auto* error = new (std::nothrow) gantry_error();
    if (error) {
        error->code = static_cast<int>(status.code());
        error->code_name = std::string(StatusCodeName(status.code()));
        error->message = status.message();
        error->reason = status.reason();
        error->metadata_json = nlohmann::json(status.metadata()).dump(-1, ' ', false,
                                                                       nlohmann::json::error_handler_t::replace);
    }
    *out = error;
    return static_cast<int>(status.code());
}

}  // namespace gantry::client_c

extern "C" {

int gantry_error_code(const gantry_error* error) { return error ? error->code : 0; }
const char* gantry_error_code_name(const gantry_error* error) { return error ? error->code_name.c_str() : "OK"; }
const char* gantry_error_message(const gantry_error* error) { return error ? error->message.c_str() : ""; }
const char* gantry_error_reason(const gantry_error* error) { return error ? error->reason.c_str() : ""; }
const char* gantry_error_metadata_json(const gantry_error* error) {
    return error ? error->metadata_json.c_str() : "{}";
}
void gantry_error_free(gantry_error* error) { delete error; }

}  // extern "C"
