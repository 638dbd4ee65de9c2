(* A real Gantry service binary from GANTRY_BIN_DIR on a free port, in a temporary data dir:
   `--listen 127.0.0.1:0 --metrics-listen "" --ready-file F --data-dir D`, the gRPC address read from F. *)

type t = { pid : int; address : string; dir : string; log : string }

let bin_dir () =
  match Sys.getenv_opt "GANTRY_BIN_DIR" with
  | Some d -> d
  | None -> failwith "GANTRY_BIN_DIR is not set (the folder of the service binaries)"

let make_temp_dir name =
  Random.self_init ();
  let dir =
    Filename.concat (Filename.get_temp_dir_name ())
      (Printf.sprintf "gantry-ocaml-%s-%d-%06x" name (Unix.getpid ()) (Random.bits () land 0xFFFFFF))
  in
  Unix.mkdir dir 0o700;
  dir

let read_file path =
  let ic = open_in_bin path in
  Fun.protect ~finally:(fun () -> close_in ic) (fun () -> really_input_string ic (in_channel_length ic))

let remove_tree dir = ignore (Sys.command (Filename.quote_command "rm" [ "-rf"; dir ]))

let ready_address path =
  match Yojson.Safe.from_file path with
  | `Assoc fields -> (match List.assoc_opt "grpc" fields with Some (`String a) -> Some a | _ -> None)
  | _ -> None
  | exception _ -> None  (* not written completely yet *)

let start ?(env = []) name =
  let dir = make_temp_dir name in
  let ready = Filename.concat dir "ready.json" and log = Filename.concat dir "stderr.log" in
  let binary = Filename.concat (bin_dir ()) name in
  let args =
    [| binary; "--listen"; "127.0.0.1:0"; "--metrics-listen"; ""; "--ready-file"; ready; "--data-dir";
       Filename.concat dir "data" |]
  in
  let environment = Array.append (Array.of_list (List.map (fun (k, v) -> k ^ "=" ^ v) env)) (Unix.environment ()) in
  let null = Unix.openfile "/dev/null" [ Unix.O_RDONLY ] 0 in
  let err = Unix.openfile log [ Unix.O_WRONLY; Unix.O_CREAT; Unix.O_TRUNC ] 0o600 in
  let pid = Unix.create_process_env binary args environment null Unix.stdout err in
  Unix.close null;
  Unix.close err;
  let deadline = Unix.gettimeofday () +. 15. in
  let rec wait () =
    match Unix.waitpid [ Unix.WNOHANG ] pid with
    | 0, _ -> (
        match ready_address ready with
        | Some address -> { pid; address; dir; log }
        | None when Unix.gettimeofday () > deadline ->
            Unix.kill pid Sys.sigkill;
            ignore (Unix.waitpid [] pid);
            failwith (name ^ " was not ready in time: " ^ read_file log)
        | None ->
            Unix.sleepf 0.02;
            wait ())
    | _ -> failwith (name ^ " exited before it was ready: " ^ read_file log)
  in
  wait ()

(* SIGTERM, then the exit status, which must be 0 (a clean drain). *)
let stop t =
  Unix.kill t.pid Sys.sigterm;
  let _, status = Unix.waitpid [] t.pid in
  let logs = read_file t.log in
  remove_tree t.dir;
  match status with
  | Unix.WEXITED 0 -> ()
  | Unix.WEXITED n -> failwith (Printf.sprintf "exit status %d: %s" n logs)
  | Unix.WSIGNALED n | Unix.WSTOPPED n -> failwith (Printf.sprintf "killed by signal %d: %s" n logs)

let with_service ?env name f =
  let service = start ?env name in
  Fun.protect ~finally:(fun () -> stop service) (fun () -> f service)
