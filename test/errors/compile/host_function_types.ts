// expect: host functions take and return only numbers and booleans @ 9
// expect: host functions take and return only numbers and booleans @ 10
// expect: a host function is a plain function @ 11
import { i32, print } from "stmc";

class Node {
  value: i32 = 0;
}
declare function inspect(node: Node): void;
declare function make(): Node;
declare function pick<T>(x: i32): i32;

export function main(): void {
  print(1);
}
