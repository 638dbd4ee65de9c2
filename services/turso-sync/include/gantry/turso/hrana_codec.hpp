#pragma once
/// @file Hrana over HTTP, JSON flavour (v2/v3 pipeline): encoding requests and decoding responses.
/// Pure functions over strings; the transport lives in HranaClient.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/turso/hrana_types.hpp"

namespace gantry::turso::hrana {

struct ExecuteRequest {
    Stmt stmt;
};
struct BatchRequest {
    Batch batch;
};
struct CloseRequest {};
using StreamRequest = std::variant<ExecuteRequest, BatchRequest, CloseRequest>;

/// One pipeline entry's result: the decoded response of its request, or the server's error for it.
struct StreamResult {
    std::variant<std::monostate, StmtResult, BatchResult> response;  // monostate: close (or error)
    std::optional<StmtError> error;
};

struct PipelineResponse {
    std::optional<std::string> baton;
    std::optional<std::string> base_url;
    std::vector<StreamResult> results;
};

/// `{"baton":...,"requests":[...]}`; integers travel as strings, blobs as padded base64.
std::string EncodePipeline(const std::optional<std::string>& baton, const std::vector<StreamRequest>& requests);

/// Decodes a 200 response body. Malformed JSON, an unknown value type or a result count that does not match
/// `requests` is an error naming what was wrong.
StatusOr<PipelineResponse> DecodePipeline(const std::string& body, const std::vector<StreamRequest>& requests);

/// The error message of a non-2xx body: the JSON `message` when there is one, else the text itself.
std::string DescribeErrorBody(const std::string& body);

}  // namespace gantry::turso::hrana
