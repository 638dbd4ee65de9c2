#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "gantry/common/auth.hpp"

namespace gantry {
namespace {

constexpr const char* kAdmin = "admin-token-0123456789";
constexpr const char* kReader = "reader-token-0123456789";

TokenAuthenticator Make() {
    auto auth = TokenAuthenticator::FromSpecs({kAdmin, std::string(kReader) + ":read"});
    EXPECT_TRUE(auth.ok()) << auth.status().ToString();
    return std::move(auth).value();
}

TEST(AuthTest, DisabledAllowsEverything) {
    TokenAuthenticator off;
    EXPECT_FALSE(off.enabled());
    auto role = off.Authorize("", Role::kAdmin);
    ASSERT_TRUE(role.ok());
    EXPECT_EQ(*role, Role::kAdmin);
}

TEST(AuthTest, MissingTokenIsUnauthenticated) {
    auto r = Make().Authorize("", Role::kRead);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(r.status().reason(), "AUTH_TOKEN_MISSING");
}

TEST(AuthTest, WrongTokenIsUnauthenticatedAndNotEchoed) {
    auto r = Make().Authorize("Bearer wrong-token-0123456789", Role::kRead);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(r.status().message().find("wrong-token"), std::string::npos);
}

TEST(AuthTest, MalformedHeader) {
    auto r = Make().Authorize(std::string("Basic ") + kAdmin, Role::kRead);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().reason(), "AUTH_TOKEN_MALFORMED");
}

TEST(AuthTest, RolesAreOrdered) {
    const auto auth = Make();
    auto read = auth.Authorize(std::string("Bearer ") + kReader, Role::kRead);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(*read, Role::kRead);
    auto write = auth.Authorize(std::string("Bearer ") + kReader, Role::kWrite);
    ASSERT_FALSE(write.ok());
    EXPECT_EQ(write.status().code(), StatusCode::kPermissionDenied);
    EXPECT_NE(write.status().message().find("needs role 'write'"), std::string::npos);
    auto admin = auth.Authorize(std::string("bearer ") + kAdmin, Role::kAdmin);
    ASSERT_TRUE(admin.ok());
    EXPECT_EQ(*admin, Role::kAdmin);
}

TEST(AuthTest, ShortTokenAndUnknownRoleAreRejected) {
    auto short_token = TokenAuthenticator::FromSpecs({"abc"});
    ASSERT_FALSE(short_token.ok());
    EXPECT_NE(short_token.status().message().find("shorter than 16"), std::string::npos);
    auto bad_role = TokenAuthenticator::FromSpecs({"abcdefghijklmnopqrstu:root"});
    ASSERT_FALSE(bad_role.ok());
    EXPECT_NE(bad_role.status().message().find("unknown role 'root'"), std::string::npos);
}

TEST(AuthTest, TokenFileWithCommentsAndRoles) {
    const auto path = std::filesystem::temp_directory_path() / "gantry_tokens_test.txt";
    std::ofstream(path) << "# tokens\n" << kReader << " read\n\n" << kAdmin << "  # ops\n";
    auto specs = TokenAuthenticator::ReadTokenFile(path.string());
    ASSERT_TRUE(specs.ok());
    ASSERT_EQ(specs->size(), 2u);
    auto auth = TokenAuthenticator::FromSpecs(*specs);
    ASSERT_TRUE(auth.ok());
    EXPECT_EQ(*auth->Authorize(std::string("Bearer ") + kReader, Role::kRead), Role::kRead);
    EXPECT_EQ(*auth->Authorize(std::string("Bearer ") + kAdmin, Role::kAdmin), Role::kAdmin);
    std::filesystem::remove(path);
}

}  // namespace
}  // namespace gantry
