#include "gantry/common/service_main.hpp"

#include <absl/synchronization/mutex.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#ifndef GANTRY_VERSION
#define GANTRY_VERSION "0.0.0"
#endif

namespace gantry {
namespace {

struct ParsedFlags {
    std::string config_file;
    std::string ready_file;
    bool help = false;
    bool version = false;
    bool check_config = false;
    bool config_docs = false;
    std::map<std::string, std::string> overrides;
    std::map<std::string, std::string> implied;  // set by a flag's `implies`; explicit flags win
};

std::vector<FlagSpec> CommonFlags() {
    return {
        {"listen", "server.listen", "gRPC listen address (host:port or unix:/path)", ""},
        {"metrics-listen", "server.metrics_listen", "Prometheus /metrics address; empty disables", ""},
        {"log-level", "log.level", "trace, debug, info, warn, error, critical or off", ""},
        {"log-format", "log.format", "text or json", ""},
        {"data-dir", "data_dir", "directory for this service's files", ""},
    };
}

std::string EnvPrefix(const std::string& service) {
    std::string out = "GANTRY_";
    for (char c : service) out.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(c)));
    return out;
}

std::optional<std::string> ParseFlags(int argc, char** argv, const std::vector<FlagSpec>& specs, ParsedFlags& out) {
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0) return "unexpected argument '" + arg + "'";
        arg = arg.substr(2);
        std::optional<std::string> inline_value;
        if (auto eq = arg.find('='); eq != std::string::npos) {
            inline_value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
        }
        auto take_value = [&]() -> std::optional<std::string> {
            if (inline_value) return inline_value;
            if (i + 1 < argc) return std::string(argv[++i]);
            return std::nullopt;
        };
        if (arg == "help" || arg == "h") {
            out.help = true;
        } else if (arg == "version") {
            out.version = true;
        } else if (arg == "check-config") {
            out.check_config = true;
        } else if (arg == "print-config-docs") {
            out.config_docs = true;
        } else if (arg == "config" || arg == "ready-file") {
            auto v = take_value();
            if (!v) return "--" + arg + " needs a value";
            (arg == "config" ? out.config_file : out.ready_file) = *v;
        } else {
            const FlagSpec* spec = nullptr;
            for (const auto& s : specs) {
                if (s.name == arg) spec = &s;
            }
            if (!spec) return "unknown flag '--" + arg + "'";
            for (const auto& [path, value] : spec->implies) out.implied[path] = value;
            if (!spec->value_when_present.empty()) {
                out.overrides[spec->config_path] = inline_value.value_or(spec->value_when_present);
            } else {
                auto v = take_value();
                if (!v) return "--" + arg + " needs a value";
                out.overrides[spec->config_path] = *v;
            }
        }
    }
    return std::nullopt;
}

void PrintHelp(const ServiceIdentity& id, const std::vector<FlagSpec>& flags, const ConfigReader& docs) {
    const auto prefix = EnvPrefix(id.name);
    std::cout << id.name << " " << GantryVersion() << ": " << id.summary << "\n\n"
              << "Usage: " << id.name << " [--config FILE] [flags]\n\n"
              << "Flags:\n"
              << "  --config FILE         YAML configuration file (env " << prefix << "_CONFIG); without one,\n"
              << "                        the embedded defaults below apply\n"
              << "  --ready-file FILE     write {\"grpc\": ADDR, \"metrics\": URL, ...} as JSON once serving\n"
              << "  --check-config        validate the configuration and exit (0 valid, 2 invalid)\n"
              << "  --print-config-docs   print every configuration key as a Markdown table and exit\n"
              << "  --version             print the version and exit\n"
              << "  --help                print this help and exit\n";
    for (const auto& f : flags) {
        std::string left = "  --" + f.name + (f.value_when_present.empty() ? " VALUE" : "");
        left.resize(std::max<size_t>(left.size() + 1, 24), ' ');
        std::cout << left << f.help << " (sets " << f.config_path;
        for (const auto& [path, value] : f.implies) std::cout << ", " << path << "='" << value << "'";
        std::cout << ")\n";
    }
    std::cout << "\nConfiguration keys (YAML path, default, environment override):\n"
              << docs.DocumentationText()
              << "\nPrecedence: flags > environment > file > defaults. Unknown keys are rejected.\n"
              << "Signals: SIGTERM or SIGINT drains in-flight calls (server.drain_timeout_ms) and exits 0.\n"
              << "Health: grpc.health.v1 (open even with auth on); reflection is enabled.\n";
}

bool WriteFileAtomically(const std::string& path, const std::string& content) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) return false;
        out << content << "\n";
        if (!out) return false;
    }
    return std::rename(tmp.c_str(), path.c_str()) == 0;
}

StatusOr<TokenAuthenticator> MakeAuthenticator(const AuthConfig& config) {
    std::vector<std::string> specs = config.tokens;
    if (!config.tokens_file.empty()) {
        GANTRY_ASSIGN_OR_RETURN(auto from_file, TokenAuthenticator::ReadTokenFile(config.tokens_file));
        specs.insert(specs.end(), from_file.begin(), from_file.end());
    }
    return TokenAuthenticator::FromSpecs(specs);
}

}  // namespace

const char* GantryVersion() { return GANTRY_VERSION; }

int ServiceMain(int argc, char** argv, const ServiceIdentity& identity, std::unique_ptr<ServiceModule> module) {
    // Block the shutdown signals before any thread starts, so that only sigwait() sees them.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    signal(SIGPIPE, SIG_IGN);
    // Debian builds Abseil without NDEBUG, so every absl::Mutex lock (gRPC's included) ran its debug-only
    // deadlock-cycle check (a global graph of held locks): 7-9% of db-gateway's instructions per call.
    absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);

    auto flags = CommonFlags();
    for (auto& f : module->Flags()) flags.push_back(std::move(f));
    ParsedFlags parsed;
    if (auto error = ParseFlags(argc, argv, flags, parsed)) {
        std::cerr << identity.name << ": " << *error << " (see --help)\n";
        return 2;
    }
    if (parsed.version) {
        std::cout << identity.name << " " << GantryVersion() << "\n";
        return 0;
    }
    if (parsed.help || parsed.config_docs) {
        ConfigReader docs(identity.name);
        docs.SetEnvironment([](const char*) -> const char* { return nullptr; });
        auto root = docs.Root();
        const auto common = ReadCommonConfig(root, identity.ports);
        module->Configure(root, common);
        if (parsed.help) {
            PrintHelp(identity, flags, docs);
        } else {
            std::cout << docs.DocumentationMarkdown();
        }
        return 0;
    }

    if (parsed.config_file.empty()) {
        if (const char* env = std::getenv((EnvPrefix(identity.name) + "_CONFIG").c_str())) parsed.config_file = env;
    }
    auto reader = parsed.config_file.empty() ? StatusOr<ConfigReader>(ConfigReader(identity.name))
                                             : ConfigReader::FromFile(parsed.config_file, identity.name);
    if (!reader.ok()) {
        std::cerr << identity.name << ": " << reader.status().message() << "\n";
        return 2;
    }
    for (const auto& [path, value] : parsed.implied) reader->SetOverride(path, value);
    for (const auto& [path, value] : parsed.overrides) reader->SetOverride(path, value);
    auto root = reader->Root();
    const auto common = ReadCommonConfig(root, identity.ports);
    module->Configure(root, common);
    if (auto status = reader->Finish(); !status.ok()) {
        std::cerr << identity.name << ": configuration error: " << status.message() << "\n";
        return 2;
    }
    auto auth = MakeAuthenticator(common.server.auth);
    if (!auth.ok()) {
        std::cerr << identity.name << ": configuration error: " << auth.status().message() << "\n";
        return 2;
    }
    if (parsed.check_config) {
        std::cout << identity.name << ": configuration is valid\n";
        return 0;
    }
    if (auto status = SetupLogging(identity.name, common.log); !status.ok()) {
        std::cerr << identity.name << ": " << status.message() << "\n";
        return 2;
    }
    std::error_code ec;
    std::filesystem::create_directories(common.data_dir, ec);
    if (ec) {
        spdlog::critical("cannot create data_dir '{}': {}", common.data_dir, ec.message());
        return 1;
    }

    ServiceHost host(identity.name, GantryVersion(), common, std::move(*auth));
    if (auto status = module->Start(host); !status.ok()) {
        spdlog::critical("cannot start: {}", status.message());
        return 1;
    }
    if (auto status = host.Start(); !status.ok()) {
        spdlog::critical("cannot start: {}", status.message());
        return 1;
    }
    if (!parsed.ready_file.empty() && !WriteFileAtomically(parsed.ready_file, host.EndpointsJson())) {
        spdlog::error("cannot write ready file '{}'", parsed.ready_file);
    }
    host.WaitForShutdown();
    module.reset();
    return 0;
}

}  // namespace gantry
