#include <gtest/gtest.h>

#include "gantry/common/status.hpp"
#include "gantry/common/status_mapping.hpp"

namespace gantry {
namespace {

StatusOr<int> Half(int v) {
    if (v % 2 != 0) return InvalidArgumentError("odd: " + std::to_string(v));
    return v / 2;
}

StatusOr<int> Quarter(int v) {
    GANTRY_ASSIGN_OR_RETURN(int half, Half(v));
    GANTRY_ASSIGN_OR_RETURN(int quarter, Half(half));
    return quarter;
}

TEST(StatusTest, OkAndErrors) {
    EXPECT_TRUE(Status::Ok().ok());
    const Status s = NotFoundError("no table 'users'");
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.code(), StatusCode::kNotFound);
    EXPECT_EQ(s.ToString(), "NOT_FOUND: no table 'users'");
}

TEST(StatusTest, AssignOrReturnPropagates) {
    EXPECT_EQ(*Quarter(8), 2);
    const auto bad = Quarter(6);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().message(), "odd: 3");
}

TEST(StatusTest, StatusOrFromOkStatusIsInternal) {
    StatusOr<int> v(Status::Ok());
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.status().code(), StatusCode::kInternal);
}

TEST(StatusTest, AnnotatePrefixesMessage) {
    auto s = UnavailableError("connection refused").Annotate("database 'main': ");
    EXPECT_EQ(s.message(), "database 'main': connection refused");
}

TEST(StatusTest, AnnotateIntoItselfKeepsTheMessage) {
    Status s = NotFoundError("no such table").WithReason("TABLE_MISSING");
    s = std::move(s).Annotate("database 'main': ");
    EXPECT_EQ(s.message(), "database 'main': no such table");
    EXPECT_EQ(s.reason(), "TABLE_MISSING");
}

TEST(StatusMappingTest, CodesMapOneToOne) {
    for (int c = 1; c <= 16; ++c) {
        const Status s(static_cast<StatusCode>(c), "m");
        EXPECT_EQ(static_cast<int>(ToGrpcStatus(s).error_code()), c);
    }
    EXPECT_TRUE(ToGrpcStatus(Status::Ok()).ok());
}

TEST(StatusMappingTest, DetailsRoundTrip) {
    const Status s = AlreadyExistsError("duplicate key value violates unique constraint \"users_pkey\"")
                         .WithReason("UNIQUE_VIOLATION")
                         .WithMetadata("sqlstate", "23505");
    const grpc::Status wire = ToGrpcStatus(s, "db-gateway", "req-1");
    EXPECT_EQ(wire.error_code(), grpc::StatusCode::ALREADY_EXISTS);
    EXPECT_EQ(wire.error_message(), s.message());
    EXPECT_FALSE(wire.error_details().empty());

    const Status back = FromGrpcStatus(wire);
    EXPECT_EQ(back.code(), StatusCode::kAlreadyExists);
    EXPECT_EQ(back.reason(), "UNIQUE_VIOLATION");
    EXPECT_EQ(back.metadata().at("sqlstate"), "23505");
}

TEST(StatusMappingTest, FromGrpcStatusToleratesForeignDetails) {
    const grpc::Status wire(grpc::StatusCode::UNAVAILABLE, "down", std::string("\xff\xff\xff", 3));
    const Status back = FromGrpcStatus(wire);
    EXPECT_EQ(back.code(), StatusCode::kUnavailable);
    EXPECT_EQ(back.message(), "down");
}

TEST(StatusMappingTest, JsonRpcCodes) {
    EXPECT_EQ(ToJsonRpcErrorCode(StatusCode::kInvalidArgument), -32602);
    EXPECT_EQ(ToJsonRpcErrorCode(StatusCode::kUnimplemented), -32601);
    EXPECT_EQ(ToJsonRpcErrorCode(StatusCode::kUnavailable), -32603);
}

}  // namespace
}  // namespace gantry
