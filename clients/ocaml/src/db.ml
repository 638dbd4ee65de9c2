(* db-gateway (gantry.db.v1.Database): SQL on PostgreSQL, MariaDB/MySQL or SQLite with typed parameters. *)

type result = {
  columns : Result_set.column list;
  rows : Value.t array list;
  rows_affected : int64;
  last_insert_id : int64 option;  (** MariaDB AUTO_INCREMENT / SQLite rowid, when there is one *)
  truncated : bool;  (** more rows existed than max_rows *)
}

let service = "/gantry.db.v1.Database/"

let request ?database ?(params = []) ?(named_params = []) ?transaction_id ?max_rows sql : Yojson.Safe.t =
  let optional name to_json = function Some v -> [ (name, to_json v) ] | None -> [] in
  `Assoc
    ([ ("sql", `String sql); ("params", `List (List.map Value.to_json params));
       ("named_params", `Assoc (List.map (fun (k, v) -> (k, Value.to_json v)) named_params)) ]
    @ optional "database" (fun d -> `String d) database
    @ optional "transaction_id" (fun d -> `String d) transaction_id
    @ optional "max_rows" (fun n -> `String (string_of_int n)) max_rows)

let result_of_json json =
  let open Json_field in
  { columns = Result_set.columns_of_json json; rows = Result_set.rows_of_json json;
    rows_affected = int64 "rows_affected" json;
    last_insert_id = (if bool "has_last_insert_id" json then Some (int64 "last_insert_id" json) else None);
    truncated = bool "truncated" json }

let run rpc ?timeout_ms ?database ?params ?named_params ?transaction_id ?max_rows conn sql =
  result_of_json
    (Client.call_json ?timeout_ms conn (service ^ rpc)
       (request ?database ?params ?named_params ?transaction_id ?max_rows sql))

let execute = run "Execute"
let query = run "Query"

let begin_transaction ?timeout_ms ?database ?(read_only = false) conn =
  let request =
    `Assoc ([ ("read_only", `Bool read_only) ] @ match database with Some d -> [ ("database", `String d) ] | None -> [])
  in
  Json_field.string "transaction_id" (Client.call_json ?timeout_ms conn (service ^ "BeginTransaction") request)

let end_transaction rpc ?timeout_ms conn transaction_id =
  ignore (Client.call_json ?timeout_ms conn (service ^ rpc) (`Assoc [ ("transaction_id", `String transaction_id) ]))

let commit = end_transaction "Commit"
let rollback = end_transaction "Rollback"
