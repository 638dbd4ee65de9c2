// AEAD known answers (the GCM specification's AES-256 test case 16, RFC 8439 section 2.8.2) and failures.
#include "gantry/db/crypto/aead.hpp"

#include <gtest/gtest.h>

namespace gantry::db::crypto {
namespace {

Bytes FromHex(std::string_view hex) {
    return *HexDecode(hex);
}

TEST(AeadTest, AesGcmTestCase16) {
    const Bytes key = FromHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    const Bytes nonce = FromHex("cafebabefacedbaddecaf888");
    const Bytes plaintext = FromHex(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0d"
        "e657ba637b39");
    const Bytes aad = FromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    const auto sealed =
        SealWithNonce(AeadAlgorithm::kAes256Gcm, key, std::span<const uint8_t, 12>(nonce.data(), 12), plaintext, aad);
    ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
    EXPECT_EQ(HexEncode(*sealed),
              "cafebabefacedbaddecaf888"
              "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e63"
              "93ba7a0abcc9f662"
              "76fc6ece0f4e1768cddf8853bb2d551b");
    EXPECT_EQ(*Open(AeadAlgorithm::kAes256Gcm, key, *sealed, aad), plaintext);
}

TEST(AeadTest, ChaCha20Poly1305Rfc8439) {
    Bytes key;
    for (int i = 0x80; i < 0xa0; ++i) key.push_back(static_cast<uint8_t>(i));
    const Bytes nonce = FromHex("070000004041424344454647");
    const Bytes aad = FromHex("50515253c0c1c2c3c4c5c6c7");
    const std::string text =
        "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would "
        "be it.";
    const auto sealed = SealWithNonce(AeadAlgorithm::kChaCha20Poly1305, key,
                                      std::span<const uint8_t, 12>(nonce.data(), 12), AsBytes(text), aad);
    ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
    EXPECT_EQ(HexEncode(*sealed),
              "070000004041424344454647"
              "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b1a71de0a"
              "9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9d"
              "e576d26586cec64b6116"
              "1ae10b594f09e26a7e902ecbd0600691");
}

class AeadFailureTest : public testing::TestWithParam<AeadAlgorithm> {};

TEST_P(AeadFailureTest, RoundTripsAndRejectsTampering) {
    const Bytes key(32, 7);
    const auto aad = AsBytes("row 42");
    const Bytes sealed = *Seal(GetParam(), key, AsBytes("secret"), aad);
    EXPECT_EQ(AsText(*Open(GetParam(), key, sealed, aad)), "secret");

    auto expect_auth_failure = [&](const StatusOr<Bytes>& result, const char* what) {
        EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << what;
        EXPECT_EQ(result.status().reason(), "AEAD_AUTHENTICATION_FAILED") << what;
    };
    Bytes tampered = sealed;
    tampered[14] ^= 0x01;
    expect_auth_failure(Open(GetParam(), key, tampered, aad), "tampered ciphertext");
    Bytes bad_tag = sealed;
    bad_tag.back() ^= 0x80;
    expect_auth_failure(Open(GetParam(), key, bad_tag, aad), "tampered tag");
    expect_auth_failure(Open(GetParam(), Bytes(32, 8), sealed, aad), "wrong key");
    expect_auth_failure(Open(GetParam(), key, sealed, AsBytes("row 43")), "wrong associated data");
    expect_auth_failure(Open(GetParam(), key, sealed, {}), "missing associated data");
}

TEST_P(AeadFailureTest, EmptyPlaintextStillAuthenticates) {
    const Bytes key(32, 1);
    const Bytes sealed = *Seal(GetParam(), key, {}, AsBytes("header"));
    EXPECT_EQ(sealed.size(), kAeadNonceBytes + kAeadTagBytes);
    EXPECT_TRUE(Open(GetParam(), key, sealed, AsBytes("header"))->empty());
    EXPECT_FALSE(Open(GetParam(), key, sealed, AsBytes("other")).ok());
}

TEST_P(AeadFailureTest, RejectsBadKeyAndShortInput) {
    const auto short_key = Seal(GetParam(), Bytes(16, 1), AsBytes("x"), {});
    EXPECT_EQ(short_key.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(short_key.status().message().find("32-byte key"), std::string::npos);
    const auto truncated = Open(GetParam(), Bytes(32, 1), Bytes(27, 0), {});
    EXPECT_EQ(truncated.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(truncated.status().message().find("at least 28"), std::string::npos);
}

TEST_P(AeadFailureTest, NoncesDiffer) {
    const Bytes key(32, 3);
    EXPECT_NE(*Seal(GetParam(), key, AsBytes("same"), {}), *Seal(GetParam(), key, AsBytes("same"), {}));
}

INSTANTIATE_TEST_SUITE_P(Algorithms, AeadFailureTest,
                         testing::Values(AeadAlgorithm::kAes256Gcm, AeadAlgorithm::kChaCha20Poly1305));

}  // namespace
}  // namespace gantry::db::crypto

namespace gantry::db::crypto {
namespace {

TEST_P(AeadFailureTest, PreparedKeyServesManyMessages) {
    auto key = AeadKey::Create(GetParam(), Bytes(32, 5));
    ASSERT_TRUE(key.ok());
    auto other = AeadKey::Create(GetParam(), Bytes(32, 6));
    ASSERT_TRUE(other.ok());
    for (int i = 0; i < 3; ++i) {
        const std::string text = "message " + std::to_string(i);
        const Bytes sealed = *key->Seal(AsBytes(text), AsBytes("aad"));
        EXPECT_EQ(AsText(*key->Open(sealed, AsBytes("aad"))), text);
        EXPECT_EQ(other->Open(sealed, AsBytes("aad")).status().reason(), "AEAD_AUTHENTICATION_FAILED");
        // A failure leaves the prepared key usable.
        EXPECT_EQ(AsText(*key->Open(sealed, AsBytes("aad"))), text);
    }
    EXPECT_EQ(AeadKey::Create(GetParam(), Bytes(31, 1)).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gantry::db::crypto

namespace gantry::db::crypto {
namespace {

TEST(AeadKeyTest, SealIntoChecksTheBufferAndOpens) {
    auto key = AeadKey::Create(AeadAlgorithm::kAes256Gcm, Bytes(32, 2));
    ASSERT_TRUE(key.ok());
    Bytes out(5 + 28);
    ASSERT_TRUE(key->SealInto(AsBytes("hello"), {}, out).ok());
    EXPECT_EQ(AsText(*key->Open(out, {})), "hello");
    Bytes wrong(5 + 27);
    EXPECT_EQ(key->SealInto(AsBytes("hello"), {}, wrong).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gantry::db::crypto
