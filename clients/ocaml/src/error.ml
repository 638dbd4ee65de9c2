(* A failed call: the gRPC code, a message for people, and the service's machine-readable reason and
   metadata (gantry.common.v1.ErrorDetail). *)

type t = {
  code : Code.t;
  message : string;
  reason : string;  (** e.g. "UNIQUE_VIOLATION"; "" when the service gave none *)
  metadata : (string * string) list;  (** e.g. [("sqlstate", "23505")] *)
}

exception Error of t

let to_string e =
  Printf.sprintf "%s: %s%s" (Code.to_string e.code) e.message
    (if e.reason = "" then "" else Printf.sprintf " [reason %s]" e.reason)

let () =
  Printexc.register_printer (function
    | Error e -> Some ("Gantry.Error (" ^ to_string e ^ ")")
    | _ -> None)

let metadata_of_json text =
  match Yojson.Safe.from_string text with
  | `Assoc fields -> List.filter_map (function k, `String v -> Some (k, v) | _ -> None) fields
  | _ | (exception Yojson.Json_error _) -> []

let of_raw ((code, message, reason, metadata) : Raw.error) =
  { code = Code.of_int code; message; reason; metadata = metadata_of_json metadata }

let raise_raw raw = raise (Error (of_raw raw))

(* A client-side error, e.g. a response whose shape is not the documented one. *)
let fail code message = raise (Error { code; message; reason = ""; metadata = [] })

let protect f = match f () with v -> Ok v | exception Error e -> Stdlib.Error e
