// expect: each iteration has its own 'i' @ 8
import { i32, print } from "stmc";

export function main(): void {
  const fs: (() => i32)[] = [];
  for (let i = 0; i < 4; i++) {
    fs.push(() => i);
    i += 1;
  }
  print(fs.length);
}
