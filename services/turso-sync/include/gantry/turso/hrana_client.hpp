#pragma once
/// @file A Hrana-over-HTTP client that first learns what the server offers and then sends only that.
///
/// Servers differ: sqld and Turso Cloud serve /v2 and /v3 with streams (batons) and `close`; the local
/// `tursodb --sync-server` answers only `POST /v2/pipeline` with `execute` and `batch`, and rejects anything
/// else with HTTP 500. Discovery probes `GET /v3` and `GET /v2`; when neither answers, the client speaks the
/// minimal dialect (no `close`, no streams). A 500 naming an unknown request variant also downgrades it.

#include <mutex>
#include <optional>
#include <string>

#include "gantry/turso/hrana_codec.hpp"
#include "gantry/turso/http_client.hpp"

namespace gantry::turso {

struct HranaCapabilities {
    std::string pipeline_path = "/v2/pipeline";
    bool streams = false;  // batons keep a stream (its own connection) across requests
    bool close = false;    // `close` requests are understood
    std::string Describe() const;
};

class HranaClient final {
public:
    /// `base_url` is already normalized (NormalizeRemoteUrl); the transport adds authentication.
    HranaClient(HttpClient& http, std::string base_url, std::chrono::milliseconds timeout);

    /// Probes the server once (later calls return the cached answer). UNAVAILABLE when it cannot be reached.
    StatusOr<HranaCapabilities> Discover();

    /// One statement in a fresh stream (autocommit). A SQL error is returned as INVALID_ARGUMENT with reason
    /// "SQL_ERROR" and the server's code in metadata.
    StatusOr<StmtResult> Execute(const Stmt& stmt);
    /// One batch in a fresh stream; per-step errors are in the result, not in the status.
    StatusOr<BatchResult> RunBatch(const Batch& batch);

    /// An interactive stream (requires `streams`): requests carry the baton of the previous response.
    class Stream {
    public:
        StatusOr<StmtResult> Execute(const Stmt& stmt);
        /// Closes the stream on the server (when it understands `close`); the stream is unusable after.
        Status Close();
        bool open() const { return open_; }

    private:
        friend class HranaClient;
        explicit Stream(HranaClient& client) : client_(client) {}
        HranaClient& client_;
        std::optional<std::string> baton_;
        std::optional<std::string> base_url_;
        bool open_ = true;
    };
    /// FAILED_PRECONDITION when the server keeps no streams (interactive transactions would share its one
    /// connection with every other client).
    StatusOr<Stream> OpenStream();

    const std::string& base_url() const { return base_url_; }

private:
    StatusOr<hrana::PipelineResponse> Pipeline(const std::optional<std::string>& baton,
                                               const std::optional<std::string>& base_url,
                                               std::vector<hrana::StreamRequest> requests);
    std::vector<hrana::StreamRequest> WithClose(std::vector<hrana::StreamRequest> requests);

    HttpClient& http_;
    std::string base_url_;
    std::chrono::milliseconds timeout_;
    std::mutex mu_;
    std::optional<HranaCapabilities> caps_;
};

/// Maps a statement error from the server to a Status a caller can act on.
Status SqlError(const StmtError& error);

}  // namespace gantry::turso
