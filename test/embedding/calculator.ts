// Exported functions of every value type, called from JavaScript (test/embedding.test.ts).
import { i32, i64, f64, print, transaction } from "stmc";

let counter: i32 = 0;

function increment(): void {
  counter++;
}

export function add(a: i32, b: i32): i32 {
  return a + b;
}

export function triple(a: i64): i64 {
  return a * 3;
}

export function half(x: f64): f64 {
  return x / 2;
}

export function negate(b: boolean): boolean {
  return !b;
}

/** Runs n tasks on the app's threads; the count lives on between calls. */
export function bump(n: i32): void {
  for (let i = 0; i < n; i++) transaction.add(increment);
  transaction.run();
  print("counter", counter);
}

export function count(): i32 {
  return counter;
}

export function element(i: i32): i32 {
  const values = [10, 20, 30];
  return values[i];
}

export function spin(): i32 {
  let x = 0;
  while (x >= 0) x = (x + 1) % 1000;
  return x;
}

export function main(): i32 {
  print("main ran");
  return 3;
}
