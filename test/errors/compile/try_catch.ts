// expect: try @ 5
import { print } from "stmc";

export function main(): void {
  try {
    print("inside");
  } catch (e) {
    print("caught");
  }
}
