#include "gantry/common/status_mapping.hpp"

#include "gantry/common/v1/error.pb.h"

namespace gantry {
namespace {

// google.rpc.Status wire layout (code = 1, message = 2, repeated google.protobuf.Any details = 3),
// produced by hand to avoid depending on googleapis protos. Any = {type_url = 1, value = 2}.
void AppendVarint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

void AppendLengthDelimited(std::string& out, int field, std::string_view bytes) {
    AppendVarint(out, (static_cast<uint64_t>(field) << 3) | 2);
    AppendVarint(out, bytes.size());
    out.append(bytes);
}

constexpr std::string_view kDetailTypeUrl = "type.googleapis.com/gantry.common.v1.ErrorDetail";

bool ReadVarint(std::string_view& in, uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
        auto byte = static_cast<uint8_t>(in.front());
        in.remove_prefix(1);
        v |= static_cast<uint64_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) return true;
    }
    return false;
}

// Walks a message's fields, calling fn(field, bytes) for length-delimited ones.
template <typename Fn>
bool ForEachLengthDelimited(std::string_view in, Fn fn) {
    while (!in.empty()) {
        uint64_t key = 0;
        if (!ReadVarint(in, key)) return false;
        const auto wire = key & 7;
        const auto field = static_cast<int>(key >> 3);
        if (wire == 0) {
            uint64_t ignored = 0;
            if (!ReadVarint(in, ignored)) return false;
        } else if (wire == 2) {
            uint64_t len = 0;
            if (!ReadVarint(in, len) || len > in.size()) return false;
            fn(field, in.substr(0, len));
            in.remove_prefix(len);
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace

grpc::Status ToGrpcStatus(const Status& status, std::string_view domain, std::string_view request_id) {
    if (status.ok()) return grpc::Status::OK;
    gantry::common::v1::ErrorDetail detail;
    detail.set_reason(status.reason().empty() ? std::string(StatusCodeName(status.code())) : status.reason());
    detail.set_domain(std::string(domain));
    detail.set_request_id(std::string(request_id));
    for (const auto& [k, v] : status.metadata()) (*detail.mutable_metadata())[k] = v;

    std::string any;
    AppendLengthDelimited(any, 1, kDetailTypeUrl);
    AppendLengthDelimited(any, 2, detail.SerializeAsString());
    std::string rpc_status;
    AppendVarint(rpc_status, (1 << 3) | 0);
    AppendVarint(rpc_status, static_cast<uint64_t>(status.code()));
    AppendLengthDelimited(rpc_status, 2, status.message());
    AppendLengthDelimited(rpc_status, 3, any);
    return {static_cast<grpc::StatusCode>(status.code()), status.message(), rpc_status};
}

Status FromGrpcStatus(const grpc::Status& status) {
    if (status.ok()) return Status::Ok();
    Status out(static_cast<StatusCode>(status.error_code()), status.error_message());
    ForEachLengthDelimited(status.error_details(), [&](int field, std::string_view any) {
        if (field != 3) return;
        std::string_view type_url;
        std::string_view value;
        ForEachLengthDelimited(any, [&](int f, std::string_view bytes) {
            if (f == 1) type_url = bytes;
            if (f == 2) value = bytes;
        });
        gantry::common::v1::ErrorDetail detail;
        if (type_url != kDetailTypeUrl || !detail.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
            return;
        }
        out.WithReason(detail.reason());
        for (const auto& [k, v] : detail.metadata()) out.WithMetadata(k, v);
    });
    return out;
}

int ToJsonRpcErrorCode(StatusCode code) {
    switch (code) {
        case StatusCode::kInvalidArgument: return -32602;
        case StatusCode::kUnimplemented: return -32601;
        default: return -32603;
    }
}

}  // namespace gantry
