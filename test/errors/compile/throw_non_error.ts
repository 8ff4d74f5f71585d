// expect: only errors can be thrown @ 6
import { i32, print } from "stmc";

export function main(): void {
  const code: i32 = 42;
  throw code;
}
