// expect: switch @ 6
import { f64, print } from "stmc";

export function main(): void {
  const x: f64 = 1.5;
  switch (x) {
    case 1.5:
      print("one and a half");
      break;
  }
}
