// The C shim's TLS options against a real db-gateway that requires mutual TLS, with a CA, server and client
// certificates made by the openssl command line for this test.

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "c_test_util.hpp"
#include "gantry/testing/service_process.hpp"

namespace gantry::client_c::testing {
namespace {

constexpr int kUnavailable = 14;

std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream out;
    out << in.rdbuf();
    return out.str();
}

// A CA, and a server (127.0.0.1) and a client certificate it signed, as PEM files in a temporary folder.
class Certificates {
public:
    Certificates() {
        dir_ = std::filesystem::temp_directory_path() / ("gantry-client-c-tls-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
        std::ofstream(dir_ / "server.ext") << "subjectAltName=IP:127.0.0.1,DNS:localhost\n";
        const std::string key = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
        ok_ = Run("openssl req -x509" + key + " -keyout ca.key -out ca.pem -days 1 -subj /CN=gantry-test-ca") &&
              Issue("server", "-extfile server.ext") && Issue("client", "");
    }
    ~Certificates() { std::filesystem::remove_all(dir_); }

    bool ok() const { return ok_; }
    std::string File(const std::string& name) const { return (dir_ / name).string(); }
    std::string Pem(const std::string& name) const { return ReadFile(dir_ / name); }

private:
    bool Run(const std::string& command) const {
        return std::system(("cd '" + dir_.string() + "' && " + command + " >/dev/null 2>&1").c_str()) == 0;
    }
    bool Issue(const std::string& name, const std::string& extra) const {
        return Run("openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout " + name +
                   ".key -out " + name + ".csr -subj /CN=" + name) &&
               Run("openssl x509 -req -in " + name + ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 -out " +
                   name + ".pem " + extra);
    }

    std::filesystem::path dir_;
    bool ok_ = false;
};

TEST(ClientCOverMutualTls, CallsWithTheClientCertificateAndIsRefusedWithout) {
    Certificates certs;
    ASSERT_TRUE(certs.ok()) << "openssl could not make the test certificates";
    gantry::testing::ServiceProcess service({GANTRY_BIN_DIR "/db-gateway",
                                             {},
                                             {{"GANTRY_DB_GATEWAY_SERVER_TLS_CERT_FILE", certs.File("server.pem")},
                                              {"GANTRY_DB_GATEWAY_SERVER_TLS_KEY_FILE", certs.File("server.key")},
                                              {"GANTRY_DB_GATEWAY_SERVER_TLS_CLIENT_CA_FILE", certs.File("ca.pem")}}});
    ASSERT_TRUE(service.ok()) << service.error();
    const auto address = service.endpoint("grpc");
    const auto root = certs.Pem("ca.pem"), cert = certs.Pem("client.pem"), key = certs.Pem("client.key");

    gantry_client_options options{};
    options.address = address.c_str();
    options.tls_root_pem = root.c_str();
    options.tls_cert_pem = cert.c_str();
    options.tls_key_pem = key.c_str();
    options.deadline_ms = 5000;
    auto mutual = Open(options);
    ASSERT_NE(mutual, nullptr);
    const auto ok = Call(mutual.get(), "/gantry.db.v1.Database/Query", R"({"sql": "SELECT 1"})");
    EXPECT_EQ(ok.code, 0) << ok.message;

    options.tls_cert_pem = nullptr;  // TLS, but no client certificate
    options.tls_key_pem = nullptr;
    auto server_only = Open(options);
    EXPECT_EQ(Call(server_only.get(), "/gantry.db.v1.Database/Query", R"({"sql": "SELECT 1"})").code, kUnavailable);

    auto plaintext = Open(address, "", 5000);
    EXPECT_EQ(Call(plaintext.get(), "/gantry.db.v1.Database/Query", R"({"sql": "SELECT 1"})").code, kUnavailable);

    EXPECT_EQ(service.Stop(SIGTERM, std::chrono::seconds(10)), 0);
}

}  // namespace
}  // namespace gantry::client_c::testing
