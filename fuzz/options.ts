// What the program generator may use. The four feature switches cover the places where the
// reference run is known to differ from compiled code today (docs/language.md); they default to
// on because the reference is being made exact, and can be turned off to hunt for other bugs.

export interface GenOptions {
  /** i32 `+ - *`, negation, `++`, compound assignment and Math.abs without normalising the result (wraps in wasm, not in the reference). */
  i32Overflow: boolean;
  /** i64 values beyond 2^53 (literals, products, conversions): exact in wasm, rounded in the reference. */
  i64Large: boolean;
  /** Bitwise operators and shifts on i64 (the reference computes them on 32 bits). */
  i64Bits: boolean;
  /** Integer division and remainder whose divisor may be 0 (a trap in wasm; NaN/Infinity in the reference). */
  divZero: boolean;
  /** `new Array<T>(n)` with an n that may be negative (the reference reports JavaScript's RangeError instead of stmc's message). */
  badArrayLength: boolean;
  /** `%` on f64 (compiled code computes a - trunc(a / b) * b, which is not fmod: see docs/fuzzing.md). */
  f64Rem: boolean;
  /** `throw new Error()` without a message (the reference prints "error: ", compiled code "error: Error"). */
  emptyError: boolean;
  /** Ill-formed programs with `declare const` (compiled code accepts it and reads 0). */
  ambientDeclare: boolean;
  /** Unannotated fields initialised with an integer-valued f64 literal (`a = 2.0` is typed i32 and rejected). */
  intFloatField: boolean;
  /** Program size: "small" for the npm test sample, "medium" for `npm run fuzz`. */
  size: "small" | "medium";
}

export const DEFAULT_GEN_OPTIONS: GenOptions = { i32Overflow: true, i64Large: true, i64Bits: true, divZero: true, badArrayLength: true, f64Rem: true, emptyError: true, ambientDeclare: true, intFloatField: true, size: "medium" };

export const FEATURE_SWITCHES = ["i32Overflow", "i64Large", "i64Bits", "divZero", "badArrayLength", "f64Rem", "emptyError", "ambientDeclare", "intFloatField"] as const;
export type FeatureSwitch = (typeof FEATURE_SWITCHES)[number];

/** The command-line flag that turns each switch off. */
export const SWITCH_FLAGS: Record<FeatureSwitch, string> = {
  i32Overflow: "no-i32-overflow",
  i64Large: "no-i64-large",
  i64Bits: "no-i64-bits",
  divZero: "no-div-zero",
  badArrayLength: "no-bad-array-length",
  f64Rem: "no-f64-rem",
  emptyError: "no-empty-error",
  ambientDeclare: "no-ambient-declare",
  intFloatField: "no-int-float-field",
};
