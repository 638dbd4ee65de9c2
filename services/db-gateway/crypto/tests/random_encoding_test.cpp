#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "gantry/db/crypto/encoding.hpp"
#include "gantry/db/crypto/random.hpp"

namespace gantry::db::crypto {
namespace {

TEST(EncodingTest, Rfc4648Base64UrlVectors) {
    // RFC 4648 section 10 vectors, with padding removed.
    const std::pair<const char*, const char*> cases[] = {
        {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},         {"foo", "Zm9v"},
        {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
    for (const auto& [plain, encoded] : cases) {
        EXPECT_EQ(Base64UrlEncode(AsBytes(plain)), encoded);
        EXPECT_EQ(AsText(*Base64UrlDecode(encoded)), plain);
    }
    const Bytes specials = {0xfb, 0xff, 0xbf};
    EXPECT_EQ(Base64UrlEncode(specials), "-_-_");
    EXPECT_EQ(Base64PhcEncode(specials), "+/+/");
}

TEST(EncodingTest, RejectsMalformedText) {
    EXPECT_FALSE(Base64UrlDecode("Zm9v=").ok());
    EXPECT_FALSE(Base64UrlDecode("Z").ok());
    EXPECT_FALSE(Base64UrlDecode("Zh").ok());  // non-zero trailing bits
    EXPECT_FALSE(HexDecode("abc").ok());
    EXPECT_FALSE(HexDecode("zz").ok());
    EXPECT_EQ(HexEncode(*HexDecode("00FFa0")), "00ffa0");
}

TEST(RandomTest, BytesAndTokensHaveTheAskedSize) {
    EXPECT_EQ(RandomBytes(1)->size(), 1u);
    EXPECT_EQ(RandomBytes(65536)->size(), 65536u);
    EXPECT_EQ(RandomBytes(0).status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(RandomBytes(65537).status().code(), StatusCode::kInvalidArgument);
    EXPECT_TRUE(std::regex_match(*RandomToken(16, TokenEncoding::kHex), std::regex("[0-9a-f]{32}")));
    EXPECT_TRUE(std::regex_match(*RandomToken(32, TokenEncoding::kBase64Url), std::regex("[A-Za-z0-9_-]{43}")));
    EXPECT_EQ(RandomToken(0, TokenEncoding::kHex).status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(*RandomToken(16, TokenEncoding::kHex), *RandomToken(16, TokenEncoding::kHex));
}

TEST(RandomTest, UuidV4HasVersionAndVariant) {
    const std::regex v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        const std::string uuid = UuidV4();
        EXPECT_TRUE(std::regex_match(uuid, v4)) << uuid;
        seen.insert(uuid);
    }
    EXPECT_EQ(seen.size(), 100u);
}

TEST(RandomTest, UuidV7CarriesTheTimestamp) {
    const std::regex v7("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    // 2022-02-22T19:22:22Z = 1645557742000 ms = 0x017F22E279B0 (the RFC 9562 appendix A.6 example time).
    const std::string uuid = UuidV7(std::chrono::system_clock::time_point(std::chrono::milliseconds(1645557742000)));
    EXPECT_TRUE(std::regex_match(uuid, v7)) << uuid;
    EXPECT_EQ(uuid.substr(0, 13), "017f22e2-79b0");
    EXPECT_LT(UuidV7(std::chrono::system_clock::time_point(std::chrono::milliseconds(1000))),
              UuidV7(std::chrono::system_clock::time_point(std::chrono::milliseconds(2000))));
}

}  // namespace
}  // namespace gantry::db::crypto
