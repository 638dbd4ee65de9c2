// BLAKE3 chunk compression, eight chunks at once in AVX2 registers: each __m256i holds one state or
// message word for eight chunks. Compiled for AVX2 per function and used only when the CPU has it.
#include <immintrin.h>

#include "blake3_constants.hpp"
#include "blake3_simd.hpp"

namespace gantry::db::crypto::blake3_simd {
namespace {

using namespace blake3_constants;  // NOLINT(google-build-using-namespace)

#define GANTRY_AVX2 __attribute__((target("avx2")))

GANTRY_AVX2 inline __m256i Add(__m256i a, __m256i b) {
    return _mm256_add_epi32(a, b);
}
GANTRY_AVX2 inline __m256i Xor(__m256i a, __m256i b) {
    return _mm256_xor_si256(a, b);
}
GANTRY_AVX2 inline __m256i Rot16(__m256i x) {
    const __m256i shuffle = _mm256_set_epi8(13, 12, 15, 14, 9, 8, 11, 10, 5, 4, 7, 6, 1, 0, 3, 2, 13, 12, 15, 14, 9, 8,
                                            11, 10, 5, 4, 7, 6, 1, 0, 3, 2);
    return _mm256_shuffle_epi8(x, shuffle);
}
GANTRY_AVX2 inline __m256i Rot8(__m256i x) {
    const __m256i shuffle = _mm256_set_epi8(12, 15, 14, 13, 8, 11, 10, 9, 4, 7, 6, 5, 0, 3, 2, 1, 12, 15, 14, 13, 8, 11,
                                            10, 9, 4, 7, 6, 5, 0, 3, 2, 1);
    return _mm256_shuffle_epi8(x, shuffle);
}
GANTRY_AVX2 inline __m256i Rot12(__m256i x) {
    return _mm256_or_si256(_mm256_srli_epi32(x, 12), _mm256_slli_epi32(x, 20));
}
GANTRY_AVX2 inline __m256i Rot7(__m256i x) {
    return _mm256_or_si256(_mm256_srli_epi32(x, 7), _mm256_slli_epi32(x, 25));
}

GANTRY_AVX2 inline void G(__m256i* v, size_t a, size_t b, size_t c, size_t d, __m256i mx, __m256i my) {
    v[a] = Add(Add(v[a], v[b]), mx);
    v[d] = Rot16(Xor(v[d], v[a]));
    v[c] = Add(v[c], v[d]);
    v[b] = Rot12(Xor(v[b], v[c]));
    v[a] = Add(Add(v[a], v[b]), my);
    v[d] = Rot8(Xor(v[d], v[a]));
    v[c] = Add(v[c], v[d]);
    v[b] = Rot7(Xor(v[b], v[c]));
}

/// Transposes an 8x8 matrix of 32-bit words held as eight rows.
GANTRY_AVX2 void Transpose(__m256i* rows) {
    const __m256i t0 = _mm256_unpacklo_epi32(rows[0], rows[1]), t1 = _mm256_unpackhi_epi32(rows[0], rows[1]);
    const __m256i t2 = _mm256_unpacklo_epi32(rows[2], rows[3]), t3 = _mm256_unpackhi_epi32(rows[2], rows[3]);
    const __m256i t4 = _mm256_unpacklo_epi32(rows[4], rows[5]), t5 = _mm256_unpackhi_epi32(rows[4], rows[5]);
    const __m256i t6 = _mm256_unpacklo_epi32(rows[6], rows[7]), t7 = _mm256_unpackhi_epi32(rows[6], rows[7]);
    const __m256i u0 = _mm256_unpacklo_epi64(t0, t2), u1 = _mm256_unpackhi_epi64(t0, t2);
    const __m256i u2 = _mm256_unpacklo_epi64(t1, t3), u3 = _mm256_unpackhi_epi64(t1, t3);
    const __m256i u4 = _mm256_unpacklo_epi64(t4, t6), u5 = _mm256_unpackhi_epi64(t4, t6);
    const __m256i u6 = _mm256_unpacklo_epi64(t5, t7), u7 = _mm256_unpackhi_epi64(t5, t7);
    rows[0] = _mm256_permute2x128_si256(u0, u4, 0x20);
    rows[1] = _mm256_permute2x128_si256(u1, u5, 0x20);
    rows[2] = _mm256_permute2x128_si256(u2, u6, 0x20);
    rows[3] = _mm256_permute2x128_si256(u3, u7, 0x20);
    rows[4] = _mm256_permute2x128_si256(u0, u4, 0x31);
    rows[5] = _mm256_permute2x128_si256(u1, u5, 0x31);
    rows[6] = _mm256_permute2x128_si256(u2, u6, 0x31);
    rows[7] = _mm256_permute2x128_si256(u3, u7, 0x31);
}

/// Loads block `block` of each lane's chunk as sixteen word vectors (word i of every lane in m[i]).
GANTRY_AVX2 void LoadMessage(const uint8_t* input, size_t block, __m256i* m) {
    for (size_t half = 0; half < 2; ++half) {
        __m256i* rows = m + 8 * half;
        for (size_t lane = 0; lane < kAvx2Lanes; ++lane) {
            rows[lane] = _mm256_loadu_si256(
                reinterpret_cast<const __m256i*>(input + lane * kChunkLen + block * kBlockLen + 32 * half));
        }
        Transpose(rows);
    }
}

}  // namespace

bool Avx2Available() {
    return __builtin_cpu_supports("avx2");
}

GANTRY_AVX2 void HashChunksAvx2(const std::array<uint32_t, 8>& key, const uint8_t* input, uint64_t counter,
                                uint32_t flags, std::array<std::array<uint32_t, 8>, kAvx2Lanes>& out) {
    __m256i h[8];
    for (size_t i = 0; i < 8; ++i) h[i] = _mm256_set1_epi32(static_cast<int>(key[i]));
    alignas(32) uint32_t counter_low[kAvx2Lanes];
    alignas(32) uint32_t counter_high[kAvx2Lanes];
    for (size_t lane = 0; lane < kAvx2Lanes; ++lane) {
        counter_low[lane] = static_cast<uint32_t>(counter + lane);
        counter_high[lane] = static_cast<uint32_t>((counter + lane) >> 32);
    }
    const __m256i counter_low_v = _mm256_load_si256(reinterpret_cast<const __m256i*>(counter_low));
    const __m256i counter_high_v = _mm256_load_si256(reinterpret_cast<const __m256i*>(counter_high));
    const __m256i block_len = _mm256_set1_epi32(static_cast<int>(kBlockLen));

    for (size_t block = 0; block < kChunkLen / kBlockLen; ++block) {
        __m256i m[16];
        LoadMessage(input, block, m);
        uint32_t block_flags = flags;
        if (block == 0) block_flags |= kChunkStart;
        if (block == kChunkLen / kBlockLen - 1) block_flags |= kChunkEnd;
        __m256i v[16] = {h[0],
                         h[1],
                         h[2],
                         h[3],
                         h[4],
                         h[5],
                         h[6],
                         h[7],
                         _mm256_set1_epi32(static_cast<int>(kIv[0])),
                         _mm256_set1_epi32(static_cast<int>(kIv[1])),
                         _mm256_set1_epi32(static_cast<int>(kIv[2])),
                         _mm256_set1_epi32(static_cast<int>(kIv[3])),
                         counter_low_v,
                         counter_high_v,
                         block_len,
                         _mm256_set1_epi32(static_cast<int>(block_flags))};
#pragma GCC unroll 7
        for (const auto& s : kSchedule) {
            G(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            G(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            G(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            G(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            G(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            G(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            G(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            G(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for (size_t i = 0; i < 8; ++i) h[i] = Xor(v[i], v[i + 8]);
    }
    Transpose(h);  // h[lane] now holds that lane's chaining value
    for (size_t lane = 0; lane < kAvx2Lanes; ++lane) {
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[lane].data()), h[lane]);
    }
}

}  // namespace gantry::db::crypto::blake3_simd
