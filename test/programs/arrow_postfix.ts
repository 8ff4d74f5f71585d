// An arrow whose expression body is a postfix ++/-- returns the old value (the reference once treated it as unused).
import { i32, i64, f64, print } from "stmc";

export function main(): void {
  const init: i64 = 0;
  const p2: f64[] = [1.5];
  print(p2.reduce((acc, x) => acc--, init));
  let n = 5;
  const post = (): i32 => n++;
  const pre = (): i32 => ++n;
  print(post(), pre(), n);
}
