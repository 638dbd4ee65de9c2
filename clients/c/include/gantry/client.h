/* The Gantry C client: call any Gantry RPC by its full method name with JSON in and JSON out.
 *
 * Messages use the protobuf JSON mapping (field names as in the .proto, int64 as strings, bytes as
 * base64, enums by name). Every function returns a gRPC status code (0 = OK); on failure, when `error`
 * is not NULL, *error receives a gantry_error that the caller frees with gantry_error_free. No C++
 * exception ever crosses this interface. A gantry_client may be used from several threads at once.
 */
#ifndef GANTRY_CLIENT_H
#define GANTRY_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(GANTRY_CLIENT_BUILDING)
#define GANTRY_CLIENT_API __attribute__((visibility("default")))
#else
#define GANTRY_CLIENT_API
#endif

typedef struct gantry_client gantry_client;
typedef struct gantry_error gantry_error;

typedef struct gantry_client_options {
    const char* address;      /* required: "127.0.0.1:50052", "dns:///db:50052", "unix:/path.sock" */
    const char* token;        /* bearer token, or NULL */
    const char* tls_root_pem; /* CA certificates to trust; NULL with no client certificate = plaintext */
    const char* tls_cert_pem; /* client certificate for mTLS (with tls_key_pem), or NULL */
    const char* tls_key_pem;
    int64_t deadline_ms;      /* default deadline of each call; <= 0 means 30000 */
} gantry_client_options;

/* Opens a client (the connection is made lazily, on the first call). */
GANTRY_CLIENT_API int gantry_client_open(const gantry_client_options* options, gantry_client** client,
                                         gantry_error** error);

/* Calls a unary RPC, e.g. method "/gantry.db.v1.Database/Execute" with request_json "{\"sql\": \"...\"}"
 * (NULL or "" = the empty message). On success *response_json is a NUL-terminated string to free with
 * gantry_string_free. timeout_ms <= 0 uses the client's deadline. */
GANTRY_CLIENT_API int gantry_client_call(gantry_client* client, const char* method, const char* request_json,
                                         int64_t timeout_ms, char** response_json, gantry_error** error);

/* Receives one streamed message (NUL-terminated JSON, valid only during the call). Returning non-zero
 * cancels the stream; the call then returns CANCELLED (1). */
typedef int (*gantry_message_fn)(void* user_data, const char* message_json, size_t length);

/* Calls a server-streaming RPC and calls on_message for each response, in order, on this thread. */
GANTRY_CLIENT_API int gantry_client_stream(gantry_client* client, const char* method, const char* request_json,
                                           int64_t timeout_ms, gantry_message_fn on_message, void* user_data,
                                           gantry_error** error);

/* Closes the client; calls in progress on other threads must have returned. NULL is allowed. */
GANTRY_CLIENT_API void gantry_client_close(gantry_client* client);

/* Frees a string returned by this library. NULL is allowed. */
GANTRY_CLIENT_API void gantry_string_free(char* text);

/* The error's gRPC status code, e.g. 3 for INVALID_ARGUMENT. */
GANTRY_CLIENT_API int gantry_error_code(const gantry_error* error);
/* The code's canonical name, e.g. "INVALID_ARGUMENT". */
GANTRY_CLIENT_API const char* gantry_error_code_name(const gantry_error* error);
/* What went wrong, for people. */
GANTRY_CLIENT_API const char* gantry_error_message(const gantry_error* error);
/* The machine-readable reason from the service (e.g. "UNIQUE_VIOLATION"), or "". */
GANTRY_CLIENT_API const char* gantry_error_reason(const gantry_error* error);
/* The error's metadata as a JSON object of strings, e.g. {"sqlstate":"23505"}. */
GANTRY_CLIENT_API const char* gantry_error_metadata_json(const gantry_error* error);
/* Frees an error. NULL is allowed. */
GANTRY_CLIENT_API void gantry_error_free(gantry_error* error);

#ifdef __cplusplus
}
#endif

#endif /* GANTRY_CLIENT_H */
