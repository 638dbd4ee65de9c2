#pragma once
/// @file The HTTP seam the protocol cores talk through. The production implementation is libcurl
/// (curl_http_client.hpp); unit tests use an in-memory fake.

#include <chrono>
#include <map>
#include <string>

#include "gantry/common/status.hpp"

namespace gantry::turso {

struct HttpRequest {
    std::string method = "POST";  // GET or POST
    std::string url;
    std::map<std::string, std::string> headers;  // e.g. content-type; Authorization is added by the client
    std::string body;
    std::chrono::milliseconds timeout{30000};
    /// Safe to send again after a failure whose outcome is unknown (GET probes, pulls). Pipelines are not.
    bool idempotent = false;
};

struct HttpResponse {
    long status = 0;
    std::string body;
};

class HttpClient {
public:
    virtual ~HttpClient() = default;
    /// A transport failure (refused, reset, timed out, TLS) is UNAVAILABLE / DEADLINE_EXCEEDED; any HTTP status
    /// is a response, for the caller to interpret.
    virtual StatusOr<HttpResponse> Send(const HttpRequest& request) = 0;
};

}  // namespace gantry::turso
