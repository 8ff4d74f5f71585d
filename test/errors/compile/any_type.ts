// expect: any @ 5
// expect: any @ 10
import { print } from "stmc";

function show(x: any): void {
  print(x);
}

export function main(): void {
  let v: any = 5;
  show(v);
}
