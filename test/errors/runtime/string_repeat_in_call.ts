// expect: Invalid count value: -1 @ 8
import { i32, print } from "stmc";

const count: i32 = -1;

function shout(word: string): string {
  // string_repeat fails inside the runtime: located at this call, not at a declaration.
  return word.repeat(count);
}

export function main(): void {
  print(shout("ab"));
}
