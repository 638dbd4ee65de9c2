#pragma once
/// @file HttpClient over libcurl: one reused easy handle (keep-alive connections), a timeout on every
/// request, TLS peer and host verification always on, bearer auth. Thread-safe (calls are serialized).

#include <memory>
#include <mutex>
#include <string>

#include "gantry/turso/http_client.hpp"

namespace gantry::turso {

class CurlHttpClient final : public HttpClient {
public:
    /// `bearer_token` is sent as `Authorization: Bearer ...` when not empty; it is never logged.
    /// `connect_timeout` bounds connection setup; each request's own timeout bounds the whole exchange.
    CurlHttpClient(std::string bearer_token, std::chrono::milliseconds connect_timeout);
    ~CurlHttpClient() override;
    CurlHttpClient(const CurlHttpClient&) = delete;
    CurlHttpClient& operator=(const CurlHttpClient&) = delete;

    StatusOr<HttpResponse> Send(const HttpRequest& request) override;
    /// Hands each piece libcurl receives straight to `sink` (at most CURLOPT_BUFFERSIZE bytes at a time).
    StatusOr<long> Stream(const HttpRequest& request, BodySink& sink) override;

private:
    struct Receiver;
    /// Runs one exchange; the body goes to `receiver`.
    StatusOr<long> Perform(const HttpRequest& request, Receiver& receiver);
    struct Handle;
    std::string bearer_token_;
    std::chrono::milliseconds connect_timeout_;
    std::mutex mu_;
    std::unique_ptr<Handle> handle_;
};

}  // namespace gantry::turso
