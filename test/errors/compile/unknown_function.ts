// expect: undefinedFunction @ 6
// expect: imul @ 7
import { print } from "stmc";

export function main(): void {
  print(undefinedFunction(1));
  print(Math.imul(3, 4));
}
