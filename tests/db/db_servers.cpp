#include "db_servers.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "gantry/testing/service_process.hpp"

namespace gantry::testing {
namespace {

constexpr const char* kPgBin = "/usr/lib/postgresql/15/bin/";
constexpr const char* kRunuser = "/usr/sbin/runuser";

std::pair<int, std::string> Run(const std::vector<std::string>& argv) {
    return ServiceProcess::RunToCompletion(argv[0], std::vector<std::string>(argv.begin() + 1, argv.end()));
}

std::pair<int, std::string> RunAs(const std::string& user, const std::vector<std::string>& argv) {
    std::vector<std::string> full = {kRunuser, "-u", user, "--"};
    full.insert(full.end(), argv.begin(), argv.end());
    return Run(full);
}

std::string MakeTempDir(const char* prefix) {
    std::string tmpl = std::string("/tmp/") + prefix + "-XXXXXX";
    return mkdtemp(tmpl.data());
}

bool Chown(const std::string& dir, const std::string& user) { return Run({"/bin/chown", "-R", user + ":" + user, dir}).first == 0; }

bool KeepDirs() { return std::getenv("GANTRY_KEEP_TEST_DIRS") != nullptr; }

}  // namespace

bool PostgresInstalled() { return std::filesystem::exists(std::string(kPgBin) + "initdb"); }
bool MariaDbInstalled() { return std::filesystem::exists("/usr/sbin/mariadbd"); }

PostgresServer::PostgresServer() {
    if (!PostgresInstalled()) {
        error_ = "PostgreSQL 15 is not installed (deploy/packages/test-db.txt)";
        return;
    }
    dir_ = MakeTempDir("gantry-pg");
    port_ = PickFreePort();
    if (!Chown(dir_, "postgres")) {
        error_ = "cannot hand " + dir_ + " to the postgres user";
        return;
    }
    auto [rc, out] = RunAs("postgres", {std::string(kPgBin) + "initdb", "-D", dir_ + "/data", "-U", "postgres",
                                        "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync",
                                        "--no-instructions"});
    if (rc != 0) {
        error_ = "initdb failed: " + out;
        return;
    }
    std::ofstream conf(dir_ + "/data/postgresql.conf", std::ios::app);
    conf << "listen_addresses = '127.0.0.1'\nport = " << port_ << "\nunix_socket_directories = '" << dir_
         << "'\nfsync = off\nmax_connections = 200\nshared_buffers = 64MB\n";
    conf.close();
    if (!Start()) return;
    for (const auto& sql : {std::string("CREATE ROLE ") + kUser + " LOGIN PASSWORD '" + kPassword + "'",
                            std::string("CREATE DATABASE ") + kDatabase + " OWNER " + kUser}) {
        auto [prc, pout] = Psql(sql);
        if (prc != 0) {
            error_ = "creating the test role and database failed: " + pout;
            return;
        }
    }
}

PostgresServer::~PostgresServer() {
    Stop();
    std::error_code ec;
    if (!dir_.empty() && !KeepDirs()) std::filesystem::remove_all(dir_, ec);
}

std::string PostgresServer::dsn() const {
    return "host=127.0.0.1 port=" + std::to_string(port_) + " dbname=" + kDatabase + " user=" + kUser;
}

bool PostgresServer::Start() {
    auto [rc, out] = RunAs("postgres", {std::string(kPgBin) + "pg_ctl", "-D", dir_ + "/data", "-l", dir_ + "/log", "-w",
                                        "-t", "60", "start"});
    if (rc != 0) {
        std::ifstream log(dir_ + "/log");
        error_ = "pg_ctl start failed: " + out + std::string(std::istreambuf_iterator<char>(log), {});
        return false;
    }
    running_ = true;
    return true;
}

bool PostgresServer::Stop() {
    if (!running_) return true;
    running_ = false;
    return RunAs("postgres", {std::string(kPgBin) + "pg_ctl", "-D", dir_ + "/data", "-m", "fast", "-w", "stop"}).first ==
           0;
}

std::pair<int, std::string> PostgresServer::Psql(const std::string& sql) const {
    return RunAs("postgres", {"/usr/bin/psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", dir_, "-p",
                              std::to_string(port_), "-d", "postgres", "-c", sql});
}

MariaDbServer::MariaDbServer() {
    if (!MariaDbInstalled()) {
        error_ = "MariaDB is not installed (deploy/packages/test-db.txt)";
        return;
    }
    dir_ = MakeTempDir("gantry-maria");
    port_ = PickFreePort();
    std::filesystem::create_directories(dir_ + "/data");
    if (!Chown(dir_, "mysql")) {
        error_ = "cannot hand " + dir_ + " to the mysql user";
        return;
    }
    auto [rc, out] = Run({"/usr/bin/mariadb-install-db", "--no-defaults", "--datadir=" + dir_ + "/data", "--user=mysql",
                          "--auth-root-authentication-method=normal", "--skip-test-db"});
    if (rc != 0) {
        error_ = "mariadb-install-db failed: " + out;
        return;
    }
    if (!Start()) return;
    const std::string user = std::string("'") + kUser + "'@'%'";
    auto [src, sout] = Sql(std::string("CREATE DATABASE ") + kDatabase + "; CREATE USER " + user + " IDENTIFIED BY '" +
                           kPassword + "'; GRANT ALL ON *.* TO " + user + ";");
    if (src != 0) error_ = "creating the test user failed: " + sout;
}

MariaDbServer::~MariaDbServer() {
    Stop();
    std::error_code ec;
    if (!dir_.empty() && !KeepDirs()) std::filesystem::remove_all(dir_, ec);
}

std::string MariaDbServer::dsn() const {
    return "host=127.0.0.1 port=" + std::to_string(port_) + " dbname=" + kDatabase;
}

bool MariaDbServer::Start() {
    const std::vector<std::string> args = {
        "/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + dir_ + "/data", "--user=mysql",
        "--port=" + std::to_string(port_), "--bind-address=127.0.0.1", "--socket=" + dir_ + "/sock",
        "--pid-file=" + dir_ + "/pid", "--skip-log-bin", "--innodb-buffer-pool-size=64M",
        "--innodb-log-file-size=32M", "--innodb-flush-log-at-trx-commit=2", "--max-connections=300",
        "--log-error=" + dir_ + "/error.log"};
    pid_ = fork();
    if (pid_ == 0) {
        const int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        if (Sql("SELECT 1").first == 0) return true;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::ifstream log(dir_ + "/error.log");
    error_ = "mariadbd did not start: " + std::string(std::istreambuf_iterator<char>(log), {});
    return false;
}

void MariaDbServer::Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

std::pair<int, std::string> MariaDbServer::Sql(const std::string& sql) const {
    return Run({"/usr/bin/mariadb", "--no-defaults", "-S", dir_ + "/sock", "-u", "root", "-e", sql});
}

}  // namespace gantry::testing
