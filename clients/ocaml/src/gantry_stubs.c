/* OCaml stubs over the Gantry C client (gantry/client.h). Calls run outside the OCaml runtime lock, so
 * other OCaml threads keep running; streamed messages are handed to an OCaml callback as they arrive. */

#include <stdlib.h>
#include <string.h>

#include <caml/alloc.h>
#include <caml/callback.h>
#include <caml/custom.h>
#include <caml/fail.h>
#include <caml/memory.h>
#include <caml/mlvalues.h>
#include <caml/signals.h>

#include "gantry/client.h"

#define Client_val(v) (*((gantry_client**)Data_custom_val(v)))

static void client_finalize(value v) {
    gantry_client_close(Client_val(v));
    Client_val(v) = NULL;
}

static struct custom_operations client_ops = {
    "gantry.client",           client_finalize,          custom_compare_default,     custom_hash_default,
    custom_serialize_default,  custom_deserialize_default, custom_compare_ext_default, custom_fixed_length_default,
};

/* Ok v: a block of tag 0; Error e: tag 1 (the layout of Stdlib.result). */
static value make_result(int tag, value payload) {
    CAMLparam1(payload);
    CAMLlocal1(result);
    result = caml_alloc_small(1, tag);
    Field(result, 0) = payload;
    CAMLreturn(result);
}

/* Error (code, message, reason, metadata_json). */
static value make_error(int code, const char* message, const char* reason, const char* metadata_json) {
    CAMLparam0();
    CAMLlocal1(tuple);
    tuple = caml_alloc_tuple(4);
    Store_field(tuple, 0, Val_int(code));
    Store_field(tuple, 1, caml_copy_string(message));
    Store_field(tuple, 2, caml_copy_string(reason));
    Store_field(tuple, 3, caml_copy_string(metadata_json));
    CAMLreturn(make_result(1, tuple));
}

/* The Error of a failed C call, freeing the C error (NULL only when the library ran out of memory). */
static value error_result(int code, gantry_error* error) {
    if (!error) return make_error(code, "out of memory in the gantry client", "", "{}");
    value result = make_error(code, gantry_error_message(error), gantry_error_reason(error),
                              gantry_error_metadata_json(error));
    gantry_error_free(error);
    return result;
}

/* A C copy of an OCaml string option (NULL for None), made before the runtime lock is released. */
static char* option_dup(value option) {
    return Is_block(option) ? strdup(String_val(Field(option, 0))) : NULL;
}

/* options: { address; token; tls_root_pem; tls_cert_pem; tls_key_pem; deadline_ms } */
value gantry_ocaml_open(value options) {
    CAMLparam1(options);
    CAMLlocal1(client);
    char* address = strdup(String_val(Field(options, 0)));
    char* token = option_dup(Field(options, 1));
    char* root = option_dup(Field(options, 2));
    char* cert = option_dup(Field(options, 3));
    char* key = option_dup(Field(options, 4));
    gantry_client_options c_options = {address, token, root, cert, key, Long_val(Field(options, 5))};
    gantry_client* c_client = NULL;
    gantry_error* error = NULL;
    int code = gantry_client_open(&c_options, &c_client, &error);
    free(address);
    free(token);
    free(root);
    free(cert);
    free(key);
    if (code != 0) CAMLreturn(error_result(code, error));
    client = caml_alloc_custom(&client_ops, sizeof(gantry_client*), 0, 1);
    Client_val(client) = c_client;
    CAMLreturn(make_result(0, client));
}

value gantry_ocaml_close(value client) {
    CAMLparam1(client);
    client_finalize(client);
    CAMLreturn(Val_unit);
}

static value closed_error(void) {
    return make_error(9 /* FAILED_PRECONDITION */, "the client is closed", "CLIENT_CLOSED", "{}");
}

value gantry_ocaml_call(value client, value method, value request, value timeout_ms) {
    CAMLparam4(client, method, request, timeout_ms);
    CAMLlocal1(response);
    gantry_client* c_client = Client_val(client);
    if (!c_client) CAMLreturn(closed_error());
    char* c_method = strdup(String_val(method));
    char* c_request = strdup(String_val(request));
    char* c_response = NULL;
    gantry_error* error = NULL;
    caml_enter_blocking_section();
    int code = gantry_client_call(c_client, c_method, c_request, Long_val(timeout_ms), &c_response, &error);
    caml_leave_blocking_section();
    free(c_method);
    free(c_request);
    if (code != 0) CAMLreturn(error_result(code, error));
    response = caml_copy_string(c_response);
    gantry_string_free(c_response);
    CAMLreturn(make_result(0, response));
}

struct stream_context {
    value* callback;  /* a registered local of gantry_ocaml_stream */
    value exception;  /* a generational global root once set */
    int raised;
};

static int on_stream_message(void* user_data, const char* json, size_t length) {
    struct stream_context* context = user_data;
    caml_leave_blocking_section();
    value message = caml_alloc_initialized_string(length, json);
    value result = caml_callback_exn(*context->callback, message);
    int stop = 0;
    if (Is_exception_result(result)) {
        context->exception = Extract_exception(result);
        caml_register_generational_global_root(&context->exception);
        context->raised = 1;
        stop = 1;
    }
    caml_enter_blocking_section();
    return stop;
}

value gantry_ocaml_stream(value client, value method, value request, value timeout_ms, value callback) {
    CAMLparam5(client, method, request, timeout_ms, callback);
    CAMLlocal1(exception);
    gantry_client* c_client = Client_val(client);
    if (!c_client) CAMLreturn(closed_error());
    char* c_method = strdup(String_val(method));
    char* c_request = strdup(String_val(request));
    struct stream_context context = {&callback, Val_unit, 0};
    gantry_error* error = NULL;
    caml_enter_blocking_section();
    int code = gantry_client_stream(c_client, c_method, c_request, Long_val(timeout_ms), on_stream_message,
                                    &context, &error);
    caml_leave_blocking_section();
    free(c_method);
    free(c_request);
    if (context.raised) {
        /* The callback's exception wins over the CANCELLED its stop caused. */
        gantry_error_free(error);
        exception = context.exception;
        caml_remove_generational_global_root(&context.exception);
        caml_raise(exception);
    }
    if (code != 0) CAMLreturn(error_result(code, error));
    CAMLreturn(make_result(0, Val_unit));
}
