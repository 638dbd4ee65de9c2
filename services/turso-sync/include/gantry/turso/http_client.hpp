#pragma once
/// @file The HTTP seam the protocol cores talk through. The production implementation is libcurl
/// (curl_http_client.hpp); unit tests use an in-memory fake.

#include <chrono>
#include <map>
#include <string>
#include <string_view>

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

/// Takes a response body piece by piece as it arrives, so that a large body is never held whole.
class BodySink {
public:
    virtual ~BodySink() = default;
    /// Called once per attempt, before any of that attempt's body, with the HTTP status. A retried request
    /// calls it again: the sink starts over.
    virtual Status Start(long status) = 0;
    /// The next piece of the body. An error aborts the transfer; Stream returns it and never retries after it.
    virtual Status Write(std::string_view piece) = 0;
};

class HttpClient {
public:
    virtual ~HttpClient() = default;
    /// A transport failure (refused, reset, timed out, TLS) is UNAVAILABLE / DEADLINE_EXCEEDED; any HTTP status
    /// is a response, for the caller to interpret.
    virtual StatusOr<HttpResponse> Send(const HttpRequest& request) = 0;

    /// Like Send, but hands the body to `sink` as it arrives and returns the HTTP status. This default sends,
    /// then hands over the whole body at once (for transports that cannot stream, such as test fakes).
    virtual StatusOr<long> Stream(const HttpRequest& request, BodySink& sink) {
        GANTRY_ASSIGN_OR_RETURN(auto response, Send(request));
        GANTRY_RETURN_IF_ERROR(sink.Start(response.status));
        if (!response.body.empty()) GANTRY_RETURN_IF_ERROR(sink.Write(response.body));
        return response.status;
    }
};

}  // namespace gantry::turso
