#pragma once
/// @file The Turso sync protocol's pull (`POST /pull-updates`): request encoding, response decoding and
/// validation. A response is a header message, then one PageData per changed page, each varint-prefixed.

#include <cstdint>
#include <string>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/turso/http_client.hpp"

namespace gantry::turso {

inline constexpr size_t kPageSize = 4096;

struct Page {
    uint64_t number = 0;  // 1-based SQLite page number
    std::string data;     // kPageSize bytes
};

struct PullResult {
    std::string revision;  // the server's revision after these pages
    uint64_t db_size = 0;  // pages
    std::vector<Page> pages;
    uint64_t bytes = 0;  // response body size
};

/// The request body asking for everything after `client_revision` ("" = bootstrap).
std::string EncodePullRequest(const std::string& client_revision);

/// Decodes and validates a response: the raw encoding only (ZSTD is refused by name), every page exactly
/// kPageSize bytes and inside db_size, and a database header declaring a 4096-byte page size.
StatusOr<PullResult> DecodePullResponse(const std::string& body);

/// Sends pulls over an HttpClient (idempotent: retried by a RetryingHttpClient).
class PullClient final {
public:
    PullClient(HttpClient& http, std::string base_url, std::chrono::milliseconds timeout)
        : http_(http), base_url_(std::move(base_url)), timeout_(timeout) {}
    StatusOr<PullResult> Pull(const std::string& client_revision);

private:
    HttpClient& http_;
    std::string base_url_;
    std::chrono::milliseconds timeout_;
};

}  // namespace gantry::turso
