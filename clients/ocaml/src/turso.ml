(* turso-sync (gantry.turso.v1.TursoSync): a Turso/libSQL database with a local replica kept in sync. *)

type served_by = [ `Local | `Remote | `Unspecified ]

type result = {
  columns : Result_set.column list;
  rows : Value.t array list;
  affected_row_count : int64;
  last_insert_rowid : int64 option;
  served_by : served_by;
}

type sync_result = { pages_pulled : int64; changes_pushed : int64; revision : string; duration_ms : int64 }

type stats = {
  database : string;
  mode : string;  (** e.g. "DATABASE_MODE_LOCAL" *)
  pulls : int64;
  pushes : int64;
  pages_pulled : int64;
  bytes_pulled : int64;
  changes_pushed : int64;
  changes_queued : int64;
  revision : string;
  last_sync_unix_ms : int64;  (** 0 = never *)
  lag_ms : int64;
  last_error : string;
}

let service = "/gantry.turso.v1.TursoSync/"

let database_field = function Some d -> [ ("database", `String d) ] | None -> []

let served_by_of_string = function
  | "SERVED_BY_LOCAL" -> `Local
  | "SERVED_BY_REMOTE" -> `Remote
  | _ -> `Unspecified

let result_of_json json =
  let open Json_field in
  let r = member "result" json in
  { columns = Result_set.columns_of_json r; rows = Result_set.rows_of_json r;
    affected_row_count = int64 "affected_row_count" r;
    last_insert_rowid = (match member "last_insert_rowid" r with `Null -> None | _ -> Some (int64 "last_insert_rowid" r));
    served_by = served_by_of_string (string "served_by" json) }

let run rpc ?timeout_ms ?database ?(args = []) ?(named_args = []) ?transaction_id conn sql =
  let statement =
    `Assoc
      [ ("sql", `String sql); ("args", `List (List.map Value.to_json args));
        ( "named_args",
          `List (List.map (fun (name, v) -> `Assoc [ ("name", `String name); ("value", Value.to_json v) ]) named_args) ) ]
  in
  let request =
    `Assoc
      ([ ("statement", statement) ] @ database_field database
      @ match transaction_id with Some t -> [ ("transaction_id", `String t) ] | None -> [])
  in
  result_of_json (Client.call_json ?timeout_ms conn (service ^ rpc) request)

let execute = run "Execute"
let query = run "Query"

let sync ?timeout_ms ?database conn =
  let json = Client.call_json ?timeout_ms conn (service ^ "Sync") (`Assoc (database_field database)) in
  let open Json_field in
  { pages_pulled = int64 "pages_pulled" json; changes_pushed = int64 "changes_pushed" json;
    revision = string "revision" json; duration_ms = int64 "duration_ms" json }

let stats ?timeout_ms ?database conn =
  let json = Client.call_json ?timeout_ms conn (service ^ "GetStats") (`Assoc (database_field database)) in
  let open Json_field in
  { database = string "database" json; mode = string "mode" json; pulls = int64 "pulls" json;
    pushes = int64 "pushes" json; pages_pulled = int64 "pages_pulled" json; bytes_pulled = int64 "bytes_pulled" json;
    changes_pushed = int64 "changes_pushed" json; changes_queued = int64 "changes_queued" json;
    revision = string "revision" json; last_sync_unix_ms = int64 "last_sync_unix_ms" json;
    lag_ms = int64 "lag_ms" json; last_error = string "last_error" json }
