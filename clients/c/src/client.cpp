// The C ABI over gantry::client::JsonCaller: options in, JSON in and out, Status out as gantry_error.

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "error.hpp"
#include "gantry/client.h"
#include "gantry/client/channel.hpp"
#include "gantry/client/json_caller.hpp"

struct gantry_client {
    explicit gantry_client(gantry::client::JsonCaller c) : caller(std::move(c)) {}
    gantry::client::JsonCaller caller;
};

namespace {

using gantry::InvalidArgumentError;
using gantry::Status;

constexpr int64_t kDefaultDeadlineMs = 30000;

std::string OrEmpty(const char* text) { return text ? text : ""; }

std::chrono::milliseconds Timeout(int64_t timeout_ms) {
    return std::chrono::milliseconds(timeout_ms > 0 ? timeout_ms : 0);  // 0 = the client's deadline
}

Status CheckCall(const gantry_client* client, const char* method) {
    if (!client) return InvalidArgumentError("the client is NULL");
    if (!method || !*method) return InvalidArgumentError("the method name is empty");
    return Status::Ok();
}

char* CopyString(const std::string& text) {
    auto* out = static_cast<char*>(std::malloc(text.size() + 1));
    if (!out) throw std::bad_alloc();
    std::memcpy(out, text.c_str(), text.size() + 1);
    return out;
}

}  // namespace

extern "C" {

int gantry_client_open(const gantry_client_options* options, gantry_client** client, gantry_error** error) {
    return gantry::client_c::Guard(error, [&]() -> Status {
        if (!client) return InvalidArgumentError("the client out-parameter is NULL");
        *client = nullptr;
        if (!options) return InvalidArgumentError("the options are NULL");
        gantry::client::ChannelOptions channel_options;
        channel_options.address = OrEmpty(options->address);
        channel_options.tls_root_pem = OrEmpty(options->tls_root_pem);
        channel_options.tls_cert_pem = OrEmpty(options->tls_cert_pem);
        channel_options.tls_key_pem = OrEmpty(options->tls_key_pem);
        GANTRY_ASSIGN_OR_RETURN(auto channel, gantry::client::OpenChannel(channel_options));
        gantry::client::CallOptions call_options;
        call_options.token = OrEmpty(options->token);
        call_options.timeout =
            std::chrono::milliseconds(options->deadline_ms > 0 ? options->deadline_ms : kDefaultDeadlineMs);
        *client = new gantry_client(
            gantry::client::JsonCaller(gantry::client::GenericCaller(std::move(channel), std::move(call_options))));
        return Status::Ok();
    });
}

int gantry_client_call(gantry_client* client, const char* method, const char* request_json, int64_t timeout_ms,
                       char** response_json, gantry_error** error) {
    return gantry::client_c::Guard(error, [&]() -> Status {
        if (!response_json) return InvalidArgumentError("the response out-parameter is NULL");
        *response_json = nullptr;
        GANTRY_RETURN_IF_ERROR(CheckCall(client, method));
        gantry::client::CallControl control;
        GANTRY_ASSIGN_OR_RETURN(auto response,
                                client->caller.Call(method, OrEmpty(request_json), control, Timeout(timeout_ms)));
        *response_json = CopyString(response);
        return Status::Ok();
    });
}

int gantry_client_stream(gantry_client* client, const char* method, const char* request_json, int64_t timeout_ms,
                         gantry_message_fn on_message, void* user_data, gantry_error** error) {
    return gantry::client_c::Guard(error, [&]() -> Status {
        GANTRY_RETURN_IF_ERROR(CheckCall(client, method));
        if (!on_message) return InvalidArgumentError("the message callback is NULL");
        gantry::client::CallControl control;
        return client->caller.Stream(
            method, OrEmpty(request_json), control,
            [&](const std::string& json) -> Status {
                if (on_message(user_data, json.c_str(), json.size()) != 0) {
                    return gantry::CancelledError("the message callback stopped the stream");
                }
                return Status::Ok();
            },
            Timeout(timeout_ms));
    });
}

void gantry_client_close(gantry_client* client) { delete client; }

void gantry_string_free(char* text) { std::free(text); }

}  // extern "C"
