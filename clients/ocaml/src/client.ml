(* A connection to one Gantry service and calls by full method name with JSON (the protobuf JSON
   mapping, proto field names). Failed calls raise Error.Error. *)

type t = { raw : Raw.client }

let connect ?token ?tls_root_pem ?tls_cert_pem ?tls_key_pem ?(deadline_ms = 30_000) address =
  match Raw.open_client { Raw.address; token; tls_root_pem; tls_cert_pem; tls_key_pem; deadline_ms } with
  | Ok raw -> { raw }
  | Error e -> Error.raise_raw e

let close t = Raw.close t.raw

let with_connection ?token ?tls_root_pem ?tls_cert_pem ?tls_key_pem ?deadline_ms address f =
  let t = connect ?token ?tls_root_pem ?tls_cert_pem ?tls_key_pem ?deadline_ms address in
  Fun.protect ~finally:(fun () -> close t) (fun () -> f t)

let parse_response method_ text =
  match Yojson.Safe.from_string text with
  | json -> json
  | exception Yojson.Json_error msg ->
      Error.fail Code.Data_loss (Printf.sprintf "%s returned invalid JSON: %s" method_ msg)

let call_json ?(timeout_ms = 0) t method_ (request : Yojson.Safe.t) : Yojson.Safe.t =
  match Raw.call t.raw method_ (Yojson.Safe.to_string request) timeout_ms with
  | Ok text -> parse_response method_ text
  | Error e -> Error.raise_raw e

let stream_json ?(timeout_ms = 0) t method_ (request : Yojson.Safe.t) (on_message : Yojson.Safe.t -> unit) =
  let on_text text = on_message (parse_response method_ text) in
  match Raw.stream t.raw method_ (Yojson.Safe.to_string request) timeout_ms on_text with
  | Ok () -> ()
  | Error e -> Error.raise_raw e
