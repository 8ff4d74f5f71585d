// Labeled break and continue on for, while and do-while loops.
import { i32, print } from "stmc";

function findPair(target: i32): i32 {
  let found = -1;
  outer: for (let i = 1; i < 20; i++) {
    for (let j = i; j < 20; j++) {
      if (i * j === target) {
        found = i * 100 + j;
        break outer;
      }
    }
  }
  return found;
}

export function main(): void {
  print("pair", findPair(42), findPair(361), findPair(1000));
  let count = 0;
  rows: for (let r = 0; r < 6; r++) {
    for (let c = 0; c < 6; c++) {
      if (c > r) continue rows;
      count++;
    }
  }
  print("lower triangle", count);
  let primes = 0;
  let n = 2;
  candidates: while (n < 100) {
    n++;
    let d = 2;
    while (d * d <= n - 1) {
      if ((n - 1) % d === 0) continue candidates;
      d++;
    }
    primes++;
  }
  print("primes below 100", primes);
  let total = 0;
  let a = 0;
  loop: do {
    a++;
    let b = 0;
    while (true) {
      b++;
      if (b > a) continue loop;
      if (a * b > 30) break loop;
      total += a * b;
    }
  } while (a < 100);
  print("do-while labels", total, a);
  let inner = 0;
  outer: for (let i = 0; i < 3; i++) {
    middle: for (let j = 0; j < 3; j++) {
      for (let k = 0; k < 3; k++) {
        if (k === 1) continue middle;
        if (j === 2) continue outer;
        inner++;
      }
    }
  }
  print("three levels", inner);
}
