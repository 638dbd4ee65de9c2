// The libcurl transport against a loopback HTTP server: bearer auth, bodies, timeouts, refused connections.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <thread>

#include "gantry/testing/service_process.hpp"
#include "gantry/turso/curl_http_client.hpp"

namespace gantry::turso {
namespace {

using namespace std::chrono_literals;

class LoopbackServer {
public:
    LoopbackServer() : port_(testing::PickFreePort()) {
        server_.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
            res.set_content(
                req.get_header_value("Authorization") + "|" + req.get_header_value("content-type") + "|" + req.body,
                "text/plain");
        });
        server_.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
            std::this_thread::sleep_for(2s);
            res.set_content("late", "text/plain");
        });
        server_.Get("/missing", [](const httplib::Request&, httplib::Response& res) {
            res.status = 404;
            res.set_content("no such thing", "text/plain");
        });
        server_.Get("/big", [](const httplib::Request&, httplib::Response& res) {
            std::string body(8u << 20, '\0');
            for (size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>(i * 131 % 251);
            res.set_content(body, "application/octet-stream");
        });
        thread_ = std::thread([this] { server_.listen("127.0.0.1", port_); });
        while (!server_.is_running()) std::this_thread::sleep_for(5ms);
    }
    ~LoopbackServer() {
        server_.stop();
        thread_.join();
    }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

private:
    int port_;
    httplib::Server server_;
    std::thread thread_;
};

TEST(CurlTransport, SendsTheBearerTokenAndTheBody) {
    LoopbackServer server;
    CurlHttpClient client("s3cret", 1000ms);
    HttpRequest req;
    req.url = server.url("/echo");
    req.headers["content-type"] = "application/json";
    req.body = std::string("{\"x\":1}\0tail", 12);
    for (int i = 0; i < 3; ++i) {  // the same handle serves request after request
        auto r = client.Send(req);
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        EXPECT_EQ(r->status, 200);
        EXPECT_EQ(r->body, "Bearer s3cret|application/json|" + req.body);
    }
}

TEST(CurlTransport, HttpErrorsAreResponsesNotFailures) {
    LoopbackServer server;
    CurlHttpClient client("", 1000ms);
    HttpRequest req;
    req.method = "GET";
    req.url = server.url("/missing");
    auto r = client.Send(req);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 404);
}

/// Keeps a running digest of what arrives and the size of the largest piece, never the body itself.
struct CountingSink final : BodySink {
    Status Start(long s) override {
        status = s;
        ++starts;
        return Status::Ok();
    }
    Status Write(std::string_view piece) override {
        for (char c : piece) mismatches += c != static_cast<char>(bytes++ * 131 % 251);
        largest_piece = std::max(largest_piece, piece.size());
        ++pieces;
        return bytes > fail_after ? UnavailableError("the sink is full") : Status::Ok();
    }
    long status = 0;
    int starts = 0;
    size_t bytes = 0, pieces = 0, largest_piece = 0, mismatches = 0;
    size_t fail_after = SIZE_MAX;
};

HttpRequest Get(const std::string& url) {
    HttpRequest req;
    req.method = "GET";
    req.url = url;
    return req;
}

TEST(CurlTransport, StreamHandsTheBodyOverInPiecesAsItArrives) {
    LoopbackServer server;
    CurlHttpClient client("", 1000ms);
    HttpRequest req = Get(server.url("/big"));
    CountingSink sink;
    auto r = client.Stream(req, sink);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*r, 200);
    EXPECT_EQ(sink.status, 200);
    EXPECT_EQ(sink.starts, 1);
    EXPECT_EQ(sink.bytes, 8u << 20);
    EXPECT_EQ(sink.mismatches, 0u);
    EXPECT_GT(sink.pieces, 1u);
    EXPECT_LE(sink.largest_piece, 512u * 1024u) << "no piece is larger than the transfer buffer";
}

TEST(CurlTransport, AStreamSinkErrorAbortsTheTransferWithItsOwnReason) {
    LoopbackServer server;
    CurlHttpClient client("", 1000ms);
    HttpRequest req = Get(server.url("/big"));
    CountingSink sink;
    sink.fail_after = 1u << 20;
    auto r = client.Stream(req, sink);
    EXPECT_EQ(r.status().message(), "the sink is full");
    EXPECT_LT(sink.bytes, 8u << 20);
    req.url = server.url("/missing");  // the handle is usable again, and error bodies stream too
    CountingSink missing;
    auto m = client.Stream(req, missing);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(*m, 404);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.bytes, std::string("no such thing").size());
}

TEST(CurlTransport, EveryRequestHasATimeout) {
    LoopbackServer server;
    CurlHttpClient client("", 1000ms);
    HttpRequest req;
    req.method = "GET";
    req.url = server.url("/slow");
    req.timeout = 300ms;
    const auto start = std::chrono::steady_clock::now();
    auto r = client.Send(req);
    EXPECT_EQ(r.status().code(), StatusCode::kDeadlineExceeded) << r.status().ToString();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
    EXPECT_NE(r.status().message().find("timed out after 300 ms"), std::string::npos);
}

TEST(CurlTransport, ARefusedConnectionIsUnavailableAndNamesTheUrl) {
    CurlHttpClient client("s3cret", 1000ms);
    HttpRequest req;
    req.url = "http://127.0.0.1:" + std::to_string(testing::PickFreePort()) + "/v2/pipeline";
    auto r = client.Send(req);
    EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
    EXPECT_NE(r.status().message().find("/v2/pipeline"), std::string::npos);
    EXPECT_EQ(r.status().message().find("s3cret"), std::string::npos) << "the token never appears in messages";
}

TEST(CurlTransport, AnUntrustedCertificateIsRefused) {
    // A real TLS server with a self-signed certificate for 127.0.0.1: with verification on (always), the
    // handshake fails; if verification were ever switched off, this request would succeed.
    char tmpl[] = "/tmp/gantry-tls-XXXXXX";
    const std::string dir = ::mkdtemp(tmpl);
    auto [code, out] = testing::ServiceProcess::RunToCompletion(
        "/usr/bin/openssl",
        {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/key.pem", "-out", dir + "/cert.pem",
         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
    ASSERT_EQ(code, 0) << out;
    httplib::SSLServer tls((dir + "/cert.pem").c_str(), (dir + "/key.pem").c_str());
    tls.Get("/v2", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok", "text/plain"); });
    const int port = testing::PickFreePort();
    std::thread thread([&] { tls.listen("127.0.0.1", port); });
    while (!tls.is_running()) std::this_thread::sleep_for(5ms);
    CurlHttpClient client("", 1000ms);
    HttpRequest req;
    req.method = "GET";
    req.url = "https://127.0.0.1:" + std::to_string(port) + "/v2";
    auto r = client.Send(req);
    tls.stop();
    thread.join();
    std::filesystem::remove_all(dir);
    EXPECT_EQ(r.status().code(), StatusCode::kUnavailable) << (r.ok() ? "the self-signed server was trusted" : "");
    EXPECT_NE(r.status().message().find("certificate"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace gantry::turso
