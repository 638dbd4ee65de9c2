// BLAKE3 from the specification (https://github.com/BLAKE3-team/BLAKE3-specs), section 2.
#include "gantry/db/crypto/blake3.hpp"

#include <algorithm>
#include <cstring>

#include "blake3_constants.hpp"
#include "blake3_simd.hpp"

namespace gantry::db::crypto {
namespace {

using namespace blake3_constants;  // NOLINT(google-build-using-namespace)

const blake3_simd::HashChunksFn kHashChunks = blake3_simd::BestHashChunks();

constexpr uint32_t RotateRight(uint32_t x, int n) {
    return (x >> n) | (x << (32 - n));
}

inline void G(std::array<uint32_t, 16>& s, size_t a, size_t b, size_t c, size_t d, uint32_t mx, uint32_t my) {
    s[a] = s[a] + s[b] + mx;
    s[d] = RotateRight(s[d] ^ s[a], 16);
    s[c] = s[c] + s[d];
    s[b] = RotateRight(s[b] ^ s[c], 12);
    s[a] = s[a] + s[b] + my;
    s[d] = RotateRight(s[d] ^ s[a], 8);
    s[c] = s[c] + s[d];
    s[b] = RotateRight(s[b] ^ s[c], 7);
}

std::array<uint32_t, 16> Compress(const std::array<uint32_t, 8>& cv, const std::array<uint32_t, 16>& m,
                                  uint64_t counter, uint32_t block_len, uint32_t flags) {
    std::array<uint32_t, 16> s = {cv[0],
                                  cv[1],
                                  cv[2],
                                  cv[3],
                                  cv[4],
                                  cv[5],
                                  cv[6],
                                  cv[7],
                                  kIv[0],
                                  kIv[1],
                                  kIv[2],
                                  kIv[3],
                                  static_cast<uint32_t>(counter),
                                  static_cast<uint32_t>(counter >> 32),
                                  block_len,
                                  flags};
    // Seven rounds; instead of permuting the message between rounds, each round reads it in its schedule order.
#pragma GCC unroll 7
    for (const auto& r : kSchedule) {
        G(s, 0, 4, 8, 12, m[r[0]], m[r[1]]);
        G(s, 1, 5, 9, 13, m[r[2]], m[r[3]]);
        G(s, 2, 6, 10, 14, m[r[4]], m[r[5]]);
        G(s, 3, 7, 11, 15, m[r[6]], m[r[7]]);
        G(s, 0, 5, 10, 15, m[r[8]], m[r[9]]);
        G(s, 1, 6, 11, 12, m[r[10]], m[r[11]]);
        G(s, 2, 7, 8, 13, m[r[12]], m[r[13]]);
        G(s, 3, 4, 9, 14, m[r[14]], m[r[15]]);
    }
    for (size_t i = 0; i < 8; ++i) {
        s[i] ^= s[i + 8];
        s[i + 8] ^= cv[i];
    }
    return s;
}

uint32_t LoadLittleEndian(const uint8_t* p) {
    return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}

std::array<uint32_t, 16> BlockWords(const uint8_t* block) {
    std::array<uint32_t, 16> words;
    for (size_t i = 0; i < 16; ++i) words[i] = LoadLittleEndian(block + 4 * i);
    return words;
}

std::array<uint32_t, 8> First8(const std::array<uint32_t, 16>& words) {
    std::array<uint32_t, 8> out;
    std::copy_n(words.begin(), 8, out.begin());
    return out;
}

}  // namespace

Blake3::Words Blake3::Output::ChainingValue() const {
    return First8(Compress(input_cv, block_words, counter, block_len, flags));
}

void Blake3::Output::RootBytes(std::span<uint8_t> out) const {
    uint64_t output_block_counter = 0;
    size_t written = 0;
    while (written < out.size()) {
        const auto words = Compress(input_cv, block_words, output_block_counter, block_len, flags | kRoot);
        for (size_t i = 0; i < 16 && written < out.size(); ++i) {
            for (int byte = 0; byte < 4 && written < out.size(); ++byte) {
                out[written++] = static_cast<uint8_t>(words[i] >> (8 * byte));
            }
        }
        ++output_block_counter;
    }
}

Blake3::ChunkState::ChunkState(const Words& key, uint64_t chunk_counter, uint32_t flags)
    : cv_(key), chunk_counter_(chunk_counter), flags_(flags) {}

size_t Blake3::ChunkState::Length() const {
    return kBlockLen * blocks_compressed_ + block_len_;
}

uint32_t Blake3::ChunkState::StartFlag() const {
    return blocks_compressed_ == 0 ? kChunkStart : 0;
}

void Blake3::ChunkState::Update(std::span<const uint8_t> input) {
    while (!input.empty()) {
        // A full block is compressed only once more input arrives: the last block needs CHUNK_END.
        if (block_len_ == kBlockLen) {
            cv_ = First8(Compress(cv_, BlockWords(block_.data()), chunk_counter_, kBlockLen, flags_ | StartFlag()));
            ++blocks_compressed_;
            block_.fill(0);
            block_len_ = 0;
        }
        const size_t take = std::min(kBlockLen - block_len_, input.size());
        std::memcpy(block_.data() + block_len_, input.data(), take);
        block_len_ = static_cast<uint8_t>(block_len_ + take);
        input = input.subspan(take);
    }
}

Blake3::Output Blake3::ChunkState::MakeOutput() const {
    return Output{cv_, BlockWords(block_.data()), chunk_counter_, block_len_, flags_ | StartFlag() | kChunkEnd};
}

namespace {

std::array<uint32_t, 8> KeyWords(std::span<const uint8_t, Blake3::kKeyLen> key) {
    std::array<uint32_t, 8> words;
    for (size_t i = 0; i < 8; ++i) words[i] = LoadLittleEndian(key.data() + 4 * i);
    return words;
}

}  // namespace

Blake3::Blake3(const Words& key, uint32_t flags) : key_(key), flags_(flags), chunk_(key, 0, flags) {}

Blake3::Blake3() : Blake3(kIv, 0) {}

Blake3::Blake3(std::span<const uint8_t, kKeyLen> key) : Blake3(KeyWords(key), kKeyedHash) {}

Blake3 Blake3::ForDeriveKey(std::string_view context) {
    Blake3 context_hasher(kIv, kDeriveKeyContext);
    context_hasher.Update({reinterpret_cast<const uint8_t*>(context.data()), context.size()});
    const auto context_key = context_hasher.Finalize();
    return Blake3(KeyWords(context_key), kDeriveKeyMaterial);
}

void Blake3::PushChunkChainingValue(Words cv, uint64_t total_chunks) {
    // Each trailing zero bit of the chunk count completes one subtree: merge it with its left sibling.
    while ((total_chunks & 1) == 0) {
        std::array<uint32_t, 16> block_words;
        std::copy(cv_stack_.back().begin(), cv_stack_.back().end(), block_words.begin());
        std::copy(cv.begin(), cv.end(), block_words.begin() + 8);
        cv_stack_.pop_back();
        cv = Output{key_, block_words, 0, kBlockLen, flags_ | kParent}.ChainingValue();
        total_chunks >>= 1;
    }
    cv_stack_.push_back(cv);
}

void Blake3::Update(std::span<const uint8_t> input) {
    while (!input.empty()) {
        // A full chunk is finished only once more input arrives: the last chunk may be the root.
        if (chunk_.Length() == kChunkLen) {
            const Words chunk_cv = chunk_.MakeOutput().ChainingValue();
            const uint64_t total_chunks = chunk_.counter() + 1;
            PushChunkChainingValue(chunk_cv, total_chunks);
            chunk_ = ChunkState(key_, total_chunks, flags_);
        }
        // Whole chunks that more input follows (so none is the root) go through SIMD, eight at a time.
        if (kHashChunks != nullptr && chunk_.Length() == 0 && input.size() > blake3_simd::kLanes * kChunkLen) {
            blake3_simd::ChainingValues cvs;
            kHashChunks(key_, input.data(), chunk_.counter(), flags_, cvs);
            for (size_t lane = 0; lane < cvs.size(); ++lane) {
                PushChunkChainingValue(cvs[lane], chunk_.counter() + lane + 1);
            }
            chunk_ = ChunkState(key_, chunk_.counter() + cvs.size(), flags_);
            input = input.subspan(cvs.size() * kChunkLen);
            continue;
        }
        const size_t take = std::min(kChunkLen - chunk_.Length(), input.size());
        chunk_.Update(input.first(take));
        input = input.subspan(take);
    }
}

void Blake3::Finalize(std::span<uint8_t> out) const {
    Output output = chunk_.MakeOutput();
    for (auto it = cv_stack_.rbegin(); it != cv_stack_.rend(); ++it) {
        std::array<uint32_t, 16> block_words;
        std::copy(it->begin(), it->end(), block_words.begin());
        const Words right = output.ChainingValue();
        std::copy(right.begin(), right.end(), block_words.begin() + 8);
        output = Output{key_, block_words, 0, kBlockLen, flags_ | kParent};
    }
    output.RootBytes(out);
}

std::array<uint8_t, Blake3::kOutLen> Blake3::Finalize() const {
    std::array<uint8_t, kOutLen> out;
    Finalize(out);
    return out;
}

}  // namespace gantry::db::crypto
