// expect: index 7 out of range @ 9
import { i32, print } from "stmc";

export function main(): void {
  const word = "stmc";
  let n: i32 = 0;
  for (let i = 0; i < 3; i++) n += word.length;
  print(word[1]);
  print(word[n - 5]);
}
