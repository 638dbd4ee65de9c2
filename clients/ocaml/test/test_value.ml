(* Gantry.Value <-> protobuf JSON, and Base64, without a server. *)

open Gantry_test_support
module V = Gantry.Value

let show_json j = Yojson.Safe.to_string j
let show_value v = V.to_string v

let () =
  let all =
    [ V.Null; V.Bool true; V.Int 9007199254740993L; V.Int Int64.min_int; V.Double 2.5; V.Decimal "-12345.6789";
      V.Text "h\xc3\xa9llo"; V.Bytes "\x00\xff\x10bin"; V.Bytes "";
      V.Timestamp { epoch_micros = 1767323045000001L; has_time_zone = true; utc_offset_seconds = 3600 };
      V.Date { year = 2026; month = 1; day = 2 };
      V.Time { micros_since_midnight = 3723000004L; has_time_zone = false; utc_offset_seconds = 0 };
      V.Json "{\"a\":[1,2]}"; V.Uuid "123e4567-e89b-12d3-a456-426614174000" ]
  in
  List.iter
    (fun v -> Check.equal ~show:show_value ("round trip " ^ V.to_string v) v (V.of_json (V.to_json v)))
    all;
  Check.equal ~show:show_json "int64 is a JSON string, as protobuf writes it"
    (`Assoc [ ("int64_value", `String "9007199254740993") ])
    (V.to_json (V.Int 9007199254740993L));
  Check.equal ~show:show_json "null is the NullValue enum" (`Assoc [ ("null_value", `String "NULL_VALUE") ])
    (V.to_json V.Null);
  Check.equal ~show:show_value "null as the service prints it (JSON null)" V.Null
    (V.of_json (`Assoc [ ("null_value", `Null) ]));
  Check.equal ~show:show_value "int64 read from a JSON number" (V.Int 42L)
    (V.of_json (`Assoc [ ("int64_value", `Int 42) ]));
  Check.is_true "NaN survives" (match V.of_json (V.to_json (V.Double Float.nan)) with V.Double f -> Float.is_nan f | _ -> false);
  Check.equal ~show:show_value "infinity survives" (V.Double Float.infinity) (V.of_json (V.to_json (V.Double Float.infinity)));
  Check.equal ~show:Fun.id "base64 of the RFC 4648 vectors" "Zm9vYmFy,Zm9vYg==,Zm8=,Zg==,"
    (String.concat "," (List.map Gantry.Base64.encode [ "foobar"; "foob"; "fo"; "f"; "" ]));
  Check.equal "base64 decodes URL-safe too" (Some "\xfb\xff") (Gantry.Base64.decode "-_8=");
  Check.equal "base64 rejects garbage" None (Gantry.Base64.decode "a*b");
  (match Check.raises_error "an unknown value kind" (fun () -> V.of_json (`Assoc [ ("mystery", `Int 1) ])) with
   | Some e -> Check.equal ~show:Gantry.Code.to_string "an unknown kind is DATA_LOSS" Gantry.Code.Data_loss e.code
   | None -> ());
  Check.equal ~show:Gantry.Code.to_string "codes map by number" Gantry.Code.Unauthenticated (Gantry.Code.of_int 16);
  Check.equal ~show:string_of_int "and back" 6 (Gantry.Code.to_int Gantry.Code.Already_exists);
  Check.finish ()
