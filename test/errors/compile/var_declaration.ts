// expect: var @ 5
import { print } from "stmc";

export function main(): void {
  var x = 1;
  print(x);
}
