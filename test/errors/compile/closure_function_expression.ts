// expect: closure @ 5
import { i32, print } from "stmc";

export function main(): void {
  const f = function (x: i32): i32 {
    return x + 1;
  };
  print(f(1));
}
