#pragma once
// BLAKE3 constants from the specification, shared by the portable and the SIMD code.

#include <array>
#include <cstddef>
#include <cstdint>

namespace gantry::db::crypto::blake3_constants {

inline constexpr size_t kBlockLen = 64;
inline constexpr size_t kChunkLen = 1024;

inline constexpr uint32_t kChunkStart = 1u << 0;
inline constexpr uint32_t kChunkEnd = 1u << 1;
inline constexpr uint32_t kParent = 1u << 2;
inline constexpr uint32_t kRoot = 1u << 3;
inline constexpr uint32_t kKeyedHash = 1u << 4;
inline constexpr uint32_t kDeriveKeyContext = 1u << 5;
inline constexpr uint32_t kDeriveKeyMaterial = 1u << 6;

inline constexpr std::array<uint32_t, 8> kIv = {0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A,
                                                0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19};
inline constexpr std::array<size_t, 16> kMessagePermutation = {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8};

/// The message word order of each of the seven rounds: the permutation applied round after round.
constexpr std::array<std::array<size_t, 16>, 7> MakeSchedule() {
    std::array<std::array<size_t, 16>, 7> schedule{};
    for (size_t i = 0; i < 16; ++i) schedule[0][i] = i;
    for (size_t r = 1; r < 7; ++r) {
        for (size_t i = 0; i < 16; ++i) schedule[r][i] = schedule[r - 1][kMessagePermutation[i]];
    }
    return schedule;
}
inline constexpr auto kSchedule = MakeSchedule();

}  // namespace gantry::db::crypto::blake3_constants
