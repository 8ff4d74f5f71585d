// What the program generator may use. The feature switches cover the places where a naive
// reference (plain JavaScript numbers) would differ from compiled code; the reference run is exact
// there (docs/design.md), so they default to on. Turn one off to look for other bugs while a
// failure it covers is being fixed.

export interface GenOptions {
  /** i32 `+ - *`, negation, `++`, compound assignment and Math.abs without normalising the result (they wrap). */
  i32Overflow: boolean;
  /** i64 values beyond 2^53 (literals, products, conversions): exact BigInt arithmetic in the reference. */
  i64Large: boolean;
  /** Bitwise operators and shifts on i64 (64-bit in the reference too). */
  i64Bits: boolean;
  /** Integer division and remainder whose divisor may be 0 (a located runtime error). */
  divZero: boolean;
  /** `new Array<T>(n)` with an n that may be negative (stmc's located runtime error). */
  badArrayLength: boolean;
  /** Program size: "small" for the npm test sample, "medium" for `npm run fuzz`. */
  size: "small" | "medium";
}

export const DEFAULT_GEN_OPTIONS: GenOptions = { i32Overflow: true, i64Large: true, i64Bits: true, divZero: true, badArrayLength: true, size: "medium" };

export const FEATURE_SWITCHES = ["i32Overflow", "i64Large", "i64Bits", "divZero", "badArrayLength"] as const;
export type FeatureSwitch = (typeof FEATURE_SWITCHES)[number];

/** The command-line flag that turns each switch off. */
export const SWITCH_FLAGS: Record<FeatureSwitch, string> = {
  i32Overflow: "no-i32-overflow",
  i64Large: "no-i64-large",
  i64Bits: "no-i64-bits",
  divZero: "no-div-zero",
  badArrayLength: "no-bad-array-length",
};
