// The conditional operator and operator precedence.
import { i32, f64, print } from "stmc";

function sign(x: i32): i32 {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

function clamp(x: f64, lo: f64, hi: f64): f64 {
  return x < lo ? lo : x > hi ? hi : x;
}

export function main(): void {
  print("sign", sign(-9), sign(0), sign(4));
  print("clamp", clamp(-1.5, 0, 1), clamp(0.5, 0, 1), clamp(3, 0, 1));
  let a = 6;
  let b = 4;
  const bigger = a > b ? a : b;
  const label = a % 2 === 0 ? 10 : 20;
  print("choices", bigger, label, (a > b ? a - b : b - a) * 10);
  const half: f64 = a > 5 ? 0.5 : 1;
  print("typed by context", half);
  print("precedence", 1 + 2 * 3 - 4 / 2, (1 + 2) * (3 - 4), 7 - 2 - 1, 2 * 3 % 4, -3 * -3);
  print("comparison chain", 1 < 2 === true, 3 + 4 > 6, a > b && b > 0 || a < 0);
  print("bitwise precedence", 1 | 2 & 3, (1 | 2) & 3, 1 ^ 3 | 4, 1 << 2 + 1, (1 << 2) + 1, 8 >> 1 >> 1);
  print("logical precedence", true || false && false, (true || false) && false, !false && true);
  const flag = a > b;
  const n: i32 = flag ? (b > 3 ? 1 : 2) : 3;
  print("nested", n);
  print("unary", -(-a), -a + b, ~a & 0xf, !(a === b));
}
