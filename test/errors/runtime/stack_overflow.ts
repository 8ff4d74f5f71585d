// expect: stack overflow @ 5
import { i32, print } from "stmc";

function down(n: i32): i32 {
  return down(n + 1) + 1;
}

export function main(): void {
  print("start");
  print(down(0));
}
