#pragma once
/// @file The two tables that carry a Status across a boundary: to gRPC and to JSON-RPC (MCP).

#include <grpcpp/support/status.h>

#include "gantry/common/status.hpp"

namespace gantry {

/// Converts a Status to a grpc::Status. Details travel as a gantry.common.v1.ErrorDetail in
/// grpc-status-details-bin (wrapped as a google.rpc.Status), so clients can read reason and metadata.
grpc::Status ToGrpcStatus(const Status& status, std::string_view domain = {},
                          std::string_view request_id = {});

/// Converts a grpc::Status (for instance from an upstream call) back to a Status, keeping details.
Status FromGrpcStatus(const grpc::Status& status);

/// JSON-RPC 2.0 error code for a Status that ends a JSON-RPC request as a protocol error.
/// INVALID_ARGUMENT -> -32602 (invalid params), UNIMPLEMENTED / NOT_FOUND of a method -> -32601,
/// everything else -> -32603 (internal error).
int ToJsonRpcErrorCode(StatusCode code);

}  // namespace gantry
