// expect: type @ 6
// expect: type @ 11
// expect: type @ 15
import { i32, print } from "stmc";

function add(a, b: i32): i32 {
  return b;
}

class Holder {
  value;
}

export function main(): void {
  let later;
  later = 3;
  print(add(1, 2), later, new Holder().value);
}
