// Run-time checks and conversions that the compiled code makes and plain JavaScript does not.
// The runner rewrites user programs (insert-checks.ts) into code that calls these, so that the
// reference run fails where the compiled program fails, with the same message (runtime/abi.ts
// failMessage) at the same place: each call is positioned at the source expression whose
// location the compiled code reports. They are tiny and monomorphic so that V8 inlines them.

import { ARRAY_LENGTH_MESSAGE } from "../abi.js";

const MIN_I64 = -(2n ** 63n);

/** Checks `i` as an index into an array of `length` elements and returns it. */
export function __stmc_check(i: number, length: number): number {
  if ((i >>> 0) !== i || i >= length) throw new Error("index " + String(i) + " out of range");
  return i;
}

/** `const [a, , c] = xs`: the array, once every index the pattern reads (`used`) is in it. */
export function __stmc_destructure<T>(xs: T[], used: number[]): T[] {
  for (const i of used) if (i >= xs.length) throw new Error("index " + String(i) + " out of range");
  return xs;
}

/** `a[i] = v`: checks the index after `v` was evaluated and returns `v`. */
export function __stmc_checkStore<T>(v: T, i: number, length: number): T {
  if ((i >>> 0) !== i || i >= length) throw new Error("index " + String(i) + " out of range");
  return v;
}

/** `x!` (and any other use of a nullable reference that must not be null) where x is null. */
export function __stmc_null(): never {
  throw new Error("null dereference");
}

/** `a.pop()` on an array. */
export function __stmc_pop<T>(array: T[]): T {
  if (array.length === 0) throw new Error("pop() on an empty array");
  return array.pop()!;
}

/** `x as C` where C is a subclass of x's class: stmc checks it at run time. */
export function __stmc_cast<T>(value: T, cls: abstract new (...args: never[]) => unknown, message: string): T {
  if (value !== null && value !== undefined && !(value instanceof cls)) throw new Error(message);
  return value;
}

// Math.random: the generator of runtime/core/math.ts (mulberry32, 53 bits from two outputs).
let randomState = 0;

/** Seeds Math.random as the host seeds compiled programs (runtime/host/program.ts). */
export function __stmc_seedRandom(seed: number): void {
  randomState = seed | 0;
}

function randomNext(): number {
  randomState = (randomState + 1831565813) | 0;
  const a = randomState;
  let t = Math.imul(a ^ (a >>> 15), 1 | a);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return t ^ (t >>> 14);
}

export function __stmc_random(): number {
  const high = randomNext() >>> 5;
  const low = randomNext() >>> 6;
  return (high * 67108864 + low) / 9007199254740992;
}

/** `a.sort(compare)`: a comparator returning an i64 (BigInt) counts by its sign, as compiled code does. */
export function __stmc_sort<T>(array: T[], compare: (a: T, b: T) => number | bigint): T[] {
  return array.sort((a, b) => {
    const order = compare(a, b);
    return typeof order === "bigint" ? (order > 0n ? 1 : order < 0n ? -1 : 0) : order;
  });
}

/** `a.length = n`: shrinks (or keeps) the array; stmc refuses to grow one this way. */
export function __stmc_setLength<T>(array: T[], n: number): number {
  if (n > array.length || n < 0) throw new Error(ARRAY_LENGTH_MESSAGE);
  array.length = n;
  return n;
}

/** `s.charCodeAt(i)`: an i32, and outside the string an error (JavaScript gives NaN). */
export function __stmc_charCodeAt(s: string, i: number): number {
  if ((i >>> 0) !== i || i >= s.length) throw new Error("index " + String(i) + " out of range");
  return s.charCodeAt(i);
}


/** The `n` of `new Array<T>(n)`, checked before the fill value is evaluated (as JavaScript does). */
export function __stmc_arrayLength(n: number): number {
  if (n < 0) throw new Error("invalid array length " + String(n));
  return n;
}

/** `new Array<T>(n).fill(v)`, n already checked. */
export function __stmc_newArray<T>(n: number, v: T): T[] {
  return new Array<T>(n).fill(v);
}

function divisionByZero(): never {
  throw new Error("integer division by zero");
}

/** The wasm trap of a signed division of the smallest integer by -1. */
function overflow(): never {
  throw new Error("integer overflow");
}

/** `i32(a / b)` on i32: the truncating division. */
export function __stmc_div32(a: number, b: number): number {
  if (b === 0) divisionByZero();
  if (b === -1 && a === -2147483648) overflow();
  return (a / b) | 0; // exact: a double quotient of int32s truncates to the integer quotient
}

/** `a % b` on i32: the truncating remainder (`| 0`: an i32 has no -0). */
export function __stmc_rem32(a: number, b: number): number {
  if (b === 0) divisionByZero();
  return (a % b) | 0;
}

/** `i64(a / b)` on i64. */
export function __stmc_div64(a: bigint, b: bigint): bigint {
  if (b === 0n) divisionByZero();
  if (b === -1n && a === MIN_I64) overflow();
  return a / b;
}

/** `a % b` on i64. */
export function __stmc_rem64(a: bigint, b: bigint): bigint {
  if (b === 0n) divisionByZero();
  return a % b;
}

/** `i32(x)` of an f64: truncates toward zero; NaN and values outside the i32 range fail. */
export function __stmc_f64ToI32(x: number): number {
  if (!(x > -2147483649 && x < 2147483648)) throw new Error("cannot convert " + String(x) + " to i32");
  return x | 0;
}

/** `i64(x)` of an f64. */
export function __stmc_f64ToI64(x: number): bigint {
  if (!(x >= -9223372036854775808 && x < 9223372036854775808)) throw new Error("cannot convert " + String(x) + " to i64");
  return BigInt(Math.trunc(x));
}

/** An i32 widened to i64, or undefined (an optional chain whose object was null) kept. */
export function __stmc_maybeI64(x: number | undefined): bigint | undefined {
  return x === undefined ? undefined : BigInt(x);
}

/** `i32(x)` of an i64: the failure names the value as an f64, as the compiled code's does. */

export function __stmc_i64ToI32(x: bigint): number {
  if (x < -2147483648n || x > 2147483647n) throw new Error("cannot convert " + String(Number(x)) + " to i32");
  return Number(x);
}

/** `Math.abs` of an i64 (the smallest i64 stays itself, as in wasm). */
export function __stmc_abs64(x: bigint): bigint {
  return x < 0n ? BigInt.asIntN(64, -x) : x;
}

/** `Math.min` of i64s. */
export function __stmc_min64(...xs: bigint[]): bigint {
  let m = xs[0];
  for (let i = 1; i < xs.length; i++) if (xs[i] < m) m = xs[i];
  return m;
}

/** `Math.max` of i64s. */
export function __stmc_max64(...xs: bigint[]): bigint {
  let m = xs[0];
  for (let i = 1; i < xs.length; i++) if (xs[i] > m) m = xs[i];
  return m;
}
