// Top-level functions: parameters, returns, void functions, recursion, mutual recursion.
import { i32, i64, f64, bool, print } from "stmc";

function fib(n: i32): i32 {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function fibIter(n: i32): i64 {
  let a: i64 = 0;
  let b: i64 = 1;
  for (let i = 0; i < n; i++) {
    const t = a + b;
    a = b;
    b = t;
  }
  return a;
}

function ackermann(m: i32, n: i32): i32 {
  if (m === 0) return n + 1;
  if (n === 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

function isEven(n: i32): bool {
  return n === 0 ? true : isOdd(n - 1);
}

function isOdd(n: i32): bool {
  return n === 0 ? false : isEven(n - 1);
}

function gcd(a: i32, b: i32): i32 {
  return b === 0 ? a : gcd(b, a % b);
}

function hanoi(n: i32, from: i32, to: i32, via: i32): i32 {
  if (n === 0) return 0;
  return hanoi(n - 1, from, via, to) + 1 + hanoi(n - 1, via, to, from);
}

function power(base: f64, exp: i32): f64 {
  if (exp === 0) return 1;
  const half = power(base, i32(exp / 2));
  return exp % 2 === 0 ? half * half : half * half * base;
}

let log = 0;

function record(x: i32): void {
  if (x < 0) {
    return;
  }
  log = log * 10 + x;
}

function many(a: i32, b: i64, c: f64, d: bool, e: i32, f: i32, g: i32, h: i32): f64 {
  return d ? a + c + e * f - g * h : f64(b);
}

function depth(n: i32): i32 {
  return n === 0 ? 0 : 1 + depth(n - 1);
}

export function main(): void {
  print("fib", fib(0), fib(1), fib(10), fib(20));
  print("fibIter", fibIter(50), fibIter(70));
  print("ackermann", ackermann(2, 3), ackermann(3, 3));
  print("parity", isEven(10), isOdd(10), isEven(7), isOdd(7));
  print("gcd", gcd(1071, 462), gcd(17, 5), gcd(0, 9));
  print("hanoi", hanoi(10, 1, 3, 2));
  print("power", power(2, 10), power(1.5, 3), power(10, 0));
  record(1);
  record(-1);
  record(2);
  record(3);
  print("log", log);
  print("many", many(1, 2, 0.5, true, 3, 4, 5, 6), many(1, 2, 0.5, false, 3, 4, 5, 6));
  print("depth", depth(1000));
  print("call in args", gcd(fib(12), fib(9)), fib(gcd(30, 12)));
}
