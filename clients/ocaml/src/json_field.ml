(* Reading fields of protobuf JSON (as the shim prints it: proto field names, every scalar present,
   64-bit integers as strings). A field of the wrong shape is a DATA_LOSS error naming it. *)

let bad name what = Error.fail Code.Data_loss (Printf.sprintf "field %s: expected %s" name what)

let member name (json : Yojson.Safe.t) =
  match json with `Assoc fields -> (try List.assoc name fields with Not_found -> `Null) | _ -> `Null

let int64 name json =
  match member name json with
  | `Null -> 0L
  | `Int i -> Int64.of_int i
  | `Intlit s | `String s -> (
      match Int64.of_string_opt s with Some i -> i | None -> bad name "a 64-bit integer")
  | _ -> bad name "a 64-bit integer"

let int name json = Int64.to_int (int64 name json)

let string name json =
  match member name json with `Null -> "" | `String s -> s | _ -> bad name "a string"

let bool name json = match member name json with `Null -> false | `Bool b -> b | _ -> bad name "a boolean"

let list name json = match member name json with `Null -> [] | `List l -> l | _ -> bad name "a list"

let float name (json : Yojson.Safe.t) =
  match member name json with
  | `Float f -> f
  | `Int i -> float_of_int i
  | `Intlit s -> float_of_string s
  | `String "NaN" -> Float.nan
  | `String "Infinity" -> Float.infinity
  | `String "-Infinity" -> Float.neg_infinity
  | _ -> bad name "a number"
