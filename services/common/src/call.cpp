#include "gantry/common/call.hpp"

#include "gantry/common/logging.hpp"
#include "gantry/common/status_mapping.hpp"

namespace gantry {
namespace {

std::string Metadata(const grpc::ServerContext& context, const char* key) {
    const auto& md = context.client_metadata();
    const auto it = md.find(key);
    return it == md.end() ? std::string() : std::string(it->second.data(), it->second.size());
}

bool IsSafeRequestId(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
    }
    return true;
}

}  // namespace

grpc::Status CallHandler::Handle(grpc::ServerContext* context, Role needed,
                                 const std::function<Status(const CallInfo&)>& body) const {
    CallInfo info;
    info.request_id = Metadata(*context, "x-request-id");
    if (!IsSafeRequestId(info.request_id)) info.request_id = NewRequestId();
    ScopedRequestId scoped(info.request_id);
    context->AddInitialMetadata("x-request-id", info.request_id);

    Status status;
    if (auto role = auth_.Authorize(Metadata(*context, "authorization"), needed); !role.ok()) {
        status = role.status();
    } else {
        info.role = *role;
        try {
            status = body(info);
        } catch (const std::exception& e) {
            spdlog::error("unhandled exception in handler: {}", e.what());
            status = InternalError("internal error (request id " + info.request_id + "); see the service log");
        } catch (...) {
            spdlog::error("unhandled non-standard exception in handler");
            status = InternalError("internal error (request id " + info.request_id + "); see the service log");
        }
    }
    if (!status.ok()) {
        const auto level = status.code() == StatusCode::kInternal || status.code() == StatusCode::kDataLoss
                               ? spdlog::level::err
                               : spdlog::level::debug;
        spdlog::log(level, "call failed: {}", status.ToString());
    }
    return ToGrpcStatus(status, service_, info.request_id);
}

}  // namespace gantry
