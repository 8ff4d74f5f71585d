// Floating-point operations wasm has no instruction for.
import { i32, i64, f64 } from "stmc";
import { f64_from_bits, f64_to_bits, address_of, atomic_add_i32, atomic_store_i32 } from "stmc:low";

const ABS_BITS: i64 = 0x7fffffffffffffff;
const INFINITY_BITS: i64 = 0x7ff0000000000000;
const FRACTION_BITS: i64 = 0x000fffffffffffff;
const IMPLICIT_ONE: i64 = 0x0010000000000000;

/**
 * `x % y` on f64 as JavaScript computes it (C's fmod): the exact remainder, with x's sign. The
 * shortcut x - trunc(x / y) * y is wrong when x / y rounds to the next integer, for large
 * quotients, and for y = ±Infinity, so this divides the significands bit by bit.
 */
export function f64_rem(x: f64, y: f64): f64 {
  const xBits = f64_to_bits(x);
  const xAbs = xBits & ABS_BITS;
  const yAbs = f64_to_bits(y) & ABS_BITS;
  if (xAbs >= INFINITY_BITS || yAbs > INFINITY_BITS || yAbs === 0) return (x * y) / (x * y); // NaN
  if (xAbs < yAbs) return x;
  if (xAbs === yAbs) return x * 0.0;
  let xExponent = exponent(xAbs);
  let yExponent = exponent(yAbs);
  let xSignificand = significand(xAbs);
  let ySignificand = significand(yAbs);
  // Normalise (subnormals) so both significands have bit 52 set: then x < 2y before each step.
  while (xSignificand < IMPLICIT_ONE) { xSignificand = xSignificand << 1; xExponent--; }
  while (ySignificand < IMPLICIT_ONE) { ySignificand = ySignificand << 1; yExponent--; }
  while (xExponent > yExponent) {
    if (xSignificand >= ySignificand) xSignificand = xSignificand - ySignificand;
    xSignificand = xSignificand << 1;
    xExponent--;
  }
  if (xSignificand >= ySignificand) xSignificand = xSignificand - ySignificand;
  if (xSignificand === 0) return x * 0.0;
  while (xSignificand < IMPLICIT_ONE) { xSignificand = xSignificand << 1; xExponent--; }
  // The remainder is exact, so a subnormal result only shifts out zero bits.
  const bits = xExponent > 0 ? (xSignificand - IMPLICIT_ONE) | (i64(xExponent) << 52) : xSignificand >>> (1 - xExponent);
  return f64_from_bits(bits | (xBits & ~ABS_BITS));
}

/** The biased exponent of a finite non-negative f64's bits; subnormals count as exponent 1. */
function exponent(abs: i64): i32 {
  const e = i32(abs >>> 52);
  return e === 0 ? 1 : e;
}

/** The significand with its implicit leading one (none for subnormals). */
function significand(abs: i64): i64 {
  return abs >>> 52 === 0 ? abs : (abs & FRACTION_BITS) | IMPLICIT_ONE;
}

// Math.random: mulberry32 (one 32-bit state, advanced by a constant), two outputs per double
// (27 + 26 bits). The reference run (runtime/reference/checks.ts) has the same generator, and
// the host seeds both alike (--seed), so a program's random numbers are the reference's. The
// state advances with one atomic add: threads never draw the same number (the order of draws
// across threads is the schedule's).
const RANDOM_STEP: i32 = 1831565813;
let randomState: i32 = 0;

export function random_seed(seed: i32): void {
  atomic_store_i32(address_of(randomState), seed);
}

function random_next(): i32 {
  const a = atomic_add_i32(address_of(randomState), RANDOM_STEP) + RANDOM_STEP;
  let t = (a ^ (a >>> 15)) * (1 | a);
  t = (t + (t ^ (t >>> 7)) * (61 | t)) ^ t;
  return t ^ (t >>> 14);
}

/** A double in [0, 1) with 53 random bits. */
export function math_random(): f64 {
  const high = random_next() >>> 5;
  const low = random_next() >>> 6;
  return (f64(high) * 67108864 + f64(low)) / 9007199254740992;
}
