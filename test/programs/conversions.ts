// Conversions: i32(), i64(), f64() explicit; i32 -> i64 / f64 implicit widening.
import { i32, i64, f64, print } from "stmc";

function takesF64(x: f64): f64 {
  return x * 2;
}

function takesI64(x: i64): i64 {
  return x * 3;
}

function toIndex(x: f64): i32 {
  return i32(x);
}

export function main(): void {
  print("trunc", i32(3.99), i32(-3.99), i32(0.5), i32(-0.5), i32(2147483647.9), i32(-2147483648.9));
  const big: i64 = 5000000000;
  print("i64 -> i32", i32(big - 4000000000), i32(big / 1000));
  print("f64 -> i64", i64(12345678901.75), i64(-98765.4321), i64(1e15));
  print("i32 -> f64", f64(7) / 2, f64(-3));
  print("i64 -> f64", f64(big) / 3);
  print("implicit to f64", takesF64(21), takesF64(0.25));
  print("implicit to i64", takesI64(1000000000), takesI64(big));
  const i: i32 = 10;
  const wideI: i64 = i;
  const wideF: f64 = i;
  print("widened", wideI, wideF);
  print("int division", i32(17 / 5), i32(-17 / 5), i64(big / 7), i32(i / 3));
  const values: f64[] = [0.1, 1.9, 2.5, -2.5, 99.999];
  let s = 0;
  for (const v of values) {
    s += toIndex(v * 10);
  }
  print("sum of truncations", s);
  print("f64 identity", f64(0.1 + 0.2));
  const half = f64(1) / 2;
  print("half", half, i32(half * 10));
}
