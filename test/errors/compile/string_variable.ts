// expect: string @ 7
// expect: string @ 12
// expect: string @ 13
// expect: string @ 15
import { i32, print } from "stmc";

function greet(name: string): void {
  print("hello", name);
}

export function main(): void {
  const s = "hello";
  let t: string = "x";
  greet("bob");
  print("a" + "b");
}
