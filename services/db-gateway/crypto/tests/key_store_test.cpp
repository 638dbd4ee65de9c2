#include "gantry/db/crypto/key_store.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace gantry::db::crypto {
namespace {

class KeyStoreTest : public testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("gantry_keystore_" + std::to_string(::getpid()) + "_" +
                                                         testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
        path_ = (dir_ / "keys.json").string();
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::unique_ptr<KeyStore> OpenStore(uint8_t master_byte = 0x42) {
        auto store = KeyStore::Open(path_, Bytes(32, master_byte));
        EXPECT_TRUE(store.ok()) << store.status().ToString();
        return store.ok() ? std::move(*store) : nullptr;
    }

    std::filesystem::path dir_;
    std::string path_;
};

TEST_F(KeyStoreTest, EncryptDecryptNamesKeyAndVersion) {
    auto store = OpenStore();
    ASSERT_TRUE(store->Create("orders", AeadAlgorithm::kAes256Gcm).ok());
    const auto sealed = store->Encrypt("orders", AsBytes("card 4111"), AsBytes("order 7"));
    ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
    EXPECT_TRUE(sealed->text.starts_with("gantry:orders:v1:"));
    EXPECT_EQ(sealed->key_version, 1);
    const auto opened = store->Decrypt(sealed->text, AsBytes("order 7"));
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    EXPECT_EQ(AsText(opened->plaintext), "card 4111");
    EXPECT_EQ(opened->key_name, "orders");
    EXPECT_EQ(store->Decrypt(sealed->text, AsBytes("order 8")).status().reason(), "AEAD_AUTHENTICATION_FAILED");
}

TEST_F(KeyStoreTest, RotationKeepsOldCiphertextsAndRewrapMovesThem) {
    auto store = OpenStore();
    ASSERT_TRUE(store->Create("k", AeadAlgorithm::kChaCha20Poly1305).ok());
    const std::string v1 = store->Encrypt("k", AsBytes("data"), {})->text;
    const auto rotated = store->Rotate("k");
    ASSERT_TRUE(rotated.ok());
    EXPECT_EQ(rotated->latest_version(), 2);
    EXPECT_TRUE(store->Encrypt("k", AsBytes("data"), {})->text.starts_with("gantry:k:v2:"));
    EXPECT_EQ(AsText(store->Decrypt(v1, {})->plaintext), "data");
    const auto rewrapped = store->Rewrap(v1, {});
    ASSERT_TRUE(rewrapped.ok());
    EXPECT_EQ(rewrapped->key_version, 2);
    EXPECT_EQ(AsText(store->Decrypt(rewrapped->text, {})->plaintext), "data");
}

TEST_F(KeyStoreTest, PersistsEncryptedAndReopens) {
    std::string ciphertext;
    {
        auto store = OpenStore();
        ASSERT_TRUE(store->Create("a", AeadAlgorithm::kAes256Gcm).ok());
        ASSERT_TRUE(store->Rotate("a").ok());
        ciphertext = store->Encrypt("a", AsBytes("hello"), {})->text;
    }
    struct stat info {};
    ASSERT_EQ(::stat(path_.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    std::stringstream file;
    file << std::ifstream(path_).rdbuf();
    EXPECT_NE(file.str().find("sealed_key"), std::string::npos);

    auto reopened = OpenStore();
    ASSERT_EQ(reopened->List().size(), 1u);
    EXPECT_EQ(reopened->List()[0].latest_version(), 2);
    EXPECT_EQ(AsText(reopened->Decrypt(ciphertext, {})->plaintext), "hello");

    const auto wrong_master = KeyStore::Open(path_, Bytes(32, 0x43));
    EXPECT_EQ(wrong_master.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(wrong_master.status().message().find("master key"), std::string::npos);
}

TEST_F(KeyStoreTest, ErrorsNameTheProblem) {
    auto store = OpenStore();
    EXPECT_EQ(store->Create("bad name", AeadAlgorithm::kAes256Gcm).status().code(), StatusCode::kInvalidArgument);
    ASSERT_TRUE(store->Create("a", AeadAlgorithm::kAes256Gcm).ok());
    EXPECT_EQ(store->Create("a", AeadAlgorithm::kAes256Gcm).status().code(), StatusCode::kAlreadyExists);
    EXPECT_EQ(store->Rotate("missing").status().code(), StatusCode::kNotFound);
    EXPECT_EQ(store->Encrypt("missing", AsBytes("x"), {}).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(store->Decrypt("gantry:a:v9:AAAA", {}).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(store->Decrypt("vault:v1:abc", {}).status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(store->Decrypt("gantry:a:vx:abc", {}).status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(KeyStore::Open("", Bytes(16, 1)).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(KeyStoreTest, TamperedCiphertextFails) {
    auto store = OpenStore();
    ASSERT_TRUE(store->Create("a", AeadAlgorithm::kAes256Gcm).ok());
    std::string text = store->Encrypt("a", AsBytes("hello world"), {})->text;
    text[text.size() - 5] = text[text.size() - 5] == 'A' ? 'B' : 'A';
    EXPECT_EQ(store->Decrypt(text, {}).status().reason(), "AEAD_AUTHENTICATION_FAILED");
}

}  // namespace
}  // namespace gantry::db::crypto

namespace gantry::db::crypto {
namespace {

TEST_F(KeyStoreTest, MalformedFilesAreRefusedWithTheirPath) {
    const auto write = [&](const std::string& text) { std::ofstream(path_) << text; };
    write("not json");
    EXPECT_EQ(KeyStore::Open(path_, Bytes(32, 1)).status().code(), StatusCode::kFailedPrecondition);
    write(R"({"format":"gantry-keystore-1","keys":[{"name":"k","algorithm":"aes-256-gcm","versions":[]}]})");
    const auto empty = KeyStore::Open(path_, Bytes(32, 1));
    EXPECT_EQ(empty.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(empty.status().message().find(path_), std::string::npos);
    write(R"({"format":"gantry-keystore-1","keys":[{"name":"k","algorithm":"rot13","versions":[]}]})");
    const auto algorithm = KeyStore::Open(path_, Bytes(32, 1));
    EXPECT_EQ(algorithm.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(algorithm.status().message().find("rot13"), std::string::npos) << algorithm.status().message();
    write(R"({"format":"gantry-keystore-1","keys":[{"name":"k"}]})");
    EXPECT_EQ(KeyStore::Open(path_, Bytes(32, 1)).status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace gantry::db::crypto
