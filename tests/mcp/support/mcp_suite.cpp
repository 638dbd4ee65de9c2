#include "mcp_suite.hpp"

#include <signal.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace gantry::mcp::testing {

using gantry::testing::ServiceProcess;
using namespace std::chrono_literals;

std::string Binary(const std::string& name) {
    const char* dir = std::getenv("GANTRY_BIN_DIR");  // e.g. another build's binaries, to compare (bench/mcp)
    return std::string(dir && *dir ? dir : GANTRY_BIN_DIR) + "/" + name;
}

FixtureBackend::FixtureBackend(std::string address)
    : address_(address.empty() ? "127.0.0.1:" + std::to_string(gantry::testing::PickFreePort()) : std::move(address)) {
    Start();
}

void FixtureBackend::Start() {
    process_ = std::make_unique<ServiceProcess>(
        ServiceProcess::Options{Binary("mcp-fixture-backend"), {"--listen", address_, "--metrics-listen", ""}});
}

void FixtureBackend::Stop() {
    if (process_) process_->Stop(SIGTERM, 10s);
    process_.reset();
}

std::string WriteAdapterConfig(const std::string& dir, const std::string& backend_address,
                               const std::vector<std::string>& mcp_keys, const std::vector<std::string>& http_keys) {
    const auto path = dir + "/adapter.yaml";
    std::ofstream out(path);
    out << "mcp:\n  http:\n    listen: \"127.0.0.1:0\"\n";
    for (const auto& line : http_keys) out << "    " << line << "\n";
    for (const auto& line : mcp_keys) out << "  " << line << "\n";
    out << "  backends:\n    fixture:\n      address: \"" << backend_address
        << "\"\n      services: [gantry.mcp_fixture]\n";
    return path;
}

TempDir::TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "gantry-mcp-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

namespace {
int PortOf(const std::string& url) {
    const auto start = url.rfind(':') + 1;
    return std::stoi(url.substr(start, url.find('/', start) - start));
}
}  // namespace

HttpMcp::HttpMcp(const std::string& url) : client_("127.0.0.1", PortOf(url)), port_(PortOf(url)) {
    client_.set_read_timeout(30, 0);
    client_.set_tcp_nodelay(true);
}

httplib::Headers HttpMcp::Headers() const {
    httplib::Headers h{{"Accept", "application/json, text/event-stream"}};
    if (!session_id_.empty()) {
        h.emplace("Mcp-Session-Id", session_id_);
        h.emplace("MCP-Protocol-Version", "2025-11-25");
    }
    return h;
}

httplib::Result HttpMcp::Post(const std::string& body, const httplib::Headers& headers) {
    return client_.Post("/mcp", headers, body, "application/json");
}

void HttpMcp::Initialize() {
    auto res = Post(Json{{"jsonrpc", "2.0"},
                         {"id", ++next_id_},
                         {"method", "initialize"},
                         {"params",
                          {{"protocolVersion", "2025-11-25"},
                           {"capabilities", Json::object()},
                           {"clientInfo", {{"name", "gtest"}, {"version", "1"}}}}}});
    if (!res || res->status != 200) throw std::runtime_error("initialize failed");
    session_id_ = res->get_header_value("Mcp-Session-Id");
    Post(Json{{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}});
}

Json HttpMcp::Request(const std::string& method, Json params) {
    auto res = Post(Json{{"jsonrpc", "2.0"}, {"id", ++next_id_}, {"method", method}, {"params", std::move(params)}});
    if (!res) return Json{{"transport_error", httplib::to_string(res.error())}};
    if (res->get_header_value("Content-Type").rfind("text/event-stream", 0) == 0) {
        auto messages = SseMessages(res->body);
        return messages.empty() ? Json() : messages.back();
    }
    return Json::parse(res->body, nullptr, false);
}

std::vector<Json> SseMessages(const std::string& body) {
    std::vector<Json> out;
    size_t pos = 0;
    while ((pos = body.find("data: ", pos)) != std::string::npos) {
        const auto end = body.find('\n', pos);
        out.push_back(Json::parse(body.substr(pos + 6, end - pos - 6), nullptr, false));
        pos = end;
    }
    return out;
}

}  // namespace gantry::mcp::testing
