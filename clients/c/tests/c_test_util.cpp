#include "c_test_util.hpp"

namespace gantry::client_c::testing {
namespace {

void Fill(int code, gantry_error* error, Outcome& out) {
    out.code = code;
    if (!error) return;
    out.code_name = gantry_error_code_name(error);
    out.message = gantry_error_message(error);
    out.reason = gantry_error_reason(error);
    out.metadata = nlohmann::json::parse(gantry_error_metadata_json(error));
    gantry_error_free(error);
}

struct StreamState {
    Outcome* out;
    int stop_after;
};

int OnMessage(void* user_data, const char* json, size_t length) {
    auto* state = static_cast<StreamState*>(user_data);
    state->out->stream.push_back(nlohmann::json::parse(std::string(json, length)));
    return state->stop_after > 0 && static_cast<int>(state->out->stream.size()) >= state->stop_after ? 1 : 0;
}

}  // namespace

ClientPtr Open(const gantry_client_options& options, Outcome* open) {
    gantry_client* client = nullptr;
    gantry_error* error = nullptr;
    Outcome local;
    const int code = gantry_client_open(&options, &client, &error);
    Fill(code, error, open ? *open : local);
    return ClientPtr(client);
}

ClientPtr Open(const std::string& address, const std::string& token, int64_t deadline_ms) {
    gantry_client_options options{};
    options.address = address.c_str();
    options.token = token.empty() ? nullptr : token.c_str();
    options.deadline_ms = deadline_ms;
    return Open(options);
}

Outcome Call(gantry_client* client, const std::string& method, const std::string& request, int64_t timeout_ms) {
    Outcome out;
    char* response = nullptr;
    gantry_error* error = nullptr;
    const int code = gantry_client_call(client, method.c_str(), request.c_str(), timeout_ms, &response, &error);
    Fill(code, error, out);
    if (response) {
        out.response = nlohmann::json::parse(response);
        gantry_string_free(response);
    }
    return out;
}

Outcome Stream(gantry_client* client, const std::string& method, const std::string& request, int stop_after) {
    Outcome out;
    StreamState state{&out, stop_after};
    gantry_error* error = nullptr;
    const int code = gantry_client_stream(client, method.c_str(), request.c_str(), 0, OnMessage, &state, &error);
    Fill(code, error, out);
    return out;
}

}  // namespace gantry::client_c::testing
