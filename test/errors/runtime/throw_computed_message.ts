// expect: bad value 42 in slot 3 @ 9
import { i32, print } from "stmc";

function check(values: i32[]): void {
  for (let i = 0; i < values.length; i++) {
    if (values[i] > 40) {
      const where = `slot ${i}`;
      print("checking", where);
      throw new Error(`bad value ${values[i]} in ${where}`);
    }
  }
}

export function main(): void {
  check([1, 2, 3, 42, 5]);
}
