// expect: optional parameter property 'x' of type i32: give it a default value @ 5
import { i32, print } from "stmc";

class Point {
  constructor(public x?: i32) {}
}

export function main(): void {
  print(new Point(3).x ?? 0);
}
