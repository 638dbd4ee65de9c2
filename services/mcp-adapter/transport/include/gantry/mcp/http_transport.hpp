#pragma once
/// @file MCP over Streamable HTTP at /mcp: POST (a JSON answer, or an SSE stream for requests with a
/// progressToken so progress can precede the result), GET (an SSE stream of server-initiated messages), DELETE (ends
/// the session), Mcp-Session-Id sessions, MCP-Protocol-Version, Host/Origin checks and a bearer token. A client
/// that closes its connection while a request runs cancels it, as notifications/cancelled would.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/mcp/session_hub.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace gantry::mcp {

struct HttpOptions {
    std::string listen = "127.0.0.1:0";                              // host:port; port 0 picks one
    std::vector<std::string> allowed_hosts = {"localhost", "127.0.0.1", "::1"};  // Host and Origin names
    std::string bearer_token;                                       // empty: no token needed
    size_t max_message_bytes = 4 * 1024 * 1024;
    int threads = 32;            // connections served at once (each open GET stream holds one)
    size_t max_sessions = 256;   // more initialize requests are refused with 503
    std::chrono::seconds session_idle_timeout{3600};
    std::chrono::seconds keepalive_interval{15};  // SSE comment sent on idle GET streams
    // How often running requests are checked for a closed connection; a request younger than this is not checked.
    std::chrono::milliseconds disconnect_check_interval{100};
};

class HttpTransport {
public:
    HttpTransport(SessionHub& hub, HttpOptions options);
    ~HttpTransport();
    HttpTransport(const HttpTransport&) = delete;
    HttpTransport& operator=(const HttpTransport&) = delete;

    /// Binds and serves on a background thread. Returns the bound "host:port".
    StatusOr<std::string> Start();
    /// Ends open streams and stops serving.
    void Stop();

    class EventStream;
    struct HttpSession;
    struct RunningRequest;
    class RequestWatch;

private:
    void Post(const httplib::Request& req, httplib::Response& res);
    void Get(const httplib::Request& req, httplib::Response& res);
    void Delete(const httplib::Request& req, httplib::Response& res);
    bool CheckAccess(const httplib::Request& req, httplib::Response& res) const;
    std::shared_ptr<HttpSession> FindSession(const httplib::Request& req, httplib::Response& res);
    std::shared_ptr<HttpSession> NewSession(httplib::Response& res);
    void WatchConnections();

    SessionHub& hub_;
    HttpOptions options_;
    std::unique_ptr<httplib::Server> server_;
    std::thread thread_;
    std::mutex mu_;
    std::map<std::string, std::shared_ptr<HttpSession>> sessions_;
    bool stopping_ = false;

    // Requests being answered, checked by watcher_ for a client that went away.
    std::mutex running_mu_;
    std::condition_variable running_cv_;
    std::map<uint64_t, RunningRequest*> running_;
    uint64_t next_request_ = 0;
    bool watcher_stop_ = false;
    std::thread watcher_;
};

}  // namespace gantry::mcp
