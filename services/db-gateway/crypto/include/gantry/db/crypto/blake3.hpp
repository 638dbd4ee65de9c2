#pragma once
/// @file BLAKE3, written from the BLAKE3 specification (portable C++, no SIMD).
/// Hash, keyed hash and key derivation modes with extendable output.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace gantry::db::crypto {

class Blake3 final {
public:
    static constexpr size_t kKeyLen = 32;
    static constexpr size_t kOutLen = 32;

    /// The default hash mode.
    Blake3();
    /// Keyed hash mode (a MAC / PRF).
    explicit Blake3(std::span<const uint8_t, kKeyLen> key);
    /// Key derivation mode: the context string should be hardcoded, globally unique and application-specific.
    static Blake3 ForDeriveKey(std::string_view context);

    void Update(std::span<const uint8_t> input);
    /// Writes `out.size()` bytes of output (any length; the first 32 are the default digest).
    /// The hasher is not changed, so more input may follow.
    void Finalize(std::span<uint8_t> out) const;
    std::array<uint8_t, kOutLen> Finalize() const;

private:
    using Words = std::array<uint32_t, 8>;

    struct Output {
        Words input_cv;
        std::array<uint32_t, 16> block_words;
        uint64_t counter;
        uint32_t block_len;
        uint32_t flags;
        Words ChainingValue() const;
        void RootBytes(std::span<uint8_t> out) const;
    };

    class ChunkState {
    public:
        ChunkState(const Words& key, uint64_t chunk_counter, uint32_t flags);
        size_t Length() const;
        uint64_t counter() const { return chunk_counter_; }
        void Update(std::span<const uint8_t> input);
        Output MakeOutput() const;

    private:
        uint32_t StartFlag() const;
        Words cv_;
        uint64_t chunk_counter_;
        std::array<uint8_t, 64> block_{};
        uint8_t block_len_ = 0;
        uint8_t blocks_compressed_ = 0;
        uint32_t flags_;
    };

    Blake3(const Words& key, uint32_t flags);
    void PushChunkChainingValue(Words cv, uint64_t total_chunks);

    Words key_;
    uint32_t flags_;
    ChunkState chunk_;
    std::vector<Words> cv_stack_;  // at most 54 entries (2^64 bytes of input)
};

}  // namespace gantry::db::crypto
