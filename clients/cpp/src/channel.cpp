#include "gantry/client/channel.hpp"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <limits>

namespace gantry::client {

StatusOr<std::shared_ptr<grpc::Channel>> OpenChannel(const ChannelOptions& options) {
    if (options.address.empty()) return InvalidArgumentError("the service address is empty");
    if (options.tls_cert_pem.empty() != options.tls_key_pem.empty()) {
        return InvalidArgumentError("a TLS client certificate needs its private key, and the key its certificate");
    }
    if (options.max_message_bytes <= 0 || options.max_message_bytes > std::numeric_limits<int>::max()) {
        return InvalidArgumentError("max_message_bytes must be between 1 and " +
                                    std::to_string(std::numeric_limits<int>::max()));
    }
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(static_cast<int>(options.max_message_bytes));
    args.SetMaxSendMessageSize(static_cast<int>(options.max_message_bytes));
    // Notice a restarted service quickly instead of backing off for minutes.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);

    std::shared_ptr<grpc::ChannelCredentials> credentials;
    if (options.tls_root_pem.empty() && options.tls_cert_pem.empty()) {
        credentials = grpc::InsecureChannelCredentials();
    } else {
        grpc::SslCredentialsOptions ssl;
        ssl.pem_root_certs = options.tls_root_pem;  // empty = the system's roots
        ssl.pem_cert_chain = options.tls_cert_pem;
        ssl.pem_private_key = options.tls_key_pem;
        credentials = grpc::SslCredentials(ssl);
    }
    auto channel = grpc::CreateCustomChannel(options.address, credentials, args);
    if (!channel) return InvalidArgumentError("cannot open a channel to '" + options.address + "'");
    return channel;
}

}  // namespace gantry::client
