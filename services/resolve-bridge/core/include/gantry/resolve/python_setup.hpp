#pragma once
/// @file What the Python-based backends (python-worker, embedded) need to find: the bridge's own Python files
/// and Resolve's scripting module, located the way Resolve documents it per OS.

#include <string>

#include "gantry/common/status.hpp"

namespace gantry::resolve {

struct PythonSetup {
    std::string python_dir;         // holds the gantry_resolve_ops package and resolve_worker.py
    std::string script_api;         // RESOLVE_SCRIPT_API: the folder whose Modules/ has DaVinciResolveScript.py
    std::string script_lib;         // RESOLVE_SCRIPT_LIB: fusionscript.so / .dll
    std::string python_executable;  // the interpreter the worker runs on
};

/// Resolve's documented RESOLVE_SCRIPT_API and RESOLVE_SCRIPT_LIB for this OS.
std::string DefaultScriptApi();
std::string DefaultScriptLib();

/// `configured` when set, else the environment variable `env_name`, else `fallback`.
std::string FromConfigOrEnv(const std::string& configured, const char* env_name, const std::string& fallback);

/// The folder holding the Python files: `configured` when set, else <binary>/../share/gantry/resolve-bridge/python
/// (install and build trees), else the source tree. NOT_FOUND lists where it looked.
StatusOr<std::string> LocatePythonDir(const std::string& configured);

}  // namespace gantry::resolve
