#include "gantry/turso/base64.hpp"

#include <gtest/gtest.h>

namespace gantry::turso {
namespace {

TEST(Base64, RoundTripsEveryLength) {
    std::vector<uint8_t> bytes;
    for (int n = 0; n < 10; ++n) {
        const std::string encoded = Base64Encode(bytes);
        EXPECT_EQ(encoded.size() % 4, 0u);
        auto decoded = Base64Decode(encoded);
        ASSERT_TRUE(decoded.has_value());
        EXPECT_EQ(*decoded, bytes);
        bytes.push_back(static_cast<uint8_t>(0xf0 + n));
    }
}

TEST(Base64, DecodesUnpaddedAsTursodbSendsIt) {
    EXPECT_EQ(Base64Decode("/w"), std::vector<uint8_t>{0xff});
    EXPECT_EQ(Base64Decode("AQL/"), (std::vector<uint8_t>{0x01, 0x02, 0xff}));
    EXPECT_EQ(Base64Encode({0xff}), "/w==");
}

TEST(Base64, RejectsForeignCharactersAndImpossibleLengths) {
    EXPECT_FALSE(Base64Decode("ab$d").has_value());
    EXPECT_FALSE(Base64Decode("abcde").has_value());
}

}  // namespace
}  // namespace gantry::turso
