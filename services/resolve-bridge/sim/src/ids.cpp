#include "ids.hpp"

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <random>

namespace gantry::resolve::sim {

std::string NewId() {
    static std::mutex mutex;
    static std::mt19937_64 engine{std::random_device{}()};
    uint64_t a = 0, b = 0;
    {
        std::lock_guard lock(mutex);
        a = engine();
        b = engine();
    }
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xffff),
                  static_cast<unsigned>(b >> 48), static_cast<unsigned long long>(b & 0xffffffffffffULL));
    return buffer;
}

}  // namespace gantry::resolve::sim
