#pragma once
/// @file The one interface every way of reaching Resolve implements: the simulator, the Python worker
/// process, the embedded interpreter, and the `auto` chain over the last two.

#include <google/protobuf/message.h>

#include <string>
#include <string_view>

#include "gantry/common/status.hpp"

namespace gantry::resolve {

/// Whether a backend can answer calls, and why (or why not and how to fix it).
struct BackendState {
    std::string backend;  // the backend that answers ("sim", "embedded", "python-worker"); empty when none
    bool available = false;
    std::string reason;
    std::string product;  // e.g. "DaVinci Resolve Studio"; empty when unknown
    std::string version;
};

class Backend {
public:
    virtual ~Backend() = default;

    /// The configured name: "sim", "embedded", "python-worker" or "auto".
    virtual std::string name() const = 0;

    /// Runs one method of methods.hpp. `request` and `response` are that method's messages; the request was
    /// validated already. Thread-safe: implementations serialize calls to Resolve themselves.
    virtual Status Call(std::string_view method, const google::protobuf::Message& request,
                        google::protobuf::Message& response) = 0;

    /// Connects when not connected yet and reports the outcome. Never throws, may take a while.
    virtual BackendState Probe() = 0;
};

}  // namespace gantry::resolve
