// expect: undefinedFunction @ 6
// expect: random @ 7
import { print } from "stmc";

export function main(): void {
  print(undefinedFunction(1));
  print(Math.random());
}
