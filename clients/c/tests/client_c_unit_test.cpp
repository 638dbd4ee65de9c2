// The C shim without a server: options, method names, request JSON, an unreachable service.

#include <gtest/gtest.h>

#include "c_test_util.hpp"

namespace gantry::client_c::testing {
namespace {

constexpr int kInvalidArgument = 3;
constexpr int kNotFound = 5;
constexpr int kUnavailable = 14;

// Nothing listens here, so a call that gets as far as the network ends UNAVAILABLE.
constexpr const char* kNowhere = "unix:/nonexistent/gantry-client-c-test.sock";

TEST(ClientCOpen, RejectsMissingOptionsWithoutCrashing) {
    gantry_client* client = reinterpret_cast<gantry_client*>(0x1);
    gantry_error* error = nullptr;
    EXPECT_EQ(gantry_client_open(nullptr, &client, &error), kInvalidArgument);
    EXPECT_EQ(client, nullptr);
    ASSERT_NE(error, nullptr);
    EXPECT_STREQ(gantry_error_code_name(error), "INVALID_ARGUMENT");
    gantry_error_free(error);

    gantry_client_options options{};
    EXPECT_EQ(gantry_client_open(&options, &client, nullptr), kInvalidArgument);  // no address; error not wanted
    EXPECT_EQ(client, nullptr);
}

TEST(ClientCOpen, CertificateWithoutKeyIsInvalidArgument) {
    gantry_client_options options{};
    options.address = "127.0.0.1:1";
    options.tls_cert_pem = "-----BEGIN CERTIFICATE-----";
    Outcome open;
    auto client = Open(options, &open);
    EXPECT_EQ(client, nullptr);
    EXPECT_EQ(open.code, kInvalidArgument);
    EXPECT_NE(open.message.find("private key"), std::string::npos) << open.message;
}

TEST(ClientCCall, UnknownMethodIsNotFoundNamingIt) {
    auto client = Open(kNowhere);
    ASSERT_NE(client, nullptr);
    const auto out = Call(client.get(), "/gantry.db.v1.Database/Nope", "{}");
    EXPECT_EQ(out.code, kNotFound);
    EXPECT_NE(out.message.find("/gantry.db.v1.Database/Nope"), std::string::npos) << out.message;
}

TEST(ClientCCall, EveryServiceAndTheCommonOnesAreKnown) {
    // The descriptors of every linked proto library are there: each call reaches the network.
    auto client = Open(kNowhere, "", 2000);
    for (const char* method : {"/gantry.db.v1.Database/Execute", "gantry.db.v1.CryptoService/Uuid",
                               "gantry.turso.v1.TursoSync.GetStats", "/gantry.common.v1.Admin/GetServiceInfo",
                               "/grpc.health.v1.Health/Check"}) {
        const auto out = Call(client.get(), method, "");
        EXPECT_EQ(out.code, kUnavailable) << method << ": " << out.message;
    }
}

TEST(ClientCCall, BadRequestJsonIsInvalidArgumentBeforeAnyCall) {
    auto client = Open(kNowhere);
    auto out = Call(client.get(), "/gantry.db.v1.Database/Execute", "{not json");
    EXPECT_EQ(out.code, kInvalidArgument);
    EXPECT_NE(out.message.find("not valid JSON"), std::string::npos) << out.message;

    out = Call(client.get(), "/gantry.db.v1.Database/Execute", R"({"sql": "SELECT 1", "bogus_field": 1})");
    EXPECT_EQ(out.code, kInvalidArgument);
    EXPECT_NE(out.message.find("bogus_field"), std::string::npos) << out.message;

    out = Call(client.get(), "/gantry.db.v1.Database/Execute", "[1, 2]");
    EXPECT_EQ(out.code, kInvalidArgument);
}

TEST(ClientCCall, StreamingShapeMustMatchTheCall) {
    auto client = Open(kNowhere);
    auto out = Call(client.get(), "/gantry.db.v1.Database/StreamQuery", "{}");
    EXPECT_EQ(out.code, kInvalidArgument);
    EXPECT_NE(out.message.find("server-streaming"), std::string::npos) << out.message;

    out = Stream(client.get(), "/gantry.db.v1.Database/Execute", "{}");
    EXPECT_EQ(out.code, kInvalidArgument);
    EXPECT_NE(out.message.find("unary"), std::string::npos) << out.message;

    out = Call(client.get(), "/gantry.db.v1.Database/BulkInsert", "{}");
    EXPECT_EQ(out.code, kInvalidArgument);
    EXPECT_NE(out.message.find("client-streaming"), std::string::npos) << out.message;
}

TEST(ClientCCall, NullArgumentsAreInvalidArgument) {
    auto client = Open(kNowhere);
    char* response = nullptr;
    EXPECT_EQ(gantry_client_call(nullptr, "/gantry.db.v1.Database/Execute", "{}", 0, &response, nullptr),
              kInvalidArgument);
    EXPECT_EQ(gantry_client_call(client.get(), nullptr, "{}", 0, &response, nullptr), kInvalidArgument);
    EXPECT_EQ(gantry_client_call(client.get(), "/gantry.db.v1.Database/Execute", "{}", 0, nullptr, nullptr),
              kInvalidArgument);
    EXPECT_EQ(gantry_client_stream(client.get(), "/gantry.db.v1.Database/StreamQuery", "{}", 0, nullptr, nullptr,
                                   nullptr),
              kInvalidArgument);
    EXPECT_EQ(response, nullptr);
}

TEST(ClientCCall, UnreachableServiceIsUnavailable) {
    auto client = Open(kNowhere, "", 2000);
    const auto out = Stream(client.get(), "/gantry.db.v1.Database/StreamQuery", R"({"sql": "SELECT 1"})");
    EXPECT_EQ(out.code, kUnavailable);
    EXPECT_TRUE(out.stream.empty());
}

TEST(ClientCError, AccessorsAcceptNull) {
    EXPECT_EQ(gantry_error_code(nullptr), 0);
    EXPECT_STREQ(gantry_error_code_name(nullptr), "OK");
    EXPECT_STREQ(gantry_error_message(nullptr), "");
    EXPECT_STREQ(gantry_error_reason(nullptr), "");
    EXPECT_STREQ(gantry_error_metadata_json(nullptr), "{}");
    gantry_error_free(nullptr);
    gantry_string_free(nullptr);
    gantry_client_close(nullptr);
}

}  // namespace
}  // namespace gantry::client_c::testing
