// Type aliases, numeric and string enums, **, the Math functions the host computes, Number's constants and tests.
import { i32, i64, f64, print } from "stmc";

type Vec = f64[];
type Op = (a: f64, b: f64) => f64;
enum Color { Red, Green = 5, Blue }
const enum Dir { Up = 1, Down = -1 }
enum Name { A = "alpha", B = "beta" }

function paint(c: Color): string {
  switch (c) {
    case Color.Red: return "red";
    case Color.Green: return "green";
    default: return "other";
  }
}

export function main(): void {
  const v: Vec = [1, 2, 3];
  const add: Op = (a, b) => a + b;
  print(v.reduce(add, 0), paint(Color.Green), paint(Color.Blue), Color.Blue, Dir.Down, Name.B);
  print(2 ** 10, 2 ** 0.5, (-8) ** (1 / 3), Math.pow(3, 4), Math.round(2.5), Math.round(-2.5), Math.round(-0.4));
  print(Math.log(10), Math.exp(1), Math.sin(1), Math.cos(2), Math.atan2(1, 2), Math.hypot(3, 4), Math.sign(-3), Math.sign(0), Math.cbrt(27), Math.log2(8));
  let x = 3.0;
  x **= 2;
  print(x, Number.MAX_SAFE_INTEGER, Number.EPSILON, Number.isInteger(5.5), Number.isInteger(6), Number.isNaN(0 / 0), isFinite(1 / 0), Number.isSafeInteger(2 ** 53), Math.SQRT2);
  const k: i32 = 7;
  print(Number.isInteger(k), Number.parseFloat("1.5e3"));
}
