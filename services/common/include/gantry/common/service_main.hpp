#pragma once
/// @file The whole life of a service binary: flags, configuration, logging, host, run, drain.
/// Each service's main.cpp only builds a ServiceModule and hands it to ServiceMain.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gantry/common/config.hpp"
#include "gantry/common/server_config.hpp"
#include "gantry/common/service_host.hpp"

namespace gantry {

/// A command-line flag that sets a configuration key (all flags are configuration overrides).
struct FlagSpec {
    std::string name;         // without dashes, e.g. "stdio"
    std::string config_path;  // e.g. "mcp.transport"
    std::string help;
    std::string value_when_present;  // for switches: the value set when the flag is given; "" = takes a value
    /// Further keys the flag sets, unless another flag sets them explicitly (e.g. --stdio moves the
    /// gRPC listener to a free port so that several stdio copies can run side by side).
    std::map<std::string, std::string> implies = {};
};

/// One service's own part: its configuration keys and its components.
class ServiceModule {
public:
    virtual ~ServiceModule() = default;
    /// Reads the service's own keys from the root section. Also called on an empty document to
    /// document the keys for --help, so it must not touch the outside world.
    virtual void Configure(ConfigSection& root, const CommonConfig& common) = 0;
    /// Builds components and registers gRPC services on the host. Must not block on an unreachable
    /// backend: start degraded and report it through health and errors instead.
    virtual Status Start(ServiceHost& host) = 0;
    /// Extra flags beyond the common ones.
    virtual std::vector<FlagSpec> Flags() const { return {}; }
};

struct ServiceIdentity {
    std::string name;     // "db-gateway"
    std::string summary;  // one line for --help
    DefaultPorts ports;
};

/// Runs the service; returns the process exit code (0 after a clean drain, 2 for bad flags or
/// configuration, 1 when it cannot start).
int ServiceMain(int argc, char** argv, const ServiceIdentity& identity, std::unique_ptr<ServiceModule> module);

/// Gantry's release version.
const char* GantryVersion();

}  // namespace gantry
