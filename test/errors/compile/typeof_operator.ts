// expect: typeof @ 6
import { i32, print } from "stmc";

export function main(): void {
  const x: i32 = 1;
  print(typeof x === "number");
}
