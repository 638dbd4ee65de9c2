(* Columns and rows (gantry.common.v1.Column and Row) as every SQL service returns them. *)

type column = {
  name : string;
  value_type : Value.value_type;
  database_type : string;  (** the engine's own type name, e.g. "INTEGER", "int4" *)
  nullable : bool;
}

let column_of_json json =
  let open Json_field in
  { name = string "name" json; value_type = Value.value_type_of_string (string "type" json);
    database_type = string "database_type" json; nullable = bool "nullable" json }

let columns_of_json json = List.map column_of_json (Json_field.list "columns" json)

let rows_of_json json =
  List.map (fun row -> Array.of_list (List.map Value.of_json (Json_field.list "values" row))) (Json_field.list "rows" json)
