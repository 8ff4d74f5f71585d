// Primes: counts and sums the primes of two ranges with the Miller-Rabin test, deterministic for
// n < 2^32 with the bases 2, 7 and 61, in i64 arithmetic whose modular products cannot overflow
// (one factor is split in 16-bit halves, so no intermediate exceeds 2^49). The ranges are
// [2, LOW_END) and [HIGH_START, HIGH_START + span) just below 2^32, cut into chunks of CHUNK
// numbers; every chunk is one task that counts into locals and writes its count and sum once,
// into a slot of its own (8-byte slots: tasks never conflict). Checks: the low range against a
// sieve of Eratosthenes, the high range against a segmented sieve, chunk by chunk.
// PyPy-STM's evaluation set has a prime-search benchmark of this shape (ranges as transactions).
import { i32, i64, bool, print, transaction } from "stmc";

const CHUNK = 2000;
const HIGH_START: i64 = 4000000000;

/**
 * a * b mod n, for 0 <= a, b < n < 2^32: b in 16-bit halves keeps every product below 2^49,
 * so the V8 baseline (the reference with checks off, i64 as plain JavaScript numbers) computes
 * the same; / and % rather than shifts and masks, which are 32-bit on JavaScript numbers.
 */
function mulmod(a: i64, b: i64, n: i64): i64 {
  const high = (a * i64(b / 65536)) % n;
  return (high * 65536 + a * (b % 65536)) % n;
}

function powmod(base: i64, exponent: i64, n: i64): i64 {
  let result: i64 = 1;
  let b = base % n;
  let e = exponent;
  while (e > 0) {
    if (e % 2 !== 0) result = mulmod(result, b, n);
    b = mulmod(b, b, n);
    e = i64(e / 2);
  }
  return result;
}

/** One Miller-Rabin round: false if `a` witnesses that n (odd, n - 1 = d * 2^s) is composite. */
function passes(a: i64, d: i64, s: i32, n: i64): bool {
  let x = powmod(a, d, n);
  if (x === 1 || x === n - 1) return true;
  for (let r = 1; r < s; r++) {
    x = mulmod(x, x, n);
    if (x === n - 1) return true;
  }
  return false;
}

export function isPrime(n: i64): bool {
  if (n < 2) return false;
  // Trial division by 2 and the odd numbers up to 61 (computed, not read from a shared array:
  // no barrier and no read-set entry per division).
  if (n % 2 === 0) return n === 2;
  for (let p = 3; p <= 61; p += 2) {
    if (n % p === 0) return n === i64(p);
  }
  let d = n - 1;
  let s = 0;
  while (d % 2 === 0) {
    d = i64(d / 2);
    s++;
  }
  return passes(2, d, s, n) && passes(7, d, s, n) && passes(61, d, s, n);
}

/** Results per chunk: counts[c] and sums[c] (i64, one 8-byte stripe each). */
let counts: i64[] = [];
let sums: i64[] = [];

/** Task: the primes of [start, start + length), published into slot `slot`. */
function searchChunk(slot: i32, start: i64, length: i32): void {
  let count: i64 = 0;
  let sum: i64 = 0;
  for (let k = 0; k < length; k++) {
    const n = start + k;
    if (isPrime(n)) {
      count++;
      sum += n;
    }
  }
  counts[slot] = count;
  sums[slot] = sum;
}

/** The primes below `limit` by the sieve of Eratosthenes. */
function sieve(limit: i32): bool[] {
  const composite = new Array<bool>(limit).fill(false);
  composite[0] = true;
  if (limit > 1) composite[1] = true;
  for (let i = 2; i * i < limit; i++) {
    if (composite[i]) continue;
    for (let j = i * i; j < limit; j += i) composite[j] = true;
  }
  return composite;
}

/** Count and sum of the primes in [start, start + length) by a segmented sieve (start >= 2). */
function sieveSegment(start: i64, length: i32, base: bool[], out: i64[]): void {
  const composite = new Array<bool>(length).fill(false);
  for (let p = 2; p < base.length; p++) {
    if (base[p]) continue;
    const pp = i64(p);
    if (pp * pp >= start + length) break;
    let m = i64((start + pp - 1) / pp) * pp;
    if (m < pp * pp) m = pp * pp;
    while (m < start + length) {
      composite[i32(m - start)] = true;
      m += pp;
    }
  }
  let count: i64 = 0;
  let sum: i64 = 0;
  for (let k = 0; k < length; k++) {
    if (!composite[k]) {
      count++;
      sum += start + k;
    }
  }
  out[0] = count;
  out[1] = sum;
}

export function run(size: i32): void {
  let lowEnd = 300000;
  let highSpan = 200000;
  if (size === 1) {
    lowEnd = 3000000;
    highSpan = 3000000;
  } else if (size >= 2) {
    lowEnd = 10000000;
    highSpan = 10000000;
  }
  const lowChunks = i32((lowEnd + CHUNK - 1) / CHUNK);
  const highChunks = i32((highSpan + CHUNK - 1) / CHUNK);
  counts = new Array<i64>(lowChunks + highChunks).fill(-1);
  sums = new Array<i64>(lowChunks + highChunks).fill(-1);
  // Interleave the two ranges, so that every thread gets both cheap and expensive chunks.
  for (let c = 0; c < Math.max(lowChunks, highChunks); c++) {
    if (c < highChunks) transaction.add(searchChunk, lowChunks + c, HIGH_START + i64(c) * CHUNK, Math.min(CHUNK, highSpan - c * CHUNK));
    if (c < lowChunks) transaction.add(searchChunk, c, i64(c) * CHUNK, Math.min(CHUNK, lowEnd - c * CHUNK));
  }
  transaction.run();

  // The low range, chunk by chunk, against the sieve.
  const composite = sieve(lowEnd);
  let lowCount: i64 = 0;
  let lowSum: i64 = 0;
  for (let c = 0; c < lowChunks; c++) {
    let count: i64 = 0;
    let sum: i64 = 0;
    const end = Math.min(lowEnd, (c + 1) * CHUNK);
    for (let n = c * CHUNK; n < end; n++) {
      if (!composite[n]) {
        count++;
        sum += n;
      }
    }
    if (counts[c] !== count || sums[c] !== sum) throw new Error("primes: a low chunk disagrees with the sieve");
    lowCount += count;
    lowSum += sum;
  }
  // The high range against a segmented sieve with the primes below 2^16 (HIGH_START + span < 2^32).
  const base = sieve(65536);
  const out: i64[] = [0, 0];
  let highCount: i64 = 0;
  let highSum: i64 = 0;
  for (let c = 0; c < highChunks; c++) {
    sieveSegment(HIGH_START + i64(c) * CHUNK, Math.min(CHUNK, highSpan - c * CHUNK), base, out);
    if (counts[lowChunks + c] !== out[0] || sums[lowChunks + c] !== out[1]) {
      throw new Error("primes: a high chunk disagrees with the segmented sieve");
    }
    highCount += out[0];
    highSum += out[1];
  }
  print("primes below", lowEnd, "count", lowCount, "sum", lowSum);
  print("primes in [", HIGH_START, ",", HIGH_START + i64(highSpan), ") count", highCount, "sum", highSum);
}

export function main(): void {
  run(0);
}
