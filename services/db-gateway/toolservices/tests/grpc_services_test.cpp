// The three tool services over a real in-process gRPC server: request/response mapping, streaming,
// status codes and the managed-key flow.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "gantry/db/crypto/crypto_service.hpp"
#include "gantry/db/crypto/encoding.hpp"
#include "gantry/db/json/json_service.hpp"
#include "gantry/db/querybuilder/query_builder_service.hpp"
#include "gantry/db/querybuilder/sql.hpp"

namespace gantry::db {
namespace {

namespace v1 = gantry::db::v1;

class ToolServicesTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("gantry_tools_" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
        crypto::PasswordPolicy policy;
        policy.argon2id_memory_kib = 1024;
        policy.argon2id_iterations = 1;
        auto keys = crypto::KeyStore::Open((dir_ / "keys.json").string(), crypto::Bytes(32, 9));
        ASSERT_TRUE(keys.ok());
        query_builder_ = std::make_unique<querybuilder::QueryBuilderService>(calls_);
        json_ = std::make_unique<json::JsonService>(calls_);
        crypto_ = std::make_unique<crypto::CryptoService>(calls_, policy, std::move(*keys));
        grpc::ServerBuilder builder;
        builder.RegisterService(query_builder_.get());
        builder.RegisterService(json_.get());
        builder.RegisterService(crypto_.get());
        server_ = builder.BuildAndStart();
        auto channel = server_->InProcessChannel(grpc::ChannelArguments());
        qb_stub_ = v1::QueryBuilder::NewStub(channel);
        json_stub_ = v1::JsonService::NewStub(channel);
        crypto_stub_ = v1::CryptoService::NewStub(channel);
    }
    void TearDown() override {
        server_->Shutdown();
        std::filesystem::remove_all(dir_);
    }

    TokenAuthenticator auth_;
    CallHandler calls_{"db-gateway", auth_};
    std::filesystem::path dir_;
    std::unique_ptr<querybuilder::QueryBuilderService> query_builder_;
    std::unique_ptr<json::JsonService> json_;
    std::unique_ptr<crypto::CryptoService> crypto_;
    std::unique_ptr<grpc::Server> server_;
    std::unique_ptr<v1::QueryBuilder::Stub> qb_stub_;
    std::unique_ptr<v1::JsonService::Stub> json_stub_;
    std::unique_ptr<v1::CryptoService::Stub> crypto_stub_;
};

TEST_F(ToolServicesTest, BuildReturnsSqlAndTypedParameters) {
    using namespace querybuilder::sql;  // NOLINT(google-build-using-namespace)
    v1::BuildQueryRequest request;
    request.set_dialect(v1::SQL_DIALECT_POSTGRESQL);
    auto* select = request.mutable_statement()->mutable_select();
    *select = Select({Item(Col("id"))}, From("users"));
    *select->mutable_where() = Eq(Col("name"), Val("ada"));
    v1::BuildQueryResponse response;
    grpc::ClientContext ctx;
    ASSERT_TRUE(qb_stub_->Build(&ctx, request, &response).ok());
    EXPECT_EQ(response.sql(), R"(SELECT "id" FROM "users" WHERE "name" = $1)");
    ASSERT_EQ(response.parameters_size(), 1);
    EXPECT_EQ(response.parameters(0).text_value(), "ada");

    request.set_dialect(v1::SQL_DIALECT_UNSPECIFIED);
    grpc::ClientContext ctx2;
    const auto status = qb_stub_->Build(&ctx2, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(status.error_message().find("dialect"), std::string::npos);
}

TEST_F(ToolServicesTest, JsonValidatePatchMergeDiff) {
    v1::JsonValidateRequest validate;
    validate.set_schema(R"({"type":"object","properties":{"n":{"type":"integer"}}})");
    validate.set_document(R"({"n":"x"})");
    v1::JsonValidateResponse report;
    grpc::ClientContext c1;
    ASSERT_TRUE(json_stub_->Validate(&c1, validate, &report).ok());
    EXPECT_FALSE(report.valid());
    ASSERT_GE(report.errors_size(), 1);
    EXPECT_EQ(report.errors(0).instance_path(), "/n");

    v1::JsonPatchRequest patch;
    patch.set_document(R"({"a":1})");
    patch.set_patch(R"([{"op":"add","path":"/b","value":2}])");
    v1::JsonDocumentResponse patched;
    grpc::ClientContext c2;
    ASSERT_TRUE(json_stub_->Patch(&c2, patch, &patched).ok());
    EXPECT_EQ(patched.document(), R"({"a":1,"b":2})");

    v1::JsonMergePatchRequest merge;
    merge.set_document(R"({"a":1,"b":2})");
    merge.set_patch(R"({"b":null})");
    grpc::ClientContext c3;
    ASSERT_TRUE(json_stub_->MergePatch(&c3, merge, &patched).ok());
    EXPECT_EQ(patched.document(), R"({"a":1})");

    v1::JsonDiffRequest diff;
    diff.set_source(R"({"a":1})");
    diff.set_target(R"({"a":2})");
    v1::JsonDiffResponse diffed;
    grpc::ClientContext c4;
    ASSERT_TRUE(json_stub_->Diff(&c4, diff, &diffed).ok());
    EXPECT_EQ(diffed.patch(), R"([{"op":"replace","path":"/a","value":2}])");

    validate.set_document("{not json");
    grpc::ClientContext c5;
    EXPECT_EQ(json_stub_->Validate(&c5, validate, &report).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ToolServicesTest, HashUnaryAndStreamingAgree) {
    v1::HashRequest request;
    request.set_algorithm(v1::HASH_ALGORITHM_BLAKE3);
    request.set_data("abc");
    v1::HashResponse unary;
    grpc::ClientContext c1;
    ASSERT_TRUE(crypto_stub_->Hash(&c1, request, &unary).ok());
    EXPECT_EQ(unary.hex(), "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85");

    v1::HashResponse streamed;
    grpc::ClientContext c2;
    auto writer = crypto_stub_->HashStream(&c2, &streamed);
    v1::HashChunk chunk;
    chunk.set_algorithm(v1::HASH_ALGORITHM_BLAKE3);
    chunk.set_data("a");
    ASSERT_TRUE(writer->Write(chunk));
    chunk.clear_algorithm();
    chunk.set_data("bc");
    ASSERT_TRUE(writer->Write(chunk));
    writer->WritesDone();
    ASSERT_TRUE(writer->Finish().ok());
    EXPECT_EQ(streamed.hex(), unary.hex());

    request.set_algorithm(v1::HASH_ALGORITHM_UNSPECIFIED);
    grpc::ClientContext c3;
    EXPECT_EQ(crypto_stub_->Hash(&c3, request, &unary).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ToolServicesTest, CallerKeyEncryptionRejectsWrongAad) {
    v1::EncryptRequest encrypt;
    encrypt.set_algorithm(v1::AEAD_ALGORITHM_CHACHA20_POLY1305);
    encrypt.set_key(std::string(32, 'k'));
    encrypt.set_plaintext("hello");
    encrypt.set_associated_data("ctx");
    v1::EncryptResponse sealed;
    grpc::ClientContext c1;
    ASSERT_TRUE(crypto_stub_->Encrypt(&c1, encrypt, &sealed).ok());
    v1::DecryptRequest decrypt;
    decrypt.set_algorithm(v1::AEAD_ALGORITHM_CHACHA20_POLY1305);
    decrypt.set_key(std::string(32, 'k'));
    decrypt.set_ciphertext(sealed.ciphertext());
    decrypt.set_associated_data("ctx");
    v1::DecryptResponse opened;
    grpc::ClientContext c2;
    ASSERT_TRUE(crypto_stub_->Decrypt(&c2, decrypt, &opened).ok());
    EXPECT_EQ(opened.plaintext(), "hello");
    decrypt.set_associated_data("other");
    grpc::ClientContext c3;
    const auto status = crypto_stub_->Decrypt(&c3, decrypt, &opened);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(status.error_message().find("decryption failed"), std::string::npos);
}

TEST_F(ToolServicesTest, ManagedKeyLifecycle) {
    v1::CreateKeyRequest create;
    create.set_name("app");
    v1::KeyInfo info;
    grpc::ClientContext c1;
    ASSERT_TRUE(crypto_stub_->CreateKey(&c1, create, &info).ok());
    EXPECT_EQ(info.latest_version(), 1);

    v1::EncryptRequest encrypt;
    encrypt.set_key_name("app");
    encrypt.set_plaintext("secret");
    v1::EncryptResponse sealed;
    grpc::ClientContext c2;
    ASSERT_TRUE(crypto_stub_->Encrypt(&c2, encrypt, &sealed).ok());
    EXPECT_EQ(sealed.key_version(), 1);

    v1::RotateKeyRequest rotate;
    rotate.set_name("app");
    grpc::ClientContext c3;
    ASSERT_TRUE(crypto_stub_->RotateKey(&c3, rotate, &info).ok());
    EXPECT_EQ(info.latest_version(), 2);

    v1::RewrapRequest rewrap;
    rewrap.set_ciphertext(sealed.ciphertext());
    v1::RewrapResponse rewrapped;
    grpc::ClientContext c4;
    ASSERT_TRUE(crypto_stub_->Rewrap(&c4, rewrap, &rewrapped).ok());
    EXPECT_EQ(rewrapped.key_version(), 2);

    v1::DecryptRequest decrypt;
    decrypt.set_ciphertext(rewrapped.ciphertext());
    v1::DecryptResponse opened;
    grpc::ClientContext c5;
    ASSERT_TRUE(crypto_stub_->Decrypt(&c5, decrypt, &opened).ok());
    EXPECT_EQ(opened.plaintext(), "secret");
    EXPECT_EQ(opened.key_version(), 2);

    v1::ListKeysResponse listed;
    grpc::ClientContext c6;
    ASSERT_TRUE(crypto_stub_->ListKeys(&c6, v1::ListKeysRequest(), &listed).ok());
    ASSERT_EQ(listed.keys_size(), 1);
    EXPECT_EQ(listed.keys(0).versions_size(), 2);
}

TEST_F(ToolServicesTest, PasswordsAndDerivation) {
    v1::HashPasswordRequest hash;
    hash.set_password("pw");
    v1::HashPasswordResponse hashed;
    grpc::ClientContext c1;
    ASSERT_TRUE(crypto_stub_->HashPassword(&c1, hash, &hashed).ok());
    EXPECT_TRUE(hashed.hash().starts_with("$argon2id$"));
    v1::VerifyPasswordRequest verify;
    verify.set_password("pw");
    verify.set_hash(hashed.hash());
    v1::VerifyPasswordResponse verified;
    grpc::ClientContext c2;
    ASSERT_TRUE(crypto_stub_->VerifyPassword(&c2, verify, &verified).ok());
    EXPECT_TRUE(verified.valid());
    EXPECT_FALSE(verified.needs_rehash());

    v1::DeriveKeyRequest derive;
    derive.set_kdf(v1::DeriveKeyRequest::PBKDF2_SHA256);
    derive.set_secret("pw");
    derive.set_iterations(10);
    derive.set_length(32);
    v1::DeriveKeyResponse derived;
    grpc::ClientContext c3;
    EXPECT_EQ(crypto_stub_->DeriveKey(&c3, derive, &derived).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    derive.set_kdf(v1::DeriveKeyRequest::HKDF_SHA256);
    grpc::ClientContext c4;
    ASSERT_TRUE(crypto_stub_->DeriveKey(&c4, derive, &derived).ok());
    EXPECT_EQ(derived.key().size(), 32u);
}

TEST_F(ToolServicesTest, UuidAndToken) {
    v1::UuidRequest uuid;
    uuid.set_version(7);
    v1::UuidResponse made;
    grpc::ClientContext c1;
    ASSERT_TRUE(crypto_stub_->Uuid(&c1, uuid, &made).ok());
    EXPECT_EQ(made.uuid()[14], '7');
    uuid.set_version(5);
    grpc::ClientContext c2;
    EXPECT_EQ(crypto_stub_->Uuid(&c2, uuid, &made).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    v1::TokenRequest token;
    token.set_encoding(v1::TokenRequest::BASE64URL);
    v1::TokenResponse issued;
    grpc::ClientContext c3;
    ASSERT_TRUE(crypto_stub_->Token(&c3, token, &issued).ok());
    EXPECT_EQ(issued.token().size(), 43u);  // 32 bytes, unpadded base64url
}

TEST_F(ToolServicesTest, RolesGuardManagedKeys) {
    auth_ = *TokenAuthenticator::FromSpecs({"reader-token-0001:read", "writer-token-0002:write"});
    auto call_as = [](const std::string& token) {
        auto ctx = std::make_unique<grpc::ClientContext>();
        ctx->AddMetadata("authorization", "Bearer " + token);
        return ctx;
    };
    v1::HashRequest hash;
    hash.set_algorithm(v1::HASH_ALGORITHM_SHA256);
    v1::HashResponse hashed;
    EXPECT_TRUE(crypto_stub_->Hash(call_as("reader-token-0001").get(), hash, &hashed).ok());
    EXPECT_EQ(crypto_stub_->Hash(call_as("wrong").get(), hash, &hashed).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);

    v1::CreateKeyRequest create;
    create.set_name("guarded");
    v1::KeyInfo info;
    EXPECT_EQ(crypto_stub_->CreateKey(call_as("writer-token-0002").get(), create, &info).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);

    v1::EncryptRequest managed;
    managed.set_key_name("guarded");
    managed.set_plaintext("x");
    v1::EncryptResponse sealed;
    EXPECT_EQ(crypto_stub_->Encrypt(call_as("reader-token-0001").get(), managed, &sealed).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    v1::EncryptRequest own_key;
    own_key.set_key(std::string(32, 'k'));
    own_key.set_plaintext("x");
    EXPECT_TRUE(crypto_stub_->Encrypt(call_as("reader-token-0001").get(), own_key, &sealed).ok());
}

TEST_F(ToolServicesTest, HashStreamCannotSwitchAlgorithm) {
    v1::HashResponse streamed;
    grpc::ClientContext ctx;
    auto writer = crypto_stub_->HashStream(&ctx, &streamed);
    v1::HashChunk chunk;
    chunk.set_algorithm(v1::HASH_ALGORITHM_SHA256);
    chunk.set_data("a");
    writer->Write(chunk);
    chunk.set_algorithm(v1::HASH_ALGORITHM_SHA512);
    writer->Write(chunk);
    writer->WritesDone();
    const auto status = writer->Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(status.error_message().find("cannot change its algorithm"), std::string::npos);
}

}  // namespace
}  // namespace gantry::db
