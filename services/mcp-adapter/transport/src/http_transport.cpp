#include "gantry/mcp/http_transport.hpp"

#include <arpa/inet.h>
#include <dirent.h>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/rand.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <condition_variable>
#include <cstdlib>
#include <deque>

#include "gantry/mcp/http_checks.hpp"

namespace gantry::mcp {
namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kPath = "/mcp";
constexpr const char* kSessionHeader = "Mcp-Session-Id";
constexpr const char* kVersionHeader = "MCP-Protocol-Version";
constexpr int kSessionNotFound = -32001;

void JsonReply(httplib::Response& res, int status, const Json& body) {
    res.status = status;
    res.set_content(jsonrpc::Serialize(body), "application/json");
}

void ErrorReply(httplib::Response& res, int status, int code, const std::string& message) {
    JsonReply(res, status, jsonrpc::MakeError(nullptr, code, message));
}

// Whether a request carries params._meta.progressToken, so notifications may precede its answer.
bool WantsProgress(const jsonrpc::Message& message) {
    const auto meta = message.params.is_object() ? message.params.find("_meta") : message.params.end();
    return meta != message.params.end() && meta->is_object() && meta->contains("progressToken");
}

std::string SseEvent(const Json& message) { return "event: message\ndata: " + jsonrpc::Serialize(message) + "\n\n"; }

std::string NewSessionId() {
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) return "";
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 15]);
    }
    return out;
}

// Splits "host:port" / "[::1]:port".
bool SplitListen(const std::string& listen, std::string& host, int& port) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) return false;
    host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    try {
        port = std::stoi(listen.substr(colon + 1));
    } catch (const std::exception&) {
        return false;
    }
    return port >= 0 && port <= 65535 && !host.empty();
}

// Writes SSE events of one POST answer straight into the response.
class SinkOutbox final : public Outbox {
public:
    explicit SinkOutbox(httplib::DataSink& sink) : sink_(sink) {}
    void Send(const Json& message) override {
        const auto event = SseEvent(message);
        std::lock_guard lock(mu_);
        if (open_) open_ = sink_.write(event.data(), event.size());
    }

private:
    httplib::DataSink& sink_;
    std::mutex mu_;
    bool open_ = true;
};

// Where notifications about a request answered as plain JSON go: nowhere (they asked for no progress).
class DropOutbox final : public Outbox {
public:
    void Send(const Json&) override {}
};

// The port and numeric address of a socket address.
bool AddressOf(const sockaddr_storage& sa, std::string& host, int& port) {
    char buf[INET6_ADDRSTRLEN] = {};
    if (sa.ss_family == AF_INET) {
        const auto& in = reinterpret_cast<const sockaddr_in&>(sa);
        port = ntohs(in.sin_port);
        return inet_ntop(AF_INET, &in.sin_addr, buf, sizeof buf) && (host = buf, true);
    }
    if (sa.ss_family == AF_INET6) {
        const auto& in6 = reinterpret_cast<const sockaddr_in6&>(sa);
        port = ntohs(in6.sin6_port);
        return inet_ntop(AF_INET6, &in6.sin6_addr, buf, sizeof buf) && (host = buf, true);
    }
    return false;
}

// The file descriptor of this process's TCP connection from remote_addr:remote_port to local_port, or -1.
// cpp-httplib does not hand the socket to handlers, so it is found by its addresses (once per long request).
int FindConnection(const std::string& remote_addr, int remote_port, int local_port) {
    DIR* dir = opendir("/proc/self/fd");
    if (!dir) return -1;
    int found = -1;
    while (const dirent* e = readdir(dir)) {
        if (e->d_name[0] == '.') continue;
        const int fd = std::atoi(e->d_name);
        sockaddr_storage local{};
        sockaddr_storage peer{};
        socklen_t local_len = sizeof local;
        socklen_t peer_len = sizeof peer;
        std::string host;
        int port = 0;
        if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) != 0 || !AddressOf(local, host, port) ||
            port != local_port) {
            continue;
        }
        if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0 || !AddressOf(peer, host, port)) {
            continue;
        }
        if (port == remote_port && host == remote_addr) {
            found = fd;
            break;
        }
    }
    closedir(dir);
    return found;
}

}  // namespace

/// A request being answered, so that its connection can be watched.
struct HttpTransport::RunningRequest {
    std::shared_ptr<Session> session;
    Json id;
    std::string remote_addr;
    int remote_port = 0;
    int local_port = 0;
    Clock::time_point started = Clock::now();
    int fd = -1;           // found on the first check
    bool searched = false;
    bool cancelled = false;
};

/// Registers a request for the watcher while it runs.
class HttpTransport::RequestWatch {
public:
    RequestWatch(HttpTransport& transport, std::shared_ptr<Session> session, const Json& id,
                 const std::string& remote_addr, int remote_port, int local_port)
        : transport_(transport) {
        request_.session = std::move(session);
        request_.id = id;
        request_.remote_addr = remote_addr;
        request_.remote_port = remote_port;
        request_.local_port = local_port;
        std::lock_guard lock(transport_.running_mu_);
        key_ = transport_.next_request_++;
        transport_.running_[key_] = &request_;
    }
    ~RequestWatch() {
        std::lock_guard lock(transport_.running_mu_);
        transport_.running_.erase(key_);
    }
    RequestWatch(const RequestWatch&) = delete;
    RequestWatch& operator=(const RequestWatch&) = delete;

private:
    HttpTransport& transport_;
    RunningRequest request_;
    uint64_t key_ = 0;
};

/// The queue behind one session's GET stream: server-initiated messages wait here for the writer.
class HttpTransport::EventStream final : public Outbox {
public:
    void Send(const Json& message) override {
        {
            std::lock_guard lock(mu_);
            if (closed_ || queue_.size() >= kMaxQueued) return;  // a stalled reader loses messages, not memory
            queue_.push_back(SseEvent(message));
        }
        cv_.notify_one();
    }
    void Close() {
        {
            std::lock_guard lock(mu_);
            closed_ = true;
        }
        cv_.notify_all();
    }
    /// Waits up to `timeout` for events; returns false once closed.
    bool Next(std::chrono::seconds timeout, std::vector<std::string>& out) {
        std::unique_lock lock(mu_);
        cv_.wait_for(lock, timeout, [this] { return closed_ || !queue_.empty(); });
        out.assign(queue_.begin(), queue_.end());
        queue_.clear();
        return !closed_;
    }

private:
    static constexpr size_t kMaxQueued = 1000;
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::string> queue_;
    bool closed_ = false;
};

struct HttpTransport::HttpSession {
    std::string id;
    std::shared_ptr<Session> session;
    std::shared_ptr<EventStream> stream;  // the open GET stream, if any
    Clock::time_point last_used = Clock::now();
};

HttpTransport::HttpTransport(SessionHub& hub, HttpOptions options)
    : hub_(hub), options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {}

HttpTransport::~HttpTransport() { Stop(); }

StatusOr<std::string> HttpTransport::Start() {
    std::string host;
    int port = 0;
    if (!SplitListen(options_.listen, host, port)) {
        return InvalidArgumentError("mcp.http.listen must be host:port, not '" + options_.listen + "'");
    }
    const int threads = options_.threads;
    server_->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    server_->set_payload_max_length(options_.max_message_bytes);
    server_->set_tcp_nodelay(true);  // an SSE answer is several small writes; Nagle would hold them back
    // An idle keep-alive connection holds a worker until this passes, which also bounds how long Stop() waits.
    server_->set_keep_alive_timeout(2);
    server_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        return CheckAccess(req, res) ? httplib::Server::HandlerResponse::Unhandled
                                     : httplib::Server::HandlerResponse::Handled;
    });
    server_->Post(kPath, [this](const httplib::Request& req, httplib::Response& res) { Post(req, res); });
    server_->Get(kPath, [this](const httplib::Request& req, httplib::Response& res) { Get(req, res); });
    server_->Delete(kPath, [this](const httplib::Request& req, httplib::Response& res) { Delete(req, res); });
    const auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Allow", "GET, POST, DELETE");
        ErrorReply(res, 405, jsonrpc::kInvalidRequest, "method not allowed: /mcp takes GET, POST and DELETE");
    };
    server_->Put(kPath, not_allowed);
    server_->Patch(kPath, not_allowed);
    server_->Options(kPath, not_allowed);
    server_->set_error_handler([this](const httplib::Request&, httplib::Response& res) {
        if (res.status == 413) {
            ErrorReply(res, 413, jsonrpc::kInvalidRequest,
                       "invalid request: the message exceeds " + std::to_string(options_.max_message_bytes) + " bytes");
        }
    });
    server_->set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        ErrorReply(res, 500, jsonrpc::kInternalError, "internal error");
    });

    const int bound = port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
    if (bound <= 0) return UnavailableError("cannot listen for MCP over HTTP on '" + options_.listen + "'");
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    watcher_ = std::thread([this] { WatchConnections(); });
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(bound);
}

void HttpTransport::Stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
        for (auto& [id, s] : sessions_) {
            s->session->CancelAll();
            if (s->stream) s->stream->Close();
        }
    }
    server_->stop();
    if (thread_.joinable()) thread_.join();
    {
        std::lock_guard lock(running_mu_);
        watcher_stop_ = true;
    }
    running_cv_.notify_all();
    if (watcher_.joinable()) watcher_.join();
}

void HttpTransport::WatchConnections() {
    // A client that closes its connection (or resets it) while its request runs no longer waits for the answer:
    // the request is cancelled, which cancels its gRPC call, as notifications/cancelled would. Requests are
    // unregistered (under running_mu_) before their handler returns, so a descriptor checked here is still theirs.
    std::unique_lock lock(running_mu_);
    while (!running_cv_.wait_for(lock, options_.disconnect_check_interval, [this] { return watcher_stop_; })) {
        const auto now = Clock::now();
        for (auto& [key, request] : running_) {
            if (request->cancelled || now - request->started < options_.disconnect_check_interval) continue;
            if (!request->searched) {
                request->searched = true;
                request->fd = FindConnection(request->remote_addr, request->remote_port, request->local_port);
            }
            if (request->fd < 0) continue;
            pollfd p{request->fd, POLLRDHUP, 0};
            if (::poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR))) {
                spdlog::info("HTTP client {}:{} closed its connection: cancelling request {}", request->remote_addr,
                             request->remote_port, jsonrpc::IdKey(request->id));
                request->cancelled = true;
                request->session->Cancel(request->id);
            }
        }
    }
}

bool HttpTransport::CheckAccess(const httplib::Request& req, httplib::Response& res) const {
    if (!IsAllowedHost(req.get_header_value("Host"), options_.allowed_hosts)) {
        ErrorReply(res, 403, jsonrpc::kInvalidRequest, "forbidden: invalid Host header");
        return false;
    }
    if (!IsAllowedOrigin(req.get_header_value("Origin"), options_.allowed_hosts)) {
        ErrorReply(res, 403, jsonrpc::kInvalidRequest, "forbidden: invalid Origin header");
        return false;
    }
    if (!options_.bearer_token.empty() &&
        !BearerTokenMatches(req.get_header_value("Authorization"), options_.bearer_token)) {
        res.set_header("WWW-Authenticate", "Bearer");
        ErrorReply(res, 401, jsonrpc::kInvalidRequest, "unauthorized: send 'Authorization: Bearer <token>'");
        return false;
    }
    return true;
}

std::shared_ptr<HttpTransport::HttpSession> HttpTransport::FindSession(const httplib::Request& req,
                                                                       httplib::Response& res) {
    const auto id = req.get_header_value(kSessionHeader);
    if (id.empty()) {
        ErrorReply(res, 400, jsonrpc::kInvalidRequest, "bad request: missing Mcp-Session-Id header (initialize first)");
        return nullptr;
    }
    std::lock_guard lock(mu_);
    const auto it = sessions_.find(id);
    if (it == sessions_.end()) {
        ErrorReply(res, 404, kSessionNotFound, "session not found: initialize a new session");
        return nullptr;
    }
    it->second->last_used = Clock::now();
    return it->second;
}

std::shared_ptr<HttpTransport::HttpSession> HttpTransport::NewSession(httplib::Response& res) {
    std::lock_guard lock(mu_);
    const auto now = Clock::now();
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        const bool idle = !it->second->stream && now - it->second->last_used > options_.session_idle_timeout;
        it = idle ? sessions_.erase(it) : std::next(it);
    }
    if (stopping_ || sessions_.size() >= options_.max_sessions) {
        res.set_header("Retry-After", "5");
        ErrorReply(res, 503, jsonrpc::kInternalError,
                   "too many sessions (" + std::to_string(options_.max_sessions) + "): end one with DELETE or retry");
        return nullptr;
    }
    auto s = std::make_shared<HttpSession>();
    s->id = NewSessionId();
    s->session = hub_.Create();
    return s;
}

void HttpTransport::Post(const httplib::Request& req, httplib::Response& res) {
    if (!IsJsonContentType(req.get_header_value("Content-Type"))) {
        ErrorReply(res, 415, jsonrpc::kInvalidRequest, "unsupported media type: send Content-Type: application/json");
        return;
    }
    const auto accept = req.get_header_value("Accept");
    if (!Accepts(accept, "application/json") || !Accepts(accept, "text/event-stream")) {
        ErrorReply(res, 406, jsonrpc::kInvalidRequest,
                   "not acceptable: the client must accept both application/json and text/event-stream");
        return;
    }
    auto parsed = jsonrpc::Parse(req.body);
    if (!parsed.message) {
        JsonReply(res, 400, parsed.error);
        return;
    }
    auto message = std::make_shared<jsonrpc::Message>(std::move(*parsed.message));
    DropOutbox drop;

    if (message->is_request() && message->method == "initialize") {
        auto s = NewSession(res);
        if (!s) return;
        auto response = s->session->Handle(*message, drop);
        if (response && !response->contains("error")) {
            std::lock_guard lock(mu_);
            sessions_[s->id] = s;
            res.set_header(kSessionHeader, s->id);
        }
        if (response) JsonReply(res, 200, *response);
        return;
    }

    auto s = FindSession(req, res);
    if (!s) return;
    const auto version = req.get_header_value(kVersionHeader);
    if (!version.empty() && !IsSupportedProtocolVersion(version)) {
        ErrorReply(res, 400, jsonrpc::kInvalidRequest, "bad request: unsupported MCP-Protocol-Version '" + version + "'");
        return;
    }
    if (!message->is_request()) {
        s->session->Handle(*message, drop);
        res.status = 202;
        return;
    }
    if (!WantsProgress(*message)) {
        RequestWatch watch(*this, s->session, message->id, req.remote_addr, req.remote_port, req.local_port);
        if (auto response = s->session->Handle(*message, drop)) JsonReply(res, 200, *response);
        return;
    }
    // A call that asked for progress answers with an SSE stream: progress notifications, then the result.
    res.status = 200;
    res.set_header("Cache-Control", "no-cache");
    auto session = s->session;
    res.set_chunked_content_provider("text/event-stream", [this, session, message, remote_addr = req.remote_addr,
                                                           remote_port = req.remote_port,
                                                           local_port = req.local_port](size_t, httplib::DataSink& sink) {
        SinkOutbox out(sink);
        RequestWatch watch(*this, session, message->id, remote_addr, remote_port, local_port);
        if (auto response = session->Handle(*message, out)) out.Send(*response);
        sink.done();
        return true;
    });
}

void HttpTransport::Get(const httplib::Request& req, httplib::Response& res) {
    if (!Accepts(req.get_header_value("Accept"), "text/event-stream")) {
        ErrorReply(res, 406, jsonrpc::kInvalidRequest, "not acceptable: GET /mcp needs Accept: text/event-stream");
        return;
    }
    auto s = FindSession(req, res);
    if (!s) return;
    auto stream = std::make_shared<EventStream>();
    {
        std::lock_guard lock(mu_);
        if (s->stream) {
            ErrorReply(res, 409, jsonrpc::kInvalidRequest, "conflict: this session already has a GET stream open");
            return;
        }
        if (stopping_) stream->Close();
        s->stream = stream;
    }
    s->session->SetStream(stream);
    res.status = 200;
    res.set_header("Cache-Control", "no-cache");
    const auto keepalive = options_.keepalive_interval;
    res.set_chunked_content_provider(
        "text/event-stream",
        [stream, keepalive](size_t, httplib::DataSink& sink) {
            std::vector<std::string> events;
            const bool open = stream->Next(keepalive, events);
            if (events.empty() && open) events.push_back(": keepalive\n\n");
            for (const auto& e : events) {
                if (!sink.write(e.data(), e.size())) return false;
            }
            if (!open) sink.done();
            return true;
        },
        [this, s, stream](bool) {
            stream->Close();
            std::lock_guard lock(mu_);
            if (s->stream == stream) {
                s->stream.reset();
                s->session->SetStream(nullptr);
            }
        });
}

void HttpTransport::Delete(const httplib::Request& req, httplib::Response& res) {
    auto s = FindSession(req, res);
    if (!s) return;
    {
        std::lock_guard lock(mu_);
        sessions_.erase(s->id);
        if (s->stream) s->stream->Close();
    }
    s->session->CancelAll();
    res.status = 200;
}

}  // namespace gantry::mcp
