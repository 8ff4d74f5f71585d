// i64: declared types, implicit i32 -> i64 widening, large values, i64(a / b), remainder.
import { i32, i64, print } from "stmc";

function factorial(n: i32): i64 {
  let r: i64 = 1;
  for (let i = 2; i <= n; i++) {
    r = r * i;
  }
  return r;
}

function widen(x: i32): i64 {
  return x;
}

function sumTo(n: i64): i64 {
  let s: i64 = 0;
  let i: i64 = 1;
  while (i <= n) {
    s += i;
    i++;
  }
  return s;
}

export function main(): void {
  const tera: i64 = 1099511627776;
  print("tera", tera, tera * 1024, tera + 1, tera - 1, -tera);
  const small: i32 = 123456;
  const wide: i64 = small;
  print("widened", wide, wide * wide, widen(-7) * 1000000000);
  for (let n = 10; n <= 18; n += 4) {
    print("factorial", n, factorial(n));
  }
  const big: i64 = 9000000000000;
  const seven: i64 = 7;
  print("div", i64(big / seven), "rem", big % seven, "neg div", i64(-big / seven), "neg rem", -big % seven);
  print("sum to 100000", sumTo(100000));
  let c: i64 = 3000000000;
  c -= 1;
  c *= 2;
  c += small;
  print("compound", c, c > tera, c < tera, c === 6000123454, c !== 0);
  let counter: i64 = 4294967295;
  counter++;
  print("past 2^32", counter);
  counter--;
  counter--;
  print("back", counter);
  const mixed: i64 = small + tera;
  print("mixed", mixed);
}
