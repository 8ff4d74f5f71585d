// Literals, with the edge values of each type. A literal is typed by its context (the other
// operand, the declared type): an i64 literal is written bare only where the compiler will type
// it i64, elsewhere as i64(...).
import type { GenOptions } from "../options.js";
import { type Choice, index } from "./recipe.js";
import { BOOL, F64, type FnInfo, I32, I64, type Ty } from "./model.js";

/** A generated expression. */
export interface Ex {
  t: string;
  ty: Ty;
  /** A numeric literal (possibly negated): the compiler types it by its context. */
  lit?: boolean;
  /** A reference TypeScript narrows (a variable or a property chain). */
  ref?: boolean;
  /** Evaluating it has no effect and reads nothing an effect could change in between. */
  pure: boolean;
  cost: number;
  /** An f64 division of two integers: inside i32()/i64() the compiler makes it an integer division. */
  intDiv?: boolean;
  /** A string literal (TypeScript gives it a literal type: never compared with ===). */
  strLit?: boolean;
  /** A function value: what it is known to be (the requirement it was written under when absent). */
  fn?: FnInfo;
}

const I32_EDGES = [0, 1, -1, 2, 3, 7, 10, 100, 255, 256, 1000, 65535, 65536, 46341, 2147483647, -2147483648, -2147483647, 1073741824, 12345678];
const I64_SMALL = ["0", "1", "-1", "2147483648", "-2147483649", "4294967296", "1000000000000", "9007199254740991", "-9007199254740991", "1099511627775", "123456789012"];
const I64_LARGE = ["9007199254740993", "4611686018427387904", "9223372036854775807", "-9223372036854775808", "-9223372036854775807", "1152921504606846977", "18014398509481985"];
const F64_EDGES = [0, -0, 0.5, 1.5, -2.5, 0.1, 0.2, 0.3, 1e21, 1e-7, 123456789.125, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 4294967296.5, 9007199254740993, 1 / 3, 2147483647.5, -2147483648.9, 1e300, 100, 3];

export function i32Literal(c: Choice): Ex {
  const r = index(c, 3, 1);
  const v = r === 0 ? I32_EDGES[index(c, I32_EDGES.length)] : r === 1 ? (c.q % 1000) : c.q | 0;
  return num(String(v), I32);
}

export function i64Literal(c: Choice, opts: GenOptions, hint: Ty | undefined): Ex {
  const table = opts.i64Large ? [...I64_SMALL, ...I64_LARGE] : I64_SMALL;
  const r = index(c, 3, 1);
  let text: string;
  if (r === 0) text = table[index(c, table.length)];
  else if (r === 1) text = String(c.q % 100000);
  else text = opts.i64Large ? String(BigInt(c.q) * 4294967296n + BigInt(c.q >>> 7)) : String(BigInt(c.q) * 1024n + 7n);
  if (hint?.k === "i64") return num(text, I64);
  // Outside an i64 context a bare literal would be an i32 (or not fit): convert explicitly.
  return { t: `i64(${text.startsWith("-") ? `(${text})` : text})`, ty: I64, pure: true, cost: 1 };
}

export function f64Literal(c: Choice, hint: Ty | undefined): Ex {
  const r = index(c, 4, 1);
  let v: number;
  if (r <= 1) v = F64_EDGES[index(c, F64_EDGES.length)];
  else if (r === 2) v = c.q / 1024;
  else v = (c.q * 1.000001) / [1, 7, 1e-300, 1e300, 3e10][index(c, 5, 2)];
  if (index(c, 16, 3) === 0) return { t: "(0.0 / 0.0)", ty: F64, pure: true, cost: 1 };
  if (index(c, 16, 3) === 1) return { t: v < 0 ? "(-1.0 / 0.0)" : "(1.0 / 0.0)", ty: F64, pure: true, cost: 1 };
  if (!Number.isFinite(v)) v = 0.25;
  // An integer written without a point is an f64 only where the context wants one.
  const bare = hint?.k === "f64" && Number.isInteger(v) && Math.abs(v) < 2 ** 31 && !Object.is(v, -0) && index(c, 2, 4) === 0;
  return num(bare ? String(v) : f64Text(v), F64);
}

export function f64Text(v: number): string {
  const s = String(Math.abs(v));
  const body = /[.eE]/.test(s) ? s : `${s}.0`;
  return v < 0 || Object.is(v, -0) ? `-${body}` : body;
}

export function boolLiteral(c: Choice): Ex {
  return { t: index(c, 2) === 0 ? "true" : "false", ty: BOOL, pure: true, cost: 1 };
}

function num(text: string, ty: Ty): Ex {
  return { t: text.startsWith("-") ? `(${text})` : text, ty, lit: true, pure: true, cost: 1 };
}

/** A plain default value of a primitive type (the other branch of a guard). */
export function zero(ty: Ty): string {
  switch (ty.k) {
    case "i32":
      return "0";
    case "i64":
      return "0";
    case "f64":
      return "0.0";
    case "bool":
      return "false";
    case "str":
      return '""';
    default:
      throw new Error(`no zero of ${ty.k}`);
  }
}

/** Strings for print labels and Error messages, some with escapes and non-ASCII text. */
const STRINGS = ["a", "b", "x =", "", "é ü", "tab\\there", "q\\\"uote", "line\\nbreak", "∑ ✓ 🙂", "back\\\\slash", "  spaced  "];

export function stringLiteral(c: Choice, n: number): string {
  const i = index(c, STRINGS.length + 4, 5);
  return i < STRINGS.length ? `"${STRINGS[i]}"` : `"s${n}"`;
}
