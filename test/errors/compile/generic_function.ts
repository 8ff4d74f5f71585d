// expect: generic @ 5
// expect: generic @ 9
import { i32, print } from "stmc";

function identity<T>(x: T): T {
  return x;
}

class Box<T> {
  value: T;
  constructor(value: T) {
    this.value = value;
  }
}

export function main(): void {
  const n: i32 = identity(3);
  print(n, new Box<i32>(1).value);
}
