#pragma once
// BLAKE3 chunk hashing several chunks at a time with SIMD (one chunk per vector lane).

#include <array>
#include <cstddef>
#include <cstdint>

namespace gantry::db::crypto::blake3_simd {

inline constexpr size_t kLanes = 8;
using ChainingValues = std::array<std::array<uint32_t, 8>, kLanes>;

/// Hashes kLanes whole, consecutive 1024-byte chunks starting at `input` (chunk counters `counter`,
/// `counter + 1`, ...) to their chaining values. None of them may be the root.
using HashChunksFn = void (*)(const std::array<uint32_t, 8>& key, const uint8_t* input, uint64_t counter,
                              uint32_t flags, ChainingValues& out);

namespace avx2 {
void HashChunks(const std::array<uint32_t, 8>& key, const uint8_t* input, uint64_t counter, uint32_t flags,
                ChainingValues& out);
}
namespace avx512vl {
void HashChunks(const std::array<uint32_t, 8>& key, const uint8_t* input, uint64_t counter, uint32_t flags,
                ChainingValues& out);
}

bool Avx2Available();
bool Avx512VlAvailable();

/// The fastest kernel this CPU runs (AVX-512VL rotates natively; AVX2), or nullptr: portable code only.
HashChunksFn BestHashChunks();

}  // namespace gantry::db::crypto::blake3_simd
