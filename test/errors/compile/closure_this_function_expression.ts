// expect: 'this' is not supported in function expressions @ 7
import { i32, print } from "stmc";

class Box {
  v: i32 = 1;
  getter(): () => i32 {
    return function (): i32 { return this.v; };
  }
}

export function main(): void {
  print(new Box().getter()());
}
