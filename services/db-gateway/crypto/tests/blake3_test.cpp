// BLAKE3 against the official test vectors (BLAKE3-team/BLAKE3 test_vectors.json) and Debian's b3sum.
#include "gantry/db/crypto/blake3.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "gantry/db/crypto/encoding.hpp"

namespace gantry::db::crypto {
namespace {

/// The vectors' input: bytes 0, 1, ..., 250, 0, 1, ...
Bytes VectorInput(size_t length) {
    Bytes input(length);
    for (size_t i = 0; i < length; ++i) input[i] = static_cast<uint8_t>(i % 251);
    return input;
}

std::string HashHex(Blake3 hasher, const Bytes& input, size_t out_len = 32) {
    hasher.Update(input);
    Bytes out(out_len);
    hasher.Finalize(out);
    return HexEncode(out);
}

struct Vector {
    size_t input_len;
    const char* hash;  // first 32 bytes of the extended output
};

// First 32 bytes of the "hash" field of each case.
constexpr Vector kHashVectors[] = {
    {0, "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"},
    {1, "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213"},
    {1023, "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11"},
    {1024, "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7"},
    {1025, "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444"},
    {2048, "e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a"},
    {2049, "5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b6879522563030"},
    {3072, "b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd2"},
    {3073, "7124b49501012f81cc7f11ca069ec9226cecb8a2c850cfe644e327d22d3e1cd3"},
    {4096, "015094013f57a5277b59d8475c0501042c0b642e531b0a1c8f58d2163229e969"},
    {4097, "9b4052b38f1c5fc8b1f9ff7ac7b27cd242487b3d890d15c96a1c25b8aa0fb995"},
    {5121, "628bd2cb2004694adaab7bbd778a25df25c47b9d4155a55f8fbd79f2fe154cff"},
    {8193, "bab6c09cb8ce8cf459261398d2e7aef35700bf488116ceb94a36d0f5f1b7bc3b"},
    {16384, "f875d6646de28985646f34ee13be9a576fd515f76b5b0a26bb324735041ddde4"},
    {31744, "62b6960e1a44bcc1eb1a611a8d6235b6b4b78f32e7abc4fb4c6cdcce94895c47"},
    {102400, "bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085"},
};

TEST(Blake3Test, OfficialHashVectors) {
    for (const auto& v : kHashVectors) {
        EXPECT_EQ(HashHex(Blake3(), VectorInput(v.input_len)), v.hash) << "input_len " << v.input_len;
    }
}

TEST(Blake3Test, OfficialExtendedOutput) {
    EXPECT_EQ(HashHex(Blake3(), VectorInput(0), 131),
              "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262e00f03e7b69af26b7faaf09fcd333050338ddfe0"
              "85b8cc869ca98b206c08243a26f5487789e8f660afe6c99ef9e0c52b92e7393024a80459cf91f476f9ffdbda7001c22e159b4026"
              "31f277ca96f2defdf1078282314e763699a31c5363165421cce14d");
    EXPECT_EQ(HashHex(Blake3(), VectorInput(1025), 131),
              "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444f4c4a22b4b399155358a994e52bf255de600357"
              "42ec71bd08ac275a1b51cc6bfe332b0ef84b409108cda080e6269ed4b3e2c3f7d722aa4cdc98d16deb554e5627be8f955c98e1d5"
              "f9565a9194cad0c4285f93700062d9595adb992ae68ff12800ab67a");
}

TEST(Blake3Test, OfficialKeyedAndDeriveKeyVectors) {
    const std::string key_text = "whats the Elvish word for friend";
    std::array<uint8_t, 32> key;
    std::copy(key_text.begin(), key_text.end(), key.begin());
    const std::string context = "BLAKE3 2019-12-27 16:29:52 test vectors context";

    EXPECT_EQ(HashHex(Blake3(key), VectorInput(0)), "92b2b75604ed3c761f9d6f62392c8a9227ad0ea3f09573e783f1498a4ed60d26");
    EXPECT_EQ(HashHex(Blake3(key), VectorInput(1025)),
              "357dc55de0c7e382c900fd6e320acc04146be01db6a8ce7210b7189bd664ea69");
    EXPECT_EQ(HashHex(Blake3(key), VectorInput(102400)),
              "1c35d1a5811083fd7119f5d5d1ba027b4d01c0c6c49fb6ff2cf75393ea5db4a7");
    EXPECT_EQ(HashHex(Blake3::ForDeriveKey(context), VectorInput(0)),
              "2cc39783c223154fea8dfb7c1b1660f2ac2dcbd1c1de8277b0b0dd39b7e50d7d");
    EXPECT_EQ(HashHex(Blake3::ForDeriveKey(context), VectorInput(1025)),
              "effaa245f065fbf82ac186839a249707c3bddf6d3fdda22d1b95a3c970379bcb");
    EXPECT_EQ(HashHex(Blake3::ForDeriveKey(context), VectorInput(102400)),
              "4652cff7a3f385a6103b5c260fc1593e13c778dbe608efb092fe7ee69df6e9c6");
}

TEST(Blake3Test, SplitUpdatesMatchOneUpdate) {
    const Bytes input = VectorInput(10000);
    for (size_t piece : {1u, 63u, 64u, 65u, 1023u, 1024u, 1025u, 4096u}) {
        Blake3 hasher;
        for (size_t offset = 0; offset < input.size(); offset += piece) {
            hasher.Update(std::span(input).subspan(offset, std::min(piece, input.size() - offset)));
        }
        EXPECT_EQ(HexEncode(hasher.Finalize()), HashHex(Blake3(), input)) << "piece " << piece;
    }
}

TEST(Blake3Test, FinalizeDoesNotConsumeTheHasher) {
    Blake3 hasher;
    hasher.Update(AsBytes("ab"));
    const auto first = hasher.Finalize();
    EXPECT_EQ(hasher.Finalize(), first);
    hasher.Update(AsBytes("c"));
    EXPECT_EQ(HexEncode(hasher.Finalize()), "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85");
}

/// Runs b3sum on a file and returns its hex output (the first field).
std::string B3sum(const std::filesystem::path& file, size_t length) {
    const std::string command = "b3sum --no-names --length " + std::to_string(length) + " '" + file.string() + "'";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return "";
    std::string out;
    char buffer[512];
    while (fgets(buffer, sizeof(buffer), pipe) != nullptr) out += buffer;
    pclose(pipe);
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

TEST(Blake3Test, AgreesWithDebianB3sum) {
    ASSERT_EQ(std::system("command -v b3sum > /dev/null"), 0)
        << "b3sum is missing: it is in deploy/packages/test-dbx.txt (./dev test installs it)";
    const auto file = std::filesystem::temp_directory_path() / ("gantry_b3_" + std::to_string(::getpid()));
    for (size_t length : {0u, 7u, 1024u, 1025u, 6000u, 65536u, 65537u, 1000003u}) {
        Bytes input(length);
        for (size_t i = 0; i < length; ++i) input[i] = static_cast<uint8_t>((i * 2654435761u) >> 13);
        std::ofstream(file, std::ios::binary)
            .write(reinterpret_cast<const char*>(input.data()), static_cast<std::streamsize>(input.size()));
        EXPECT_EQ(HashHex(Blake3(), input, 100), B3sum(file, 100)) << "length " << length;
    }
    std::filesystem::remove(file);
}

}  // namespace
}  // namespace gantry::db::crypto
