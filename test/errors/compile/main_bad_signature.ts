// expect: main @ 4
import { i32, f64, print } from "stmc";

export function main(argc: i32): f64 {
  print(argc);
  return 0.5;
}
