// The SIMD kernels against each other and against the portable hasher, including a chunk counter that
// crosses 2^32 (the high counter word). Internal header: the test target sees src/.
#include "blake3_simd.hpp"

#include <gtest/gtest.h>

#include "gantry/db/crypto/blake3.hpp"
#include "gantry/db/crypto/encoding.hpp"

namespace gantry::db::crypto {
namespace {

Bytes Input(size_t length) {
    Bytes input(length);
    for (size_t i = 0; i < length; ++i) input[i] = static_cast<uint8_t>((i * 7919) >> 3);
    return input;
}

TEST(Blake3SimdTest, KernelsAgreeOnEveryCounter) {
    if (!blake3_simd::Avx2Available()) GTEST_SKIP() << "this CPU has no AVX2; only the portable code runs here";
    const Bytes input = Input(blake3_simd::kLanes * 1024);
    const std::array<uint32_t, 8> key = {0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A,
                                         0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19};
    for (uint64_t counter : {uint64_t{0}, uint64_t{5}, (uint64_t{1} << 32) - 3, uint64_t{1} << 40}) {
        blake3_simd::ChainingValues avx2;
        blake3_simd::avx2::HashChunks(key, input.data(), counter, 0, avx2);
        if (blake3_simd::Avx512VlAvailable()) {
            blake3_simd::ChainingValues avx512;
            blake3_simd::avx512vl::HashChunks(key, input.data(), counter, 0, avx512);
            EXPECT_EQ(avx2, avx512) << "counter " << counter;
        }
        // Lanes must differ: each chunk has its own counter and data.
        EXPECT_NE(avx2[0], avx2[1]);
    }
}

TEST(Blake3SimdTest, SimdPathEqualsPortablePath) {
    // One Update of > 8 KiB takes the SIMD path; 1 KiB pieces never do.
    const Bytes input = Input(100 * 1024 + 17);
    Blake3 simd;
    simd.Update(input);
    Blake3 portable;
    for (size_t offset = 0; offset < input.size(); offset += 1024) {
        portable.Update(std::span(input).subspan(offset, std::min<size_t>(1024, input.size() - offset)));
    }
    EXPECT_EQ(HexEncode(simd.Finalize()), HexEncode(portable.Finalize()));
}

}  // namespace
}  // namespace gantry::db::crypto
