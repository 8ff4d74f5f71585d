// expect: strings have no method 'localeCompare' @ 12
// expect: a value of type Box cannot be converted to a string @ 13
// expect: strings have length and methods @ 14
import { i32, print } from "stmc";

class Box {
  v: i32 = 1;
}

export function main(): void {
  const s = "abc";
  print(s.localeCompare("b"));
  print("box: " + new Box());
  print(s.codePoints);
}
