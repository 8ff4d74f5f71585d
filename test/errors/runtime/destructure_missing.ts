// expect: index 2 out of range @ 10
import { i32, print } from "stmc";

export function main(): void {
  const xs: i32[] = [1, 2, 3];
  const [a, , c] = xs;
  print(a, c);
  xs.pop();
  // The pattern reads element 2, which is gone: an error, where JavaScript would give undefined.
  const [d, , f] = xs;
  print(d, f);
}
