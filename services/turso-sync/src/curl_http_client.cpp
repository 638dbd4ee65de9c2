#include "gantry/turso/curl_http_client.hpp"

#include <curl/curl.h>
#include <strings.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace gantry::turso {
namespace {

std::once_flag g_curl_init;

struct HeaderList {
    curl_slist* list = nullptr;
    ~HeaderList() { curl_slist_free_all(list); }
    void Add(const std::string& line) { list = curl_slist_append(list, line.c_str()); }
};

}  // namespace

/// Where one exchange's body goes: appended to `body` (Send) or handed to `sink` piece by piece (Stream).
struct CurlHttpClient::Receiver {
    CURL* curl = nullptr;
    std::string* body = nullptr;
    BodySink* sink = nullptr;
    bool started = false;
    Status sink_error;

    Status StartOnce() {
        if (started) return Status::Ok();
        started = true;
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        return sink->Start(status);
    }

    static size_t OnBody(char* data, size_t size, size_t count, void* user) {
        auto* self = static_cast<Receiver*>(user);
        const size_t n = size * count;
        if (self->body) {
            std::string& body = *self->body;
            if (body.capacity() - body.size() < n) body.reserve(std::max(body.capacity() * 2, body.size() + n));
            body.append(data, n);
            return n;
        }
        Status st = self->StartOnce();
        if (st.ok()) st = self->sink->Write(std::string_view(data, n));
        if (st.ok()) return n;
        self->sink_error = std::move(st);
        return 0;  // any other count than n aborts the transfer with CURLE_WRITE_ERROR
    }

    /// Reserves the body once the server announces its length (Send only: Stream never holds the body).
    static size_t OnHeader(char* data, size_t size, size_t count, void* user) {
        auto* self = static_cast<Receiver*>(user);
        const std::string_view line(data, size * count);
        constexpr std::string_view kLength = "content-length:";
        if (self->body && line.size() > kLength.size() &&
            strncasecmp(line.data(), kLength.data(), kLength.size()) == 0) {
            const long long n = std::atoll(std::string(line.substr(kLength.size())).c_str());
            if (n > 0 && n < (1LL << 32)) self->body->reserve(static_cast<size_t>(n));
        }
        return size * count;
    }
};

struct CurlHttpClient::Handle {
    CURL* curl = nullptr;
    ~Handle() {
        if (curl) curl_easy_cleanup(curl);
    }
};

CurlHttpClient::CurlHttpClient(std::string bearer_token, std::chrono::milliseconds connect_timeout)
    : bearer_token_(std::move(bearer_token)), connect_timeout_(connect_timeout), handle_(std::make_unique<Handle>()) {
    std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

CurlHttpClient::~CurlHttpClient() = default;

StatusOr<HttpResponse> CurlHttpClient::Send(const HttpRequest& request) {
    HttpResponse response;
    Receiver receiver;
    receiver.body = &response.body;
    GANTRY_ASSIGN_OR_RETURN(response.status, Perform(request, receiver));
    return response;
}

StatusOr<long> CurlHttpClient::Stream(const HttpRequest& request, BodySink& sink) {
    Receiver receiver;
    receiver.sink = &sink;
    GANTRY_ASSIGN_OR_RETURN(long status, Perform(request, receiver));
    GANTRY_RETURN_IF_ERROR(receiver.StartOnce());  // an empty body still starts the sink
    return status;
}

StatusOr<long> CurlHttpClient::Perform(const HttpRequest& request, Receiver& receiver) {
    std::lock_guard lock(mu_);
    if (!handle_->curl) handle_->curl = curl_easy_init();
    CURL* curl = handle_->curl;
    if (!curl) return UnavailableError("libcurl could not create a handle");
    curl_easy_reset(curl);  // keeps the connection cache: the next request to the same host reuses it
    receiver.curl = curl;

    HeaderList headers;
    for (const auto& [k, v] : request.headers) headers.Add(k + ": " + v);
    if (!bearer_token_.empty()) headers.Add("Authorization: Bearer " + bearer_token_);
    headers.Add("Expect:");  // no 100-continue round trip for large bodies

    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout_.count()));
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Receiver::OnBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &receiver);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &Receiver::OnHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &receiver);
    curl_easy_setopt(curl, CURLOPT_BUFFERSIZE, 512L * 1024L);
    if (request.method == "POST") {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    } else if (request.method != "GET") {
        return InvalidArgumentError("unsupported HTTP method '" + request.method + "'");
    }

    const CURLcode rc = curl_easy_perform(curl);
    if (!receiver.sink_error.ok()) return receiver.sink_error;  // the sink aborted: its reason, not curl's
    if (rc == CURLE_OPERATION_TIMEDOUT) {
        return DeadlineExceededError(request.method + " " + request.url + " timed out after " +
                                     std::to_string(request.timeout.count()) + " ms");
    }
    if (rc != CURLE_OK) {
        return UnavailableError(request.method + " " + request.url + " failed: " + curl_easy_strerror(rc));
    }
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    return status;
}

}  // namespace gantry::turso
