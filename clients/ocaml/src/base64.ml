(* Standard base64 with padding, as the protobuf JSON mapping writes bytes (it also reads URL-safe). *)

let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

let encode s =
  let n = String.length s in
  let out = Buffer.create ((n + 2) / 3 * 4) in
  let byte i = if i < n then Char.code s.[i] else 0 in
  let rec go i =
    if i < n then begin
      let triple = (byte i lsl 16) lor (byte (i + 1) lsl 8) lor byte (i + 2) in
      let sextet shift = alphabet.[(triple lsr shift) land 63] in
      Buffer.add_char out (sextet 18);
      Buffer.add_char out (sextet 12);
      Buffer.add_char out (if i + 1 < n then sextet 6 else '=');
      Buffer.add_char out (if i + 2 < n then sextet 0 else '=');
      go (i + 3)
    end
  in
  go 0;
  Buffer.contents out

let sextet = function
  | 'A' .. 'Z' as c -> Some (Char.code c - 65)
  | 'a' .. 'z' as c -> Some (Char.code c - 71)
  | '0' .. '9' as c -> Some (Char.code c + 4)
  | '+' | '-' -> Some 62
  | '/' | '_' -> Some 63
  | _ -> None

let decode s =
  let out = Buffer.create (String.length s * 3 / 4) in
  let acc = ref 0 and bits = ref 0 in
  let ok = ref true in
  String.iter
    (fun c ->
      if c <> '=' then
        match sextet c with
        | None -> ok := false
        | Some v ->
            acc := ((!acc lsl 6) lor v) land 0xFFFFFF;
            bits := !bits + 6;
            if !bits >= 8 then begin
              bits := !bits - 8;
              Buffer.add_char out (Char.chr ((!acc lsr !bits) land 0xFF))
            end)
    s;
  if !ok then Some (Buffer.contents out) else None
