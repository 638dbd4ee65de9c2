// SHA-2, SHA-3, BLAKE2b, HMAC (RFC 4231) and KDF (RFC 5869, RFC 7914) known answers.
#include <gtest/gtest.h>

#include "gantry/db/crypto/hash.hpp"
#include "gantry/db/crypto/kdf.hpp"
#include "gantry/db/crypto/mac.hpp"

namespace gantry::db::crypto {
namespace {

std::string Hex(const StatusOr<Bytes>& bytes) {
    return bytes.ok() ? HexEncode(*bytes) : bytes.status().ToString();
}

TEST(HashTest, KnownAnswersForAbc) {
    const auto abc = AsBytes("abc");
    EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kSha256, abc)),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kSha384, abc)),
              "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
    EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kSha512, abc)),
              "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423"
              "643ce80e2a9ac94fa54ca49f");
    EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kSha3_256, abc)),
              "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
    EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kSha3_512, abc)),
              "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4c"
              "f408d5a56592f8274eec53f0");
    EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kBlake2b512, abc)),
              "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8"
              "dbf1925ab92386edd4009923");
    EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kBlake3, abc)),
              "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85");
}

TEST(HashTest, IncrementalEqualsOneShot) {
    for (auto algorithm : {HashAlgorithm::kSha256, HashAlgorithm::kSha3_512, HashAlgorithm::kBlake3}) {
        Hasher hasher(algorithm);
        hasher.Update(AsBytes("a"));
        hasher.Update(AsBytes(""));
        hasher.Update(AsBytes("bc"));
        EXPECT_EQ(hasher.Finish(), Hash(algorithm, AsBytes("abc"))) << HashAlgorithmName(algorithm);
    }
}

TEST(HmacTest, Rfc4231TestCase2) {
    const auto key = AsBytes("Jefe");
    const auto data = AsBytes("what do ya want for nothing?");
    EXPECT_EQ(Hex(Hmac(HashAlgorithm::kSha256, key, data)),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_EQ(Hex(Hmac(HashAlgorithm::kSha384, key, data)),
              "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649");
    EXPECT_EQ(Hex(Hmac(HashAlgorithm::kSha512, key, data)),
              "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a3"
              "4d4a6b4b636e070a38bce737");
}

TEST(HmacTest, RefusesNonSha2) {
    const auto mac = Hmac(HashAlgorithm::kBlake3, AsBytes("k"), AsBytes("d"));
    EXPECT_EQ(mac.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(mac.status().message().find("BLAKE3"), std::string::npos);
}

TEST(HmacTest, VerifyAcceptsTheRightMacOnly) {
    const auto key = AsBytes("key");
    const auto data = AsBytes("message");
    Bytes mac = *Hmac(HashAlgorithm::kSha256, key, data);
    EXPECT_TRUE(*VerifyHmac(HashAlgorithm::kSha256, key, data, mac));
    EXPECT_FALSE(*VerifyHmac(HashAlgorithm::kSha256, AsBytes("other"), data, mac));
    EXPECT_FALSE(*VerifyHmac(HashAlgorithm::kSha256, key, AsBytes("messagE"), mac));
    EXPECT_FALSE(*VerifyHmac(HashAlgorithm::kSha256, key, data, std::span(mac).first(31)));
    mac[31] ^= 1;
    EXPECT_FALSE(*VerifyHmac(HashAlgorithm::kSha256, key, data, mac));
}

TEST(KdfTest, HkdfRfc5869TestCase1) {
    const Bytes ikm(22, 0x0b);
    Bytes salt, info;
    for (uint8_t i = 0; i <= 0x0c; ++i) salt.push_back(i);
    for (uint8_t i = 0xf0; i <= 0xf9; ++i) info.push_back(i);
    EXPECT_EQ(Hex(HkdfSha256(ikm, salt, info, 42)),
              "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
}

TEST(KdfTest, HkdfRejectsBadLength) {
    EXPECT_EQ(HkdfSha256(AsBytes("k"), {}, {}, 0).status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(HkdfSha256(AsBytes("k"), {}, {}, 8161).status().code(), StatusCode::kInvalidArgument);
}

TEST(KdfTest, Pbkdf2Rfc7914Vectors) {
    EXPECT_EQ(Hex(Pbkdf2Sha256(AsBytes("passwd"), AsBytes("salt"), 1, 64)),
              "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845"
              "b1e30bd509112041d3a19783");
    EXPECT_EQ(Hex(Pbkdf2Sha256(AsBytes("Password"), AsBytes("NaCl"), 80000, 64)),
              "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bde"
              "bba1d078478f62b397f33c8d");
}

TEST(KdfTest, Pbkdf2RejectsBadParameters) {
    EXPECT_EQ(Pbkdf2Sha256(AsBytes("p"), AsBytes("s"), 0, 32).status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(Pbkdf2Sha256(AsBytes("p"), AsBytes("s"), 1, 0).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gantry::db::crypto
