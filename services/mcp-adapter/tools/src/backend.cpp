#include "gantry/mcp/backend.hpp"

#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <condition_variable>
#include <mutex>

#include "gantry/common/status_mapping.hpp"
#include "grpc/health/v1/health.grpc.pb.h"

namespace gantry::mcp {
namespace {

grpc::ByteBuffer ToByteBuffer(const std::string& bytes) {
    grpc::Slice slice(bytes);
    return grpc::ByteBuffer(&slice, 1);
}

std::string FromByteBuffer(const grpc::ByteBuffer& buffer) {
    std::vector<grpc::Slice> slices;
    std::string out;
    if (!buffer.Dump(&slices).ok()) return out;
    out.reserve(buffer.Length());
    for (const auto& s : slices) out.append(reinterpret_cast<const char*>(s.begin()), s.size());
    return out;
}

// Runs one operation on a private completion queue and waits for it; returns its `ok`.
class SyncQueue {
public:
    ~SyncQueue() {
        cq_.Shutdown();
        void* tag = nullptr;
        bool ok = false;
        while (cq_.Next(&tag, &ok)) {
        }
    }
    grpc::CompletionQueue* get() { return &cq_; }
    template <typename Op>
    bool Run(Op op) {
        op(this);
        void* tag = nullptr;
        bool ok = false;
        return cq_.Next(&tag, &ok) && ok;
    }

private:
    grpc::CompletionQueue cq_;
};

}  // namespace

void CallControl::Cancel() {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    if (context_) context_->TryCancel();
}

bool CallControl::cancelled() const {
    std::lock_guard lock(mu_);
    return cancelled_;
}

void CallControl::Attach(grpc::ClientContext* context) {
    std::lock_guard lock(mu_);
    context_ = context;
    if (cancelled_) context_->TryCancel();
}

void CallControl::Detach() {
    std::lock_guard lock(mu_);
    context_ = nullptr;
}

Backend::Backend(BackendConfig config) : config_(std::move(config)) {
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(static_cast<int>(config_.max_message_bytes));
    args.SetMaxSendMessageSize(static_cast<int>(config_.max_message_bytes));
    // Notice a restarted backend quickly instead of backing off for minutes.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
    channel_ = grpc::CreateCustomChannel(config_.address, grpc::InsecureChannelCredentials(), args);
}

void Backend::Prepare(grpc::ClientContext& context, std::chrono::milliseconds timeout) const {
    context.set_deadline(std::chrono::system_clock::now() + timeout);
    if (!config_.token.empty()) context.AddMetadata("authorization", "Bearer " + config_.token);
}

StatusOr<std::string> Backend::CallUnary(const std::string& method, const std::string& request,
                                         CallControl& control) const {
    grpc::ClientContext context;
    Prepare(context, config_.call_timeout);
    grpc::GenericStub stub(channel_);
    const auto request_buffer = ToByteBuffer(request);
    grpc::ByteBuffer response;
    grpc::Status status;
    std::mutex mu;
    std::condition_variable done_cv;
    bool done = false;
    control.Attach(&context);
    // One batch through the public callback API: metadata, message and half-close go out together.
    stub.UnaryCall(&context, method, grpc::StubOptions(), &request_buffer, &response, [&](grpc::Status s) {
        std::lock_guard lock(mu);
        status = std::move(s);
        done = true;
        done_cv.notify_one();
    });
    {
        std::unique_lock lock(mu);
        done_cv.wait(lock, [&] { return done; });
    }
    control.Detach();
    if (!status.ok()) return FromGrpcStatus(status);
    return FromByteBuffer(response);
}

Status Backend::CallStreaming(const std::string& method, const std::string& request, CallControl& control,
                              const std::function<Status(std::string)>& on_message) const {
    grpc::ClientContext context;
    Prepare(context, config_.call_timeout);
    grpc::GenericStub stub(channel_);
    SyncQueue queue;
    auto call = stub.PrepareCall(&context, method, queue.get());
    if (!call) return InternalError("cannot start a call to " + method);
    control.Attach(&context);

    Status handler_status;
    const auto request_buffer = ToByteBuffer(request);
    bool ok = queue.Run([&](void* tag) { call->StartCall(tag); }) &&
              queue.Run([&](void* tag) { call->Write(request_buffer, tag); }) &&
              queue.Run([&](void* tag) { call->WritesDone(tag); });
    while (ok) {
        grpc::ByteBuffer response;
        if (!queue.Run([&](void* tag) { call->Read(&response, tag); })) break;
        if (handler_status.ok()) {
            handler_status = on_message(FromByteBuffer(response));
            if (!handler_status.ok()) context.TryCancel();
        }
    }
    grpc::Status status;
    queue.Run([&](void* tag) { call->Finish(&status, tag); });
    control.Detach();
    if (!handler_status.ok()) return handler_status;
    return FromGrpcStatus(status);
}

bool Backend::Probe(std::chrono::milliseconds timeout) {
    grpc::ClientContext context;
    Prepare(context, timeout);
    auto stub = grpc::health::v1::Health::NewStub(channel_);
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    const auto status = stub->Check(&context, request, &response);
    const bool up = status.error_code() == grpc::StatusCode::UNIMPLEMENTED ||
                    (status.ok() && response.status() == grpc::health::v1::HealthCheckResponse::SERVING);
    up_.store(up);
    return up;
}

}  // namespace gantry::mcp
