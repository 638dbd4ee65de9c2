#include "gantry/mcp/http_checks.hpp"

#include <gtest/gtest.h>

namespace gantry::mcp {
namespace {

const std::vector<std::string> kLocal = {"localhost", "127.0.0.1", "::1"};

TEST(HttpChecks, HostNames) {
    EXPECT_EQ(HostHeaderName("localhost:8080"), "localhost");
    EXPECT_EQ(HostHeaderName("LocalHost"), "localhost");
    EXPECT_EQ(HostHeaderName("[::1]:80"), "::1");
    EXPECT_EQ(OriginHostName("http://127.0.0.1:3000"), "127.0.0.1");
    EXPECT_EQ(OriginHostName("https://evil.example.com/path"), "evil.example.com");
    EXPECT_EQ(OriginHostName("null"), "");
}

TEST(HttpChecks, DnsRebindingIsRefused) {
    EXPECT_TRUE(IsAllowedHost("localhost:1234", kLocal));
    EXPECT_TRUE(IsAllowedHost("127.0.0.1:1234", kLocal));
    EXPECT_TRUE(IsAllowedHost("[::1]:1234", kLocal));
    EXPECT_FALSE(IsAllowedHost("evil.example.com", kLocal));
    EXPECT_FALSE(IsAllowedHost("localhost.evil.example.com:80", kLocal));
    EXPECT_FALSE(IsAllowedHost("", kLocal));
    EXPECT_TRUE(IsAllowedOrigin("", kLocal));
    EXPECT_TRUE(IsAllowedOrigin("http://localhost:5173", kLocal));
    EXPECT_FALSE(IsAllowedOrigin("http://evil.example.com", kLocal));
    EXPECT_FALSE(IsAllowedOrigin("null", kLocal));
}

TEST(HttpChecks, ContentNegotiation) {
    EXPECT_TRUE(Accepts("application/json, text/event-stream", "text/event-stream"));
    EXPECT_TRUE(Accepts("application/json;q=0.9, text/event-stream", "application/json"));
    EXPECT_TRUE(Accepts("*/*", "application/json"));
    EXPECT_TRUE(Accepts("text/*", "text/event-stream"));
    EXPECT_FALSE(Accepts("application/json", "text/event-stream"));
    EXPECT_FALSE(Accepts("", "application/json"));
    EXPECT_TRUE(IsJsonContentType("application/json; charset=utf-8"));
    EXPECT_FALSE(IsJsonContentType("text/plain"));
}

TEST(HttpChecks, BearerToken) {
    EXPECT_TRUE(BearerTokenMatches("Bearer s3cret", "s3cret"));
    EXPECT_TRUE(BearerTokenMatches("bearer s3cret", "s3cret"));
    EXPECT_FALSE(BearerTokenMatches("Bearer s3cre", "s3cret"));
    EXPECT_FALSE(BearerTokenMatches("Basic s3cret", "s3cret"));
    EXPECT_FALSE(BearerTokenMatches("", "s3cret"));
}

}  // namespace
}  // namespace gantry::mcp
