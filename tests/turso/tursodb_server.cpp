#include "tursodb_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "gantry/testing/service_process.hpp"

namespace gantry::testing {
namespace {

bool Accepts(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

}  // namespace

std::string TursodbServer::Binary() {
    return std::string(GANTRY_TURSO_TEST_DIR) + "/node_modules/@tursodatabase/cli-linux-x64-gnu/tursodb";
}

TursodbServer::TursodbServer(std::string dir) : dir_(std::move(dir)), port_(PickFreePort()) {
    std::filesystem::create_directories(dir_);
}

TursodbServer::~TursodbServer() { Kill(); }

bool TursodbServer::Start() {
    if (pid_ > 0) return true;
    const std::string binary = Binary();
    if (!std::filesystem::exists(binary)) {
        error_ = "tursodb not found at " + binary + " (run `npm ci` in tests/turso)";
        return false;
    }
    const std::string db = dir_ + "/remote.db";
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    const std::string log = dir_ + "/tursodb.log";
    pid_ = ::fork();
    if (pid_ == 0) {
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        ::execl(binary.c_str(), binary.c_str(), db.c_str(), "--sync-server", listen.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
        if (Accepts(port_)) return true;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            error_ = "tursodb exited at start; see " + log;
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    error_ = "tursodb did not listen on " + listen + " within 15 s";
    return false;
}

void TursodbServer::Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

nlohmann::json TursodbServer::Execute(const std::string& sql, const nlohmann::json& args) const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(10, 0);
    nlohmann::json req = {{"baton", nullptr},
                          {"requests", {{{"type", "execute"}, {"stmt", {{"sql", sql}, {"args", args}}}}}}};
    auto res = client.Post("/v2/pipeline", req.dump(), "application/json");
    if (!res) throw std::runtime_error("tursodb unreachable for: " + sql);
    if (res->status != 200) throw std::runtime_error("tursodb HTTP " + std::to_string(res->status) + ": " + res->body);
    auto body = nlohmann::json::parse(res->body);
    const auto& r = body["results"][0];
    if (r["type"] != "ok") throw std::runtime_error("tursodb error for " + sql + ": " + r.dump());
    return r["response"]["result"];
}

std::vector<nlohmann::json> TursodbServer::Column(const std::string& sql) const {
    std::vector<nlohmann::json> out;
    const nlohmann::json result = Execute(sql);
    for (const auto& row : result["rows"]) {
        const auto& v = row[0];
        if (v["type"] == "integer") {
            out.emplace_back(std::stoll(v["value"].get<std::string>()));
        } else if (v["type"] == "null") {
            out.emplace_back(nullptr);
        } else {
            out.push_back(v["value"]);
        }
    }
    return out;
}

}  // namespace gantry::testing
