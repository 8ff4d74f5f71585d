// Function values stored where their type takes more parameters (or returns void): adapters, as TypeScript's assignability allows.
import { i32, print } from "stmc";

function applyAll(fs: ((x: i32, i: i32) => i32)[], v: i32): i32 {
  let sum = 0;
  for (let i = 0; i < fs.length; i++) sum += fs[i](v, i);
  return sum;
}

export function main(): void {
  const double = (x: i32): i32 => x * 2;
  const constant = (): i32 => 7;
  const fs: ((x: i32, i: i32) => i32)[] = [double, constant, (x, i) => x + i];
  print(applyAll(fs, 10));
  const each: (x: i32, i: i32) => void = double;
  each(1, 2);
  [1, 2, 3].forEach(double);
}
