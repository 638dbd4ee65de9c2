(* The C stubs (gantry_stubs.c) over libgantry_client. Errors come back as
   (grpc code, message, reason, metadata as a JSON object). *)

type client
type error = int * string * string * string

type options = {
  address : string;
  token : string option;
  tls_root_pem : string option;
  tls_cert_pem : string option;
  tls_key_pem : string option;
  deadline_ms : int;
}

external open_client : options -> (client, error) result = "gantry_ocaml_open"
external close : client -> unit = "gantry_ocaml_close"

external call : client -> string -> string -> int -> (string, error) result = "gantry_ocaml_call"

external stream : client -> string -> string -> int -> (string -> unit) -> (unit, error) result
  = "gantry_ocaml_stream"
