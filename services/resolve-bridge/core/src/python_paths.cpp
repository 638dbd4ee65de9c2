#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "gantry/resolve/python_setup.hpp"

namespace gantry::resolve {
namespace {

namespace fs = std::filesystem;

fs::path ExecutableDir() {
    std::array<char, 4096> buffer{};
    const auto n = ::readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
    if (n <= 0) return {};
    return fs::path(std::string(buffer.data(), static_cast<size_t>(n))).parent_path();
}

bool HasOps(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "gantry_resolve_ops" / "__init__.py", ec) &&
           fs::is_regular_file(dir / "resolve_worker.py", ec);
}

}  // namespace

std::string DefaultScriptApi() {
#if defined(__APPLE__)
    return "/Library/Application Support/Blackmagic Design/DaVinci Resolve/Developer/Scripting";
#elif defined(_WIN32)
    const char* program_data = std::getenv("PROGRAMDATA");
    return std::string(program_data ? program_data : "C:\\ProgramData") +
           "\\Blackmagic Design\\DaVinci Resolve\\Support\\Developer\\Scripting";
#else
    return "/opt/resolve/Developer/Scripting";
#endif
}

std::string DefaultScriptLib() {
#if defined(__APPLE__)
    return "/Applications/DaVinci Resolve/DaVinci Resolve.app/Contents/Libraries/Fusion/fusionscript.so";
#elif defined(_WIN32)
    return "C:\\Program Files\\Blackmagic Design\\DaVinci Resolve\\fusionscript.dll";
#else
    return "/opt/resolve/libs/Fusion/fusionscript.so";
#endif
}

std::string FromConfigOrEnv(const std::string& configured, const char* env_name, const std::string& fallback) {
    if (!configured.empty()) return configured;
    if (const char* value = std::getenv(env_name); value != nullptr && *value != '\0') return value;
    return fallback;
}

StatusOr<std::string> LocatePythonDir(const std::string& configured) {
    if (!configured.empty()) {
        if (HasOps(configured)) return configured;
        return NotFoundError("resolve.python_dir '" + configured + "' has no gantry_resolve_ops package");
    }
    std::vector<fs::path> candidates;
    if (const auto exe = ExecutableDir(); !exe.empty()) {
        candidates.push_back(exe.parent_path() / "share" / "gantry" / "resolve-bridge" / "python");
    }
#ifdef GANTRY_RESOLVE_PYTHON_SOURCE_DIR
    candidates.emplace_back(GANTRY_RESOLVE_PYTHON_SOURCE_DIR);
#endif
    std::string looked;
    for (const auto& dir : candidates) {
        if (HasOps(dir)) return fs::weakly_canonical(dir).string();
        looked += (looked.empty() ? "" : ", ") + dir.string();
    }
    return NotFoundError("cannot find the bridge's Python files (gantry_resolve_ops, resolve_worker.py) in " + looked +
                         "; set resolve.python_dir");
}

}  // namespace gantry::resolve
