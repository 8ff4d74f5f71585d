// expect: index -1 out of range @ 8
import { i32, print } from "stmc";

export function main(): void {
  const word = "stmc";
  const i: i32 = word.indexOf("x");
  print(word.charCodeAt(0));
  print(word.charCodeAt(i));
}
