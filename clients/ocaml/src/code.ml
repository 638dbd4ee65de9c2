(* gRPC status codes. *)

type t =
  | Ok
  | Cancelled
  | Unknown
  | Invalid_argument
  | Deadline_exceeded
  | Not_found
  | Already_exists
  | Permission_denied
  | Resource_exhausted
  | Failed_precondition
  | Aborted
  | Out_of_range
  | Unimplemented
  | Internal
  | Unavailable
  | Data_loss
  | Unauthenticated

let all =
  [| Ok; Cancelled; Unknown; Invalid_argument; Deadline_exceeded; Not_found; Already_exists;
     Permission_denied; Resource_exhausted; Failed_precondition; Aborted; Out_of_range; Unimplemented;
     Internal; Unavailable; Data_loss; Unauthenticated |]

let of_int n = if n >= 0 && n < Array.length all then all.(n) else Unknown

let to_int code =
  let rec find i = if all.(i) = code then i else find (i + 1) in
  find 0

let to_string = function
  | Ok -> "OK"
  | Cancelled -> "CANCELLED"
  | Unknown -> "UNKNOWN"
  | Invalid_argument -> "INVALID_ARGUMENT"
  | Deadline_exceeded -> "DEADLINE_EXCEEDED"
  | Not_found -> "NOT_FOUND"
  | Already_exists -> "ALREADY_EXISTS"
  | Permission_denied -> "PERMISSION_DENIED"
  | Resource_exhausted -> "RESOURCE_EXHAUSTED"
  | Failed_precondition -> "FAILED_PRECONDITION"
  | Aborted -> "ABORTED"
  | Out_of_range -> "OUT_OF_RANGE"
  | Unimplemented -> "UNIMPLEMENTED"
  | Internal -> "INTERNAL"
  | Unavailable -> "UNAVAILABLE"
  | Data_loss -> "DATA_LOSS"
  | Unauthenticated -> "UNAUTHENTICATED"
