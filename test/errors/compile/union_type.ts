// expect: union @ 9
// expect: union @ 14
// expect: may be null or undefined @ 15
import { i32, print } from "stmc";

class A {}
class B {}

function f(x: i32 | boolean): i32 {
  return 1;
}

export function main(): void {
  let ab: A | B = new A();
  let u: i32 | null = 3;
  print(f(1));
}
