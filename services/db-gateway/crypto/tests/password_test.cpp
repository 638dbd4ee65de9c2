#include "gantry/db/crypto/password.hpp"

#include <gtest/gtest.h>

namespace gantry::db::crypto {
namespace {

/// Cheap settings so the tests stay fast; production defaults are in PasswordPolicy.
PasswordPolicy FastPolicy(PasswordAlgorithm algorithm) {
    PasswordPolicy policy;
    policy.algorithm = algorithm;
    policy.argon2id_memory_kib = 1024;
    policy.argon2id_iterations = 1;
    policy.bcrypt_cost = 4;
    policy.pbkdf2_iterations = 1000;
    return policy;
}

class PasswordSchemeTest : public testing::TestWithParam<PasswordAlgorithm> {};

TEST_P(PasswordSchemeTest, HashVerifiesOnlyTheRightPassword) {
    PasswordHasher hasher(FastPolicy(GetParam()));
    const auto hash = hasher.Hash("correct horse battery staple");
    ASSERT_TRUE(hash.ok()) << hash.status().ToString();
    EXPECT_TRUE(*hasher.Verify("correct horse battery staple", *hash));
    EXPECT_FALSE(*hasher.Verify("correct horse battery stapler", *hash));
    EXPECT_FALSE(*hasher.Verify("", *hash));
    EXPECT_NE(*hasher.Hash("correct horse battery staple"), *hash) << "salts must differ";
    EXPECT_FALSE(*hasher.NeedsRehash(*hash));
}

TEST_P(PasswordSchemeTest, StrongerPolicyNeedsRehash) {
    PasswordHasher weak(FastPolicy(GetParam()));
    PasswordPolicy stronger_policy = FastPolicy(GetParam());
    stronger_policy.argon2id_iterations = 2;
    stronger_policy.bcrypt_cost = 5;
    stronger_policy.pbkdf2_iterations = 2000;
    PasswordHasher stronger(stronger_policy);
    const std::string hash = *weak.Hash("pw");
    EXPECT_TRUE(*stronger.NeedsRehash(hash));
    EXPECT_TRUE(*stronger.Verify("pw", hash)) << "old hashes keep verifying";
}

INSTANTIATE_TEST_SUITE_P(Schemes, PasswordSchemeTest,
                         testing::Values(PasswordAlgorithm::kArgon2id, PasswordAlgorithm::kBcrypt,
                                         PasswordAlgorithm::kPbkdf2Sha256));

TEST(PasswordTest, HashFormats) {
    PasswordHasher argon(FastPolicy(PasswordAlgorithm::kArgon2id));
    EXPECT_TRUE(argon.Hash("x")->starts_with("$argon2id$v=19$m=1024,t=1,p=1$"));
    EXPECT_TRUE(argon.Hash("x", PasswordAlgorithm::kBcrypt)->starts_with("$2b$04$"));
    EXPECT_TRUE(argon.Hash("x", PasswordAlgorithm::kPbkdf2Sha256)->starts_with("$pbkdf2-sha256$i=1000,l=32$"));
}

TEST(PasswordTest, VerifiesHashesMadeByOtherImplementations) {
    PasswordHasher hasher(FastPolicy(PasswordAlgorithm::kArgon2id));
    // Debian's argon2 CLI: echo -n password | argon2 somesaltsomesalt -id -t 2 -m 10 -p 1 -l 32 -e
    const std::string argon2_cli =
        "$argon2id$v=19$m=1024,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CKGe5/bX9YnCq2rxjW5yQXKxn31v1GKzhDCrMc6r6vA";
    EXPECT_TRUE(*hasher.Verify("password", argon2_cli));
    EXPECT_FALSE(*hasher.Verify("passwore", argon2_cli));
    EXPECT_TRUE(*hasher.NeedsRehash(argon2_cli));  // t=2 differs from the policy's t=1
    // The Openwall crypt_blowfish test vector.
    const std::string bcrypt = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
    EXPECT_TRUE(*hasher.Verify("U*U", bcrypt));
    EXPECT_FALSE(*hasher.Verify("U*V", bcrypt));
    EXPECT_TRUE(*hasher.NeedsRehash(bcrypt));
    // RFC 7914 PBKDF2-HMAC-SHA256 vector (P="passwd", S="salt", c=1, dkLen=64) in PHC form.
    const std::string pbkdf2 =
        "$pbkdf2-sha256$i=1,l=64$c2FsdA$VawEblbjCJ/"
        "sFpHCJUS2BflBhSFt3gRl5oudV8INrLxJypzM8Xm2RZkWZLOdd+8xfHG4RbHjC9UJESBB06GXgw";
    EXPECT_TRUE(*hasher.Verify("passwd", pbkdf2));
    EXPECT_FALSE(*hasher.Verify("Passwd", pbkdf2));
}

TEST(PasswordTest, MalformedHashesAreInvalidArgument) {
    PasswordHasher hasher(FastPolicy(PasswordAlgorithm::kArgon2id));
    for (const char* bad : {"", "plaintext", "$md5$abc", "$argon2id$v=19$m=x$salt$hash", "$pbkdf2-sha256$i=1$c2FsdA",
                            "$pbkdf2-sha256$i=1,l=9$c2FsdA$VawE", "$2b$99$short"}) {
        const auto verified = hasher.Verify("pw", bad);
        EXPECT_EQ(verified.status().code(), StatusCode::kInvalidArgument) << bad;
    }
}

TEST(PasswordTest, BcryptRefusesWhatItWouldTruncate) {
    PasswordHasher hasher(FastPolicy(PasswordAlgorithm::kBcrypt));
    const auto long_password = hasher.Hash(std::string(73, 'a'));
    EXPECT_EQ(long_password.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(long_password.status().message().find("72 bytes"), std::string::npos);
    EXPECT_EQ(hasher.Hash(std::string("a\0b", 3)).status().code(), StatusCode::kInvalidArgument);
}

TEST(PasswordTest, PolicyValidation) {
    PasswordPolicy policy;
    EXPECT_TRUE(policy.Validate().ok());
    policy.bcrypt_cost = 3;
    EXPECT_NE(policy.Validate().message().find("bcrypt cost"), std::string::npos);
    policy = PasswordPolicy{};
    policy.pbkdf2_iterations = 10;
    EXPECT_NE(policy.Validate().message().find("PBKDF2 iterations"), std::string::npos);
    EXPECT_EQ(*ParsePasswordAlgorithm("bcrypt"), PasswordAlgorithm::kBcrypt);
    EXPECT_FALSE(ParsePasswordAlgorithm("md5").ok());
}

}  // namespace
}  // namespace gantry::db::crypto

namespace gantry::db::crypto {
namespace {

TEST(PasswordTest, HashesBeyondTheCostLimitsAreRefusedNotComputed) {
    PasswordHasher hasher{PasswordPolicy{}};
    // Each would take gigabytes or hours if computed; they are refused from their settings alone.
    for (const char* hash :
         {"$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CKGe5/bX9YnCq2rxjW5yQXKxn31v1GKzhDCrMc6r6vA",
          "$argon2id$v=19$m=1024,t=1000,p=1$c29tZXNhbHRzb21lc2FsdA$CKGe5/bX9YnCq2rxjW5yQXKxn31v1GKzhDCrMc6r6vA",
          "$2b$31$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
          "$pbkdf2-sha256$i=2000000000,l=64$c2FsdA$VawEblbjCJ/"
          "sFpHCJUS2BflBhSFt3gRl5oudV8INrLxJypzM8Xm2RZkWZLOdd+8xfHG4RbHjC9UJESBB06GXgw"}) {
        const auto verified = hasher.Verify("pw", hash);
        EXPECT_EQ(verified.status().code(), StatusCode::kInvalidArgument) << hash;
        EXPECT_NE(verified.status().message().find("exceed"), std::string::npos) << verified.status().message();
    }
}

TEST(PasswordTest, PolicyLimitsMatchVerificationLimits) {
    PasswordPolicy policy;
    policy.argon2id_memory_kib = PasswordCostLimits::kMaxArgon2idMemoryKib + 1;
    EXPECT_FALSE(policy.Validate().ok());
    policy = PasswordPolicy{};
    policy.bcrypt_cost = PasswordCostLimits::kMaxBcryptCost + 1;
    EXPECT_FALSE(policy.Validate().ok());
}

}  // namespace
}  // namespace gantry::db::crypto
