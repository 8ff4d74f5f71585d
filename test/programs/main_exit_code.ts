// main may return i32: the process exit status (here 3).
import { i32, print } from "stmc";

function status(errors: i32): i32 {
  return errors > 0 ? 3 : 0;
}

export function main(): i32 {
  let errors = 0;
  const values: i32[] = [4, -1, 7, -9];
  for (const v of values) if (v < 0) errors++;
  print("errors", errors);
  return status(errors);
}
