// print: every kind of value, several values per line, and an empty line.
import { i32, i64, f64, bool, print } from "stmc";

export function main(): void {
  print("hello, world");
  print();
  print("i32:", 0, 1, -1, 42, 2147483647, -2147483648);
  const big: i64 = 1099511627776;
  const negBig: i64 = -9007199254740991;
  print("i64:", big, negBig, big * 1000);
  const x: f64 = 0.1 + 0.2;
  print("f64:", x, 1.5, -2.25, 1e21, 1e-7, 123456789.125, 0.000001, 1.0);
  const flag: bool = true;
  const other: boolean = !flag;
  print("bool:", flag, other, 3 > 2, 3 < 2);
  const n: i32 = 7;
  const d: f64 = 7;
  print("mixed", n, d, flag, "end");
  print("", "two spaces between quotes");
}
