#pragma once
/// @file The C API wrapped for tests: an owning client and calls that return code, JSON and error parts.

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "gantry/client.h"

namespace gantry::client_c::testing {

struct Outcome {
    int code = 0;
    nlohmann::json response;             // the response (unary) when code is 0
    std::vector<nlohmann::json> stream;  // the messages streamed before the end
    std::string code_name;
    std::string message;
    std::string reason;
    nlohmann::json metadata;
};

struct ClientDeleter {
    void operator()(gantry_client* c) const { gantry_client_close(c); }
};
using ClientPtr = std::unique_ptr<gantry_client, ClientDeleter>;

/// Opens a client; `open` receives the open's own outcome.
ClientPtr Open(const gantry_client_options& options, Outcome* open = nullptr);
ClientPtr Open(const std::string& address, const std::string& token = "", int64_t deadline_ms = 5000);

Outcome Call(gantry_client* client, const std::string& method, const std::string& request, int64_t timeout_ms = 0);

/// Streams; the callback stops the stream (returns non-zero) after `stop_after` messages when it is > 0.
Outcome Stream(gantry_client* client, const std::string& method, const std::string& request, int stop_after = 0);

}  // namespace gantry::client_c::testing
