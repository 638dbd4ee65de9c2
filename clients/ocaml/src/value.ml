(* gantry.common.v1.Value: typed values, so no client parses SQL text to learn a type. *)

type t =
  | Null
  | Bool of bool
  | Int of int64
  | Double of float
  | Decimal of string  (** exact, e.g. "-12345.6789" *)
  | Text of string
  | Bytes of string
  | Timestamp of { epoch_micros : int64; has_time_zone : bool; utc_offset_seconds : int }
  | Date of { year : int; month : int; day : int }
  | Time of { micros_since_midnight : int64; has_time_zone : bool; utc_offset_seconds : int }
  | Json of string  (** a JSON document as text *)
  | Uuid of string  (** canonical 8-4-4-4-12 lowercase hex *)

(** The logical type of a column (gantry.common.v1.ValueType). *)
type value_type =
  [ `Unspecified | `Null | `Bool | `Int64 | `Double | `Decimal | `Text | `Bytes | `Timestamp | `Date
  | `Time | `Json | `Uuid ]

let value_type_of_string : string -> value_type = function
  | "VALUE_TYPE_NULL" -> `Null
  | "VALUE_TYPE_BOOL" -> `Bool
  | "VALUE_TYPE_INT64" -> `Int64
  | "VALUE_TYPE_DOUBLE" -> `Double
  | "VALUE_TYPE_DECIMAL" -> `Decimal
  | "VALUE_TYPE_TEXT" -> `Text
  | "VALUE_TYPE_BYTES" -> `Bytes
  | "VALUE_TYPE_TIMESTAMP" -> `Timestamp
  | "VALUE_TYPE_DATE" -> `Date
  | "VALUE_TYPE_TIME" -> `Time
  | "VALUE_TYPE_JSON" -> `Json
  | "VALUE_TYPE_UUID" -> `Uuid
  | _ -> `Unspecified

let float_to_json f : Yojson.Safe.t =
  if Float.is_nan f then `String "NaN"
  else if f = Float.infinity then `String "Infinity"
  else if f = Float.neg_infinity then `String "-Infinity"
  else `Float f

let int64_json i : Yojson.Safe.t = `String (Int64.to_string i)

let to_json (v : t) : Yojson.Safe.t =
  let one name (json : Yojson.Safe.t) : Yojson.Safe.t = `Assoc [ (name, json) ] in
  match v with
  | Null -> one "null_value" (`String "NULL_VALUE")
  | Bool b -> one "bool_value" (`Bool b)
  | Int i -> one "int64_value" (int64_json i)
  | Double f -> one "double_value" (float_to_json f)
  | Decimal s -> one "decimal_value" (`String s)
  | Text s -> one "text_value" (`String s)
  | Bytes s -> one "bytes_value" (`String (Base64.encode s))
  | Timestamp { epoch_micros; has_time_zone; utc_offset_seconds } ->
      one "timestamp_value"
        (`Assoc
          [ ("epoch_micros", int64_json epoch_micros); ("has_time_zone", `Bool has_time_zone);
            ("utc_offset_seconds", `Int utc_offset_seconds) ])
  | Date { year; month; day } ->
      one "date_value" (`Assoc [ ("year", `Int year); ("month", `Int month); ("day", `Int day) ])
  | Time { micros_since_midnight; has_time_zone; utc_offset_seconds } ->
      one "time_value"
        (`Assoc
          [ ("micros_since_midnight", int64_json micros_since_midnight); ("has_time_zone", `Bool has_time_zone);
            ("utc_offset_seconds", `Int utc_offset_seconds) ])
  | Json s -> one "json_value" (`String s)
  | Uuid s -> one "uuid_value" (`String s)

let of_json (json : Yojson.Safe.t) : t =
  let open Json_field in
  match json with
  | `Assoc [ (kind, _) ] -> (
      match kind with
      | "null_value" -> Null
      | "bool_value" -> Bool (bool kind json)
      | "int64_value" -> Int (int64 kind json)
      | "double_value" -> Double (float kind json)
      | "decimal_value" -> Decimal (string kind json)
      | "text_value" -> Text (string kind json)
      | "bytes_value" -> (
          match Base64.decode (string kind json) with Some b -> Bytes b | None -> bad kind "base64")
      | "timestamp_value" ->
          let t = member kind json in
          Timestamp
            { epoch_micros = int64 "epoch_micros" t; has_time_zone = bool "has_time_zone" t;
              utc_offset_seconds = int "utc_offset_seconds" t }
      | "date_value" ->
          let d = member kind json in
          Date { year = int "year" d; month = int "month" d; day = int "day" d }
      | "time_value" ->
          let t = member kind json in
          Time
            { micros_since_midnight = int64 "micros_since_midnight" t; has_time_zone = bool "has_time_zone" t;
              utc_offset_seconds = int "utc_offset_seconds" t }
      | "json_value" -> Json (string kind json)
      | "uuid_value" -> Uuid (string kind json)
      | other -> bad "value" ("a known kind, not " ^ other))
  | _ -> bad "value" "an object with exactly one member"

let to_string = function
  | Null -> "NULL"
  | Bool b -> string_of_bool b
  | Int i -> Int64.to_string i
  | Double f -> Printf.sprintf "%.17g" f
  | Decimal s | Text s | Json s | Uuid s -> s
  | Bytes b -> "base64:" ^ Base64.encode b
  | Timestamp { epoch_micros; _ } -> Printf.sprintf "timestamp(%Ld us)" epoch_micros
  | Date { year; month; day } -> Printf.sprintf "%04d-%02d-%02d" year month day
  | Time { micros_since_midnight; _ } -> Printf.sprintf "time(%Ld us)" micros_since_midnight
