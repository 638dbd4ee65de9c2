// Picks the BLAKE3 SIMD kernel for the CPU at run time.
#include "blake3_simd.hpp"

namespace gantry::db::crypto::blake3_simd {

bool Avx2Available() {
    return __builtin_cpu_supports("avx2");
}

bool Avx512VlAvailable() {
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
}

HashChunksFn BestHashChunks() {
    if (Avx512VlAvailable()) return &avx512vl::HashChunks;
    if (Avx2Available()) return &avx2::HashChunks;
    return nullptr;
}

}  // namespace gantry::db::crypto::blake3_simd
