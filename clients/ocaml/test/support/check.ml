(* Named checks; each test executable ends with "N passed, N failed" and fails when any check did. *)

let passed = ref 0
let failed = ref 0

let report name ok detail =
  if ok then incr passed
  else begin
    incr failed;
    Printf.printf "FAIL %s%s\n%!" name (if detail = "" then "" else ": " ^ detail)
  end

let equal ?(show = fun _ -> "") name expected actual =
  report name (expected = actual)
    (Printf.sprintf "expected %s, got %s" (show expected) (show actual))

let is_true name ok = report name ok ""

(* Runs a named group; an exception in it is one failed check naming the exception. *)
let case name f =
  match f () with
  | () -> ()
  | exception e -> report name false ("raised " ^ Printexc.to_string e)

(* The Gantry.Error [f] raises, or a failed check when it raises nothing. *)
let raises_error name f =
  match f () with
  | _ ->
      report name false "expected a Gantry.Error";
      None
  | exception Gantry.Error e -> Some e

let finish () =
  Printf.printf "%d passed, %d failed\n%!" !passed !failed;
  exit (if !failed = 0 && !passed > 0 then 0 else 1)
