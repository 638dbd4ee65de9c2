(* The typed API against real db-gateway (SQLite, its default) and turso-sync (local mode, its default). *)

open Gantry_test_support
module V = Gantry.Value

let show_rows rows =
  String.concat "; " (List.map (fun r -> String.concat ", " (Array.to_list (Array.map V.to_string r))) rows)

let show_code = Gantry.Code.to_string
let beyond_2_53 = 9007199254740993L (* 2^53 + 1: a double cannot hold it *)

let db_gateway () =
  Service.with_service "db-gateway" @@ fun service ->
  Gantry.with_connection service.Service.address @@ fun conn ->
  Check.case "db: create, insert, select" (fun () ->
      let created = Gantry.Db.execute conn "CREATE TABLE items (id INTEGER PRIMARY KEY, big INTEGER, note TEXT, score REAL, data BLOB)" in
      Check.equal ~show:Int64.to_string "create affects no rows" 0L created.rows_affected;
      let insert params = Gantry.Db.execute conn "INSERT INTO items (id, big, note, score, data) VALUES (?, ?, ?, ?, ?)" ~params in
      let first = insert [ V.Int 1L; V.Int beyond_2_53; V.Null; V.Double 2.5; V.Bytes "\x00\xffbin" ] in
      Check.equal ~show:Int64.to_string "insert affects one row" 1L first.rows_affected;
      Check.equal "insert reports the rowid" (Some 1L) first.last_insert_id;
      ignore (insert [ V.Int 2L; V.Int Int64.min_int; V.Text "h\xc3\xa9llo"; V.Null; V.Null ]);
      let r = Gantry.Db.query conn "SELECT id, big, note, score, data FROM items ORDER BY id" in
      Check.equal ~show:(String.concat ",") "column names" [ "id"; "big"; "note"; "score"; "data" ]
        (List.map (fun (c : Gantry.Result_set.column) -> c.name) r.columns);
      Check.equal ~show:show_rows "rows come back typed and exact"
        [ [| V.Int 1L; V.Int beyond_2_53; V.Null; V.Double 2.5; V.Bytes "\x00\xffbin" |];
          [| V.Int 2L; V.Int Int64.min_int; V.Text "h\xc3\xa9llo"; V.Null; V.Null |] ]
        r.rows;
      Check.is_true "not truncated" (not r.truncated));
  Check.case "db: named parameters and max_rows" (fun () ->
      let r = Gantry.Db.query conn "SELECT note FROM items WHERE id = :id" ~named_params:[ ("id", V.Int 2L) ] in
      Check.equal ~show:show_rows "named parameter" [ [| V.Text "h\xc3\xa9llo" |] ] r.rows;
      let limited = Gantry.Db.query conn "SELECT id FROM items ORDER BY id" ~max_rows:1 in
      Check.equal ~show:show_rows "max_rows" [ [| V.Int 1L |] ] limited.rows;
      Check.is_true "truncated is reported" limited.truncated);
  Check.case "db: a transaction rolled back leaves nothing" (fun () ->
      let tx = Gantry.Db.begin_transaction conn in
      ignore (Gantry.Db.execute conn ~transaction_id:tx "INSERT INTO items (id) VALUES (3)");
      Gantry.Db.rollback conn tx;
      let r = Gantry.Db.query conn "SELECT count(*) FROM items" in
      Check.equal ~show:show_rows "still two rows" [ [| V.Int 2L |] ] r.rows);
  Check.case "db: errors carry code and reason" (fun () ->
      (match Check.raises_error "duplicate key" (fun () -> Gantry.Db.execute conn "INSERT INTO items (id) VALUES (1)") with
       | Some e ->
           Check.equal ~show:show_code "duplicate key is ALREADY_EXISTS" Gantry.Code.Already_exists e.code;
           Check.equal ~show:Fun.id "with its reason" "UNIQUE_VIOLATION" e.reason
       | None -> ());
      (match Check.raises_error "bad SQL" (fun () -> Gantry.Db.query conn "SELEKT 1") with
       | Some e -> Check.equal ~show:show_code "bad SQL is INVALID_ARGUMENT" Gantry.Code.Invalid_argument e.code
       | None -> ());
      match Gantry.protect (fun () -> Gantry.Db.query conn "SELECT * FROM no_such_table") with
      | Ok _ -> Check.is_true "a missing table is an error" false
      | Error e -> Check.is_true "protect returns the error as a result" (e.message <> ""));
  Check.case "db: generic JSON calls and streams" (fun () ->
      let info = Gantry.call_json conn "/gantry.common.v1.Admin/GetServiceInfo" (`Assoc []) in
      Check.equal ~show:Yojson.Safe.to_string "call_json" (`String "db-gateway") (Yojson.Safe.Util.member "service" info);
      let chunks = ref 0 and ids = ref [] in
      Gantry.stream_json conn "/gantry.db.v1.Database/StreamQuery"
        (`Assoc [ ("sql", `String "SELECT id FROM items ORDER BY id"); ("chunk_rows", `Int 1) ])
        (fun chunk ->
          incr chunks;
          ids := !ids @ List.concat_map Array.to_list (Gantry.Result_set.rows_of_json chunk));
      Check.equal ~show:string_of_int "one message per row" 2 !chunks;
      Check.equal ~show:(fun l -> show_rows [ Array.of_list l ]) "streamed rows" [ V.Int 1L; V.Int 2L ] !ids;
      match Check.raises_error "unknown method" (fun () -> Gantry.call_json conn "/gantry.db.v1.Database/Nope" `Null) with
      | Some e -> Check.equal ~show:show_code "unknown method is NOT_FOUND" Gantry.Code.Not_found e.code
      | None -> ());
  Check.case "db: an exception in the stream callback stops the stream and propagates" (fun () ->
      let seen = ref 0 in
      match
        Gantry.stream_json conn "/gantry.db.v1.Database/StreamQuery"
          (`Assoc [ ("sql", `String "SELECT id FROM items"); ("chunk_rows", `Int 1) ])
          (fun _ -> incr seen; raise Exit)
      with
      | () -> Check.is_true "the callback's exception propagates" false
      | exception Exit -> Check.equal ~show:string_of_int "stopped after the first message" 1 !seen)

let turso_sync () =
  Service.with_service "turso-sync" @@ fun service ->
  Gantry.with_connection service.Service.address @@ fun conn ->
  Check.case "turso: execute and query" (fun () ->
      ignore (Gantry.Turso.execute conn "CREATE TABLE notes (id INTEGER PRIMARY KEY, big INTEGER, body TEXT)");
      let inserted =
        Gantry.Turso.execute conn "INSERT INTO notes (big, body) VALUES (?, ?)" ~args:[ V.Int beyond_2_53; V.Null ]
      in
      Check.equal ~show:Int64.to_string "one row affected" 1L inserted.affected_row_count;
      Check.equal "the rowid" (Some 1L) inserted.last_insert_rowid;
      let r = Gantry.Turso.query conn "SELECT id, big, body FROM notes WHERE big = :big" ~named_args:[ (":big", V.Int beyond_2_53) ] in
      Check.equal ~show:show_rows "typed rows" [ [| V.Int 1L; V.Int beyond_2_53; V.Null |] ] r.rows;
      Check.is_true "served locally" (r.served_by = `Local));
  Check.case "turso: stats and sync" (fun () ->
      let stats = Gantry.Turso.stats conn in
      Check.equal ~show:Fun.id "local mode" "DATABASE_MODE_LOCAL" stats.mode;
      Check.equal ~show:Int64.to_string "never pulled" 0L stats.pulls;
      match Check.raises_error "sync of a local database" (fun () -> Gantry.Turso.sync conn) with
      | Some e ->
          Check.equal ~show:show_code "is FAILED_PRECONDITION" Gantry.Code.Failed_precondition e.code;
          Check.equal ~show:Fun.id "with its reason" "NOT_SYNCED" e.reason
      | None -> ())

let auth_and_deadlines () =
  let token = "ocaml-e2e-token-0123456789" in
  Service.with_service ~env:[ ("GANTRY_DB_GATEWAY_SERVER_AUTH_TOKENS", token) ] "db-gateway" @@ fun service ->
  Check.case "auth: the token is sent" (fun () ->
      Gantry.with_connection ~token service.Service.address @@ fun conn ->
      Check.equal ~show:show_rows "with the token" [ [| V.Int 1L |] ] (Gantry.Db.query conn "SELECT 1").rows);
  Check.case "auth: no token is UNAUTHENTICATED" (fun () ->
      Gantry.with_connection service.Service.address @@ fun conn ->
      match Check.raises_error "without the token" (fun () -> Gantry.Db.query conn "SELECT 1") with
      | Some e ->
          Check.equal ~show:show_code "code" Gantry.Code.Unauthenticated e.code;
          Check.equal ~show:Fun.id "reason" "AUTH_TOKEN_MISSING" e.reason
      | None -> ());
  Check.case "a call's timeout_ms overrides the deadline" (fun () ->
      Gantry.with_connection ~token service.Service.address @@ fun conn ->
      let slow = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000000) SELECT count(*) FROM n" in
      match Check.raises_error "a 1 ms timeout" (fun () -> Gantry.Db.query ~timeout_ms:1 conn slow) with
      | Some e -> Check.equal ~show:show_code "DEADLINE_EXCEEDED" Gantry.Code.Deadline_exceeded e.code
      | None -> ())

let closed_client () =
  Check.case "a closed client fails cleanly" (fun () ->
      let conn = Gantry.connect "unix:/nonexistent/gantry-ocaml.sock" in
      Gantry.close conn;
      Gantry.close conn;
      match Check.raises_error "call after close" (fun () -> Gantry.call_json conn "/grpc.health.v1.Health/Check" `Null) with
      | Some e -> Check.equal ~show:show_code "FAILED_PRECONDITION" Gantry.Code.Failed_precondition e.code
      | None -> ())

let () =
  Check.case "db-gateway" db_gateway;
  Check.case "turso-sync" turso_sync;
  Check.case "auth and deadlines" auth_and_deadlines;
  closed_client ();
  Check.finish ()
