#include "gantry/client/generic_caller.hpp"

#include <grpcpp/generic/generic_stub.h>

#include <vector>

#include "gantry/common/status_mapping.hpp"

namespace gantry::client {
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

GenericCaller::GenericCaller(std::shared_ptr<grpc::Channel> channel, CallOptions options)
    : channel_(std::move(channel)), options_(std::move(options)) {}

void GenericCaller::Prepare(grpc::ClientContext& context, std::chrono::milliseconds timeout) const {
    const auto effective = timeout.count() > 0 ? timeout : options_.timeout;
    context.set_deadline(std::chrono::system_clock::now() + effective);
    if (!options_.token.empty()) context.AddMetadata("authorization", "Bearer " + options_.token);
}

StatusOr<std::string> GenericCaller::CallUnary(const std::string& method, const std::string& request,
                                               CallControl& control, std::chrono::milliseconds timeout) const {
    grpc::ClientContext context;
    Prepare(context, timeout);
    grpc::GenericStub stub(channel_);
    const auto request_buffer = ToByteBuffer(request);
    grpc::ByteBuffer response;
    grpc::Status status;
    control.Attach(&context);
    {
        // The calling thread drives a completion queue of its own, as a generated blocking stub does. The callback
        // API finished the call on one of gRPC's threads, which then had to wake this one: two thread hand-offs per
        // call, a visible part of mcp-adapter's latency (bench/mcp).
        SyncQueue queue;
        auto call = stub.PrepareUnaryCall(&context, method, request_buffer, queue.get());
        queue.Run([&](void* tag) {
            call->StartCall();
            call->Finish(&response, &status, tag);
        });
    }
    control.Detach();
    if (!status.ok()) return FromGrpcStatus(status);
    return FromByteBuffer(response);
}

Status GenericCaller::CallStreaming(const std::string& method, const std::string& request, CallControl& control,
                                    const std::function<Status(std::string)>& on_message,
                                    std::chrono::milliseconds timeout) const {
    grpc::ClientContext context;
    Prepare(context, timeout);
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

}  // namespace gantry::client
