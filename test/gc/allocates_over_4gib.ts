// Allocates about 4.6 GiB in total (70 000 arrays of 64 KiB), keeping almost none of it.
import { i32, print } from "stmc";
export function main(): void {
  let sum: i32 = 0;
  for (let i = 0; i < 70000; i++) {
    const a = new Array<i32>(16384).fill(i);
    sum += a[i & 16383] & 1;
  }
  print(sum);
}
