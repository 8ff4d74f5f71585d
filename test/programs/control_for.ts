// for loops in all shapes and for-of over arrays.
import { i32, f64, print } from "stmc";

export function main(): void {
  let s = 0;
  for (let i = 0; i < 10; i++) {
    s += i;
  }
  print("sum", s);
  let p = 1;
  for (let i = 10; i > 0; i -= 3) {
    p *= i;
  }
  print("product", p);
  let k = 0;
  for (; k < 5; ) {
    k += 2;
  }
  print("k", k);
  let n = 0;
  for (;;) {
    n++;
    if (n === 7) break;
  }
  print("n", n);
  let odd = 0;
  for (let i = 0; i < 20; i++) {
    if (i % 2 === 0) continue;
    odd += i;
  }
  print("odd", odd);
  let triangle = 0;
  for (let i = 1; i <= 10; i++) {
    for (let j = 1; j <= i; j++) {
      triangle++;
    }
  }
  print("triangle", triangle);
  const values: i32[] = [3, 1, 4, 1, 5, 9, 2, 6];
  let max = values[0];
  for (const v of values) {
    if (v > max) max = v;
  }
  print("max", max);
  const weights: f64[] = [0.5, 0.25, 0.125];
  let w: f64 = 0;
  for (const x of weights) w += x;
  print("weights", w);
  let pairs = 0;
  for (const a of values) {
    for (const b of values) {
      if (a < b) pairs++;
    }
  }
  print("pairs", pairs);
  const empty: i32[] = [];
  let visits = 0;
  for (const e of empty) visits += e;
  print("empty", visits);
  let stopAt = 0;
  for (const v of values) {
    if (v === 5) break;
    stopAt += v;
  }
  print("stop", stopAt);
  for (let i = 0, j = 10; i < j; i += 2) {
    j--;
    s += j;
  }
  print("two variables", s);
}
