// expect:  @ 7
// new Error() has an empty message, as in JavaScript: the report is "error: " and the location.
import { i32, print } from "stmc";

function check(n: i32): void {
  print("checking", n);
  if (n > 2) throw new Error();
}

export function main(): void {
  for (let i = 0; i < 5; i++) check(i);
}
