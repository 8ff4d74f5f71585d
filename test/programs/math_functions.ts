// Math.sqrt, floor, ceil, abs, min, max, trunc on f64; abs/min/max keep the i32 type.
import { i32, f64, print } from "stmc";

function manhattan(ax: i32, ay: i32, bx: i32, by: i32): i32 {
  return Math.abs(ax - bx) + Math.abs(ay - by);
}

function clampIndex(i: i32, n: i32): i32 {
  return Math.max(0, Math.min(i, n - 1));
}

export function main(): void {
  print("sqrt", Math.sqrt(16), Math.sqrt(2), Math.sqrt(0), Math.sqrt(1e10));
  print("floor", Math.floor(2.7), Math.floor(-2.7), Math.floor(3), Math.floor(-0.5));
  print("ceil", Math.ceil(2.1), Math.ceil(-2.1), Math.ceil(4));
  print("trunc", Math.trunc(2.9), Math.trunc(-2.9), Math.trunc(1e15 + 0.5));
  print("abs f64", Math.abs(-3.25), Math.abs(2.5));
  print("min max f64", Math.min(1.5, -2.5), Math.max(1.5, -2.5), Math.min(0.1, 0.2), Math.max(1e300, 1e301));
  const a: i32 = -7;
  const b: i32 = 12;
  const absA: i32 = Math.abs(a);
  const lo: i32 = Math.min(a, b);
  const hi: i32 = Math.max(a, b);
  print("i32", absA, lo, hi, Math.abs(a) * 3, i32(Math.max(a, b) / 5));
  print("manhattan", manhattan(1, 2, -3, 7), manhattan(0, 0, 0, 0));
  const arr: i32[] = [10, 20, 30];
  print("index", arr[clampIndex(-5, 3)], arr[clampIndex(1, 3)], arr[clampIndex(99, 3)]);
  const x: f64 = 7.5;
  const fl: i32 = i32(Math.floor(x));
  const ce: i32 = i32(Math.ceil(x));
  print("rounded to i32", fl, ce, i32(Math.trunc(-x)));
  let maxSeen: i32 = -1000;
  let minSeen: f64 = 1000;
  const ys: f64[] = [3.5, -1.25, 8, 0];
  for (const y of ys) {
    minSeen = Math.min(minSeen, y);
    maxSeen = Math.max(maxSeen, i32(y));
  }
  print("fold", minSeen, maxSeen);
  const dist = Math.sqrt(f64(manhattan(0, 0, 3, 4)));
  print("combined", dist, Math.floor(dist * 100) / 100);
}
