// Floating-point operations wasm has no instruction for.
import { i32, i64, f64 } from "stmc";
import { f64_from_bits, f64_to_bits } from "stmc:low";

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
