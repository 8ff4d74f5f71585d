// Sieve of Eratosthenes with a bool array, plus prime factorisation.
import { i32, bool, print } from "stmc";

function sieve(n: i32): bool[] {
  const composite = new Array<bool>(n + 1).fill(false);
  composite[0] = true;
  composite[1] = true;
  for (let i = 2; i * i <= n; i++) {
    if (composite[i]) continue;
    for (let j = i * i; j <= n; j += i) composite[j] = true;
  }
  return composite;
}

function factor(n: i32): i32[] {
  const out: i32[] = [];
  let d = 2;
  while (d * d <= n) {
    while (n % d === 0) {
      out.push(d);
      n = i32(n / d);
    }
    d++;
  }
  if (n > 1) out.push(n);
  return out;
}

export function main(): void {
  const limit = 100000;
  const composite = sieve(limit);
  let count = 0;
  let last = 0;
  let sum = 0;
  for (let i = 0; i <= limit; i++) {
    if (!composite[i]) {
      count++;
      last = i;
      sum = (sum + i) % 1000000;
    }
  }
  print("primes", count, "largest", last, "sum mod 1e6", sum);
  let twins = 0;
  for (let i = 3; i + 2 <= limit; i += 2) if (!composite[i] && !composite[i + 2]) twins++;
  print("twin pairs", twins);
  const nums: i32[] = [360, 97, 1001, 65536, 999983, 2147483646];
  for (const n of nums) {
    const fs = factor(n);
    let product = 1;
    for (const f of fs) product *= f;
    print("factor", n, fs.length, fs[0], fs[fs.length - 1], product === n);
  }
}
