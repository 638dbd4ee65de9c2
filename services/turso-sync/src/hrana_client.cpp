#include "gantry/turso/hrana_client.hpp"

namespace gantry::turso {
namespace {

bool Is2xx(long status) { return status >= 200 && status < 300; }

Status HttpError(long status, const std::string& body, const std::string& what) {
    const std::string message = what + ": HTTP " + std::to_string(status) + ": " + hrana::DescribeErrorBody(body);
    if (status == 401) return UnauthenticatedError(message + " (check the auth token)").WithReason("REMOTE_AUTH");
    if (status == 403) return PermissionDeniedError(message).WithReason("REMOTE_AUTH");
    if (status == 400) return InvalidArgumentError(message).WithReason("REMOTE_REJECTED");
    return UnavailableError(message).WithReason("REMOTE_ERROR");
}

bool RejectsClose(long status, const std::string& body) {
    return status == 500 && body.find("unknown variant") != std::string::npos &&
           body.find("close") != std::string::npos;
}

bool HasClose(const std::vector<hrana::StreamRequest>& requests) {
    for (const auto& r : requests) {
        if (std::holds_alternative<hrana::CloseRequest>(r)) return true;
    }
    return false;
}

}  // namespace

std::string HranaCapabilities::Describe() const {
    return pipeline_path + (streams ? " with streams" : " without streams") + (close ? ", close" : ", no close");
}

Status SqlError(const StmtError& error) {
    std::string message = error.message.empty() ? "statement failed" : error.message;
    // The same SQLite errors map as they do locally (and in db-gateway) when the remote names them: sqld sends
    // extended code names such as SQLITE_CONSTRAINT_UNIQUE; a missing table is told only by the message.
    if (error.code == "SQLITE_CONSTRAINT_UNIQUE" || error.code == "SQLITE_CONSTRAINT_PRIMARYKEY") {
        return AlreadyExistsError(message).WithReason("UNIQUE_VIOLATION").WithMetadata("remote_code", error.code);
    }
    if (message.find("no such table") != std::string::npos) {
        return NotFoundError(message).WithReason("UNDEFINED_TABLE").WithMetadata("remote_code", error.code);
    }
    return InvalidArgumentError(message).WithReason("SQL_ERROR").WithMetadata("remote_code", error.code);
}

HranaClient::HranaClient(HttpClient& http, std::string base_url, std::chrono::milliseconds timeout)
    : http_(http), base_url_(std::move(base_url)), timeout_(timeout) {}

StatusOr<HranaCapabilities> HranaClient::Discover() {
    std::lock_guard lock(mu_);
    if (caps_) return *caps_;
    HranaCapabilities caps;
    bool reached = false;
    for (const auto& [probe, pipeline] : {std::pair{"/v3", "/v3/pipeline"}, std::pair{"/v2", "/v2/pipeline"}}) {
        HttpRequest req;
        req.method = "GET";
        req.url = base_url_ + probe;
        req.timeout = timeout_;
        req.idempotent = true;
        auto resp = http_.Send(req);
        if (!resp.ok()) return Status(resp.status()).Annotate("Hrana discovery at " + base_url_ + ": ");
        reached = true;
        if (resp->status == 401 || resp->status == 403) return HttpError(resp->status, resp->body, "Hrana discovery");
        if (Is2xx(resp->status)) {
            caps.pipeline_path = pipeline;
            caps.streams = true;
            caps.close = true;
            break;
        }
    }
    if (!reached) return UnavailableError("Hrana server at " + base_url_ + " did not answer");
    caps_ = caps;
    return caps;
}

std::vector<hrana::StreamRequest> HranaClient::WithClose(std::vector<hrana::StreamRequest> requests) {
    std::lock_guard lock(mu_);
    if (caps_ && caps_->close) requests.emplace_back(hrana::CloseRequest{});
    return requests;
}

StatusOr<hrana::PipelineResponse> HranaClient::Pipeline(const std::optional<std::string>& baton,
                                                        const std::optional<std::string>& base_url,
                                                        std::vector<hrana::StreamRequest> requests) {
    GANTRY_ASSIGN_OR_RETURN(auto caps, Discover());
    HttpRequest req;
    req.url = base_url.value_or(base_url_) + caps.pipeline_path;
    req.headers["content-type"] = "application/json";
    req.timeout = timeout_;
    req.idempotent = false;  // a pipeline may write; a retry could apply it twice
    req.body = hrana::EncodePipeline(baton, requests);
    GANTRY_ASSIGN_OR_RETURN(auto resp, http_.Send(req));
    if (RejectsClose(resp.status, resp.body) && HasClose(requests)) {
        // The server parsed nothing of this pipeline, so sending it again without `close` is safe.
        {
            std::lock_guard lock(mu_);
            if (caps_) caps_->close = false;
        }
        std::erase_if(requests, [](const auto& r) { return std::holds_alternative<hrana::CloseRequest>(r); });
        req.body = hrana::EncodePipeline(baton, requests);
        GANTRY_ASSIGN_OR_RETURN(resp, http_.Send(req));
    }
    if (!Is2xx(resp.status)) return HttpError(resp.status, resp.body, "Hrana pipeline at " + base_url_);
    return hrana::DecodePipeline(resp.body, requests);
}

StatusOr<StmtResult> HranaClient::Execute(const Stmt& stmt) {
    GANTRY_RETURN_IF_ERROR(Discover().status());
    GANTRY_ASSIGN_OR_RETURN(auto resp, Pipeline(std::nullopt, std::nullopt, WithClose({hrana::ExecuteRequest{stmt}})));
    auto& first = resp.results.front();
    if (first.error) return SqlError(*first.error);
    return std::get<StmtResult>(std::move(first.response));
}

StatusOr<BatchResult> HranaClient::RunBatch(const Batch& batch) {
    GANTRY_RETURN_IF_ERROR(Discover().status());
    GANTRY_ASSIGN_OR_RETURN(auto resp, Pipeline(std::nullopt, std::nullopt, WithClose({hrana::BatchRequest{batch}})));
    auto& first = resp.results.front();
    if (first.error) return SqlError(*first.error);
    return std::get<BatchResult>(std::move(first.response));
}

StatusOr<HranaClient::Stream> HranaClient::OpenStream() {
    GANTRY_ASSIGN_OR_RETURN(auto caps, Discover());
    if (!caps.streams) {
        return FailedPreconditionError("the Hrana server at " + base_url_ +
                                       " keeps no streams, so it cannot hold an interactive transaction; "
                                       "use Batch with conditions instead")
            .WithReason("REMOTE_NO_STREAMS");
    }
    return Stream(*this);
}

StatusOr<StmtResult> HranaClient::Stream::Execute(const Stmt& stmt) {
    if (!open_) return FailedPreconditionError("the remote stream is closed (it failed or timed out)");
    auto resp = client_.Pipeline(baton_, base_url_, {hrana::ExecuteRequest{stmt}});
    if (!resp.ok()) {
        open_ = false;  // an HTTP error kills the stream
        return resp.status();
    }
    baton_ = resp->baton;
    if (resp->base_url) base_url_ = resp->base_url;
    if (!baton_) open_ = false;
    auto& first = resp->results.front();
    if (first.error) return SqlError(*first.error);
    return std::get<StmtResult>(std::move(first.response));
}

Status HranaClient::Stream::Close() {
    if (!open_) return Status::Ok();
    open_ = false;
    auto resp = client_.Pipeline(baton_, base_url_, client_.WithClose({}));
    return resp.status();
}

}  // namespace gantry::turso
