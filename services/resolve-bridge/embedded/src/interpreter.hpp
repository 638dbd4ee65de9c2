#pragma once
/// @file The process's one embedded CPython, started once (never finalized) with gantry_resolve_ops imported.

#include <memory>
#include <string>

#include "gantry/common/status.hpp"
#include "gantry/resolve/python_setup.hpp"

namespace gantry::resolve::embedded {

class Interpreter final {
public:
    /// Starts Python (once per process) and imports gantry_resolve_ops from setup.python_dir, with
    /// RESOLVE_SCRIPT_API and RESOLVE_SCRIPT_LIB set for DaVinciResolveScript.
    static StatusOr<std::unique_ptr<Interpreter>> Start(const PythonSetup& setup);
    ~Interpreter();

    /// gantry_resolve_ops.handle(call) under the GIL.
    StatusOr<std::string> Handle(const std::string& call);

private:
    explicit Interpreter(void* handle) : handle_(handle) {}
    void* handle_;  // PyObject* of gantry_resolve_ops.handle
};

}  // namespace gantry::resolve::embedded
