#pragma once
/// @file A gRPC channel to a Gantry service: plaintext, TLS or mTLS, with reconnects tuned for services that restart.

#include <grpcpp/channel.h>

#include <cstdint>
#include <memory>
#include <string>

#include "gantry/common/status.hpp"

namespace gantry::client {

struct ChannelOptions {
    std::string address;          // "127.0.0.1:50052", "dns:///db:50052" or "unix:/run/gantry/db.sock"
    std::string tls_root_pem;     // CA certificates to trust; empty with no cert = plaintext
    std::string tls_cert_pem;     // client certificate for mTLS (with tls_key_pem)
    std::string tls_key_pem;
    int64_t max_message_bytes = 16 * 1024 * 1024;
};

/// Opens a channel (connecting lazily). TLS is used when a root or a client certificate is given; a
/// certificate without its key (or the reverse) and an empty address are INVALID_ARGUMENT.
StatusOr<std::shared_ptr<grpc::Channel>> OpenChannel(const ChannelOptions& options);

}  // namespace gantry::client
