(* The Gantry OCaml client: Gantry services over gRPC through the C shim (libgantry_client).

   {[
     let conn = Gantry.connect "127.0.0.1:50052" in
     let r = Gantry.Db.query conn "SELECT id, name FROM users WHERE id = ?" ~params:[ Gantry.Value.Int 1L ] in
     List.iter (fun row -> print_endline (Gantry.Value.to_string row.(1))) r.rows;
     Gantry.close conn
   ]} *)

module Code = Code
module Error = Error
module Value = Value
module Result_set = Result_set
module Client = Client
module Db = Db
module Turso = Turso
module Base64 = Base64

exception Error = Error.Error

type t = Client.t

let connect = Client.connect
let close = Client.close
let with_connection = Client.with_connection
let call_json = Client.call_json
let stream_json = Client.stream_json
let protect = Error.protect
