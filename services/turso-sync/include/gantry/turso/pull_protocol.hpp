#pragma once
/// @file The Turso sync protocol's pull (`POST /pull-updates`): request encoding, response decoding and
/// validation. A response is a header message, then one PageData per changed page, each varint-prefixed.
/// Responses are decoded as they arrive (PullDecoder), so a pull of any size is held at most one message at a
/// time; the pages go to a PullSink.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/turso/http_client.hpp"
#include "gantry/turso/v1/sync_protocol.pb.h"

namespace gantry::turso {

inline constexpr size_t kPageSize = 4096;

struct Page {
    uint64_t number = 0;  // 1-based SQLite page number
    std::string data;     // kPageSize bytes
};

/// A whole pull in memory (tests, and callers that collect small pulls).
struct PullResult {
    std::string revision;  // the server's revision after these pages
    uint64_t db_size = 0;  // pages
    std::vector<Page> pages;
    uint64_t bytes = 0;  // response body size
};

/// What a streamed pull brought, without its pages.
struct PullSummary {
    std::string revision;
    uint64_t db_size = 0;
    uint64_t pages = 0;
    uint64_t bytes = 0;
};

/// Receives a pull while it is decoded.
class PullSink {
public:
    virtual ~PullSink() = default;
    /// The header, before any page. A retried request sends it again: the sink then starts over.
    virtual Status OnHeader(const std::string& revision, uint64_t db_size) = 0;
    /// One page, validated (kPageSize bytes, inside db_size); `data` is valid only during the call.
    virtual Status OnPage(uint64_t number, std::string_view data) = 0;
};

/// Decodes a response body fed in pieces of any size, calling the sink for each complete message. It holds at
/// most one partial message (a page is ~4 KiB; a message above 16 MiB is refused as malformed).
class PullDecoder final {
public:
    explicit PullDecoder(PullSink& sink) : sink_(sink) {}
    Status Feed(std::string_view piece);
    /// The body ended: an error if it ended inside a message or before the header.
    Status Finish() const;
    PullSummary summary() const { return summary_; }

private:
    Status Consume(std::string_view message);
    PullSink& sink_;
    std::string partial_;  // the start of a message split across pieces (its length prefix included)
    bool have_header_ = false;
    PullSummary summary_;
    v1::PageData page_;  // reused: its page buffer is allocated once
};

/// The request body asking for everything after `client_revision` ("" = bootstrap).
std::string EncodePullRequest(const std::string& client_revision);

/// Decodes and validates a whole response: the raw encoding only (ZSTD is refused by name), every page exactly
/// kPageSize bytes and inside db_size, and a database header declaring a 4096-byte page size.
StatusOr<PullResult> DecodePullResponse(const std::string& body);

/// Sends pulls over an HttpClient (idempotent: retried by a RetryingHttpClient).
class PullClient final {
public:
    PullClient(HttpClient& http, std::string base_url, std::chrono::milliseconds timeout)
        : http_(http), base_url_(std::move(base_url)), timeout_(timeout) {}
    /// Streams the response into `sink` as it downloads (the pull is never held whole).
    StatusOr<PullSummary> Pull(const std::string& client_revision, PullSink& sink);
    /// Collects the whole pull in memory.
    StatusOr<PullResult> Pull(const std::string& client_revision);

private:
    HttpClient& http_;
    std::string base_url_;
    std::chrono::milliseconds timeout_;
};

}  // namespace gantry::turso
