#pragma once
// BLAKE3 chunk hashing several chunks at a time with SIMD (one chunk per vector lane).

#include <array>
#include <cstddef>
#include <cstdint>

namespace gantry::db::crypto::blake3_simd {

inline constexpr size_t kAvx2Lanes = 8;

/// Whether this CPU runs the AVX2 path.
bool Avx2Available();

/// Hashes kAvx2Lanes whole, consecutive 1024-byte chunks starting at `input` (chunk counters `counter`,
/// `counter + 1`, ...) to their chaining values. None of them may be the root.
void HashChunksAvx2(const std::array<uint32_t, 8>& key, const uint8_t* input, uint64_t counter, uint32_t flags,
                    std::array<std::array<uint32_t, 8>, kAvx2Lanes>& out);

}  // namespace gantry::db::crypto::blake3_simd
