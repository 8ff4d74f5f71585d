// Arithmetic written so that it means the same in the reference and in compiled code under the
// chosen options: with a feature switched off, results are normalised (`| 0`, `% 2^40`) or
// divisors kept away from 0 and -1, so only the switched-on differences can show.
import type { GenOptions } from "../options.js";
import type { Ex } from "./literals.js";
import { F64, I32, I64, join, type Ty } from "./model.js";

export type ArithOp = "+" | "-" | "*" | "/" | "%" | "&" | "|" | "^" | "<<" | ">>" | ">>>";

const I64_MOD = "1099511627776"; // 2^40: i64 operands are reduced below it when i64Large is off

/** A literal operand made a non-literal of the same type (so it is not typed by its context). */
export function deLit(e: Ex): Ex {
  if (!e.lit) return e;
  const fn = e.ty.k === "f64" ? "f64" : e.ty.k === "i64" ? "i64" : "i32";
  return { ...e, t: `${fn}(${e.t})`, lit: false, ref: false };
}

/** The compiler types a literal operand by the other operand: an i64 literal next to an i32 must not stay bare. */
export function fixLit(e: Ex, other: Ty): Ex {
  if (e.lit && e.ty.k === "i64" && other.k !== "i64") return deLit(e);
  // A bare integer meant as an f64 would become an i32 next to an i32.
  if (e.lit && e.ty.k === "f64" && other.k !== "f64" && !/[.eE]|\//.test(e.t)) return { ...e, t: e.t.replace(/(\d+)/, "$1.0") };
  return e;
}

function i64Norm(e: Ex, opts: GenOptions): string {
  if (opts.i64Large || e.ty.k !== "i64") return e.t;
  return `(${deLit(e).t} % ${I64_MOD})`;
}

/** A divisor that is never 0 or -1 (and keeps the sign `negative` picked). */
/**
 * After `<` or `<<`, TypeScript's parser may take what follows for a type argument list when it
 * holds a `<` (new Array<T>(...)); `(0 + ...)` keeps it an expression.
 */
export function guardLt(op: string, r: Ex): Ex {
  if ((op !== "<" && op !== "<<") || !r.t.includes("<")) return r;
  return { ...r, t: `(0 + ${r.t})`, lit: false };
}

export function safeDivisor(divisor: Ex, negative: boolean): string {
  const d = deLit(divisor);
  if (d.ty.k === "i64") return negative ? `(-257 - (${d.t} % 256))` : `((${d.t} % 256) + 257)`;
  return negative ? `(-2 - (${d.t} & 255))` : `((${d.t} & 255) + 1)`;
}

/** May this division or remainder keep its divisor raw? */
export function rawDivisorAllowed(opts: GenOptions, ty: Ty): boolean {
  return opts.divZero && (ty.k === "i64" ? opts.i64Large : opts.i32Overflow);
}

/**
 * `l op r` for operands already generated (literal operands fixed up by the caller). Returns null
 * when the operator does not apply to the operand types under the options.
 */
export function binary(op: ArithOp, l: Ex, r: Ex, opts: GenOptions, negativeDivisor: boolean, risky = false): Ex | null {
  const ty = join(l.ty, r.ty);
  if (ty === null) return null;
  const int = ty.k === "i32" || ty.k === "i64";
  const bitwise = op === "&" || op === "|" || op === "^" || op === "<<" || op === ">>" || op === ">>>";
  if (bitwise && !int) return null;
  if (bitwise && ty.k === "i64" && !opts.i64Bits) return null;
  const pure = l.pure && r.pure;
  const cost = l.cost + r.cost + 1;
  if (op === "/") {
    // On integers `/` is an f64 division (integer division is i32(a / b), made elsewhere).
    return { t: `(${l.t} / ${r.t})`, ty: F64, pure, cost, intDiv: int };
  }
  let rt = r.t;
  if (op === "%" && int && !(risky && rawDivisorAllowed(opts, ty))) rt = safeDivisor(r, negativeDivisor);
  if (ty.k === "i32") {
    if (op === ">>>") return { t: /^[1-9]$|^[12][0-9]$|^3[01]$/.test(r.t) ? `(${l.t} >>> ${r.t})` : `((${l.t} >>> ${r.t}) | 0)`, ty: I32, pure, cost };
    if (!opts.i32Overflow && (op === "+" || op === "-" || op === "%")) return { t: `((${l.t} ${op} ${rt}) | 0)`, ty: I32, pure, cost };
    if (!opts.i32Overflow && op === "*") return { t: `(((${deLit(l).t} & 65535) * ${rt}) | 0)`, ty: I32, pure, cost };
    return { t: `(${l.t} ${op} ${guardLt(op, { ...r, t: rt }).t})`, ty: I32, pure, cost };
  }
  if (ty.k === "i64" && !opts.i64Large) {
    const lt = i64Norm(l, opts);
    if (op === "+" || op === "-") return { t: `(${lt} ${op} ${i64Norm(r, opts)})`, ty: I64, pure, cost };
    if (op === "*") return { t: `((${lt} * (${deLit(r).t} % 4096)) + 0)`, ty: I64, pure, cost };
    if (op === "%") return { t: `((${lt} % ${rt}) + 0)`, ty: I64, pure, cost };
  }
  return { t: `(${l.t} ${op} ${guardLt(op, { ...r, t: rt }).t})`, ty, pure, cost };
}

/** `-x` (and `~x` on integers). */
export function negate(x: Ex, opts: GenOptions): Ex {
  const base = { ty: x.ty, pure: x.pure, cost: x.cost + 1 };
  if (x.ty.k === "i32" && !opts.i32Overflow) return { ...base, t: `(-${x.t} | 0)` };
  if (x.ty.k === "i64" && !opts.i64Large) return { ...base, t: `(0 - ${deLit(x).t})` };
  return { ...base, t: `(-${x.t})`, lit: x.lit };
}

/** The statement or expression `target op= value` (target is a variable, field or element text). */
export function compound(target: string, targetTy: Ty, op: ArithOp, value: Ex, opts: GenOptions, negativeDivisor: boolean, risky = false): string | null {
  const t: Ex = { t: target, ty: targetTy, pure: true, cost: 1 };
  if (op === "/" && targetTy.k !== "f64") return null;
  if (op === ">>>") return null; // x >>>= y leaves an unsigned value the i32 cannot hold in the reference
  const normalised = (targetTy.k === "i32" && !opts.i32Overflow && op !== "&" && op !== "|" && op !== "^" && op !== "<<" && op !== ">>") || (targetTy.k === "i64" && !opts.i64Large);
  if (normalised) {
    const b = binary(op, t, value, opts, negativeDivisor, risky);
    return b === null ? null : `${target} = ${b.t}`;
  }
  const b = binary(op, t, value, opts, negativeDivisor);
  if (b === null) return null;
  let v = value.t;
  if (op === "%" && targetTy.k !== "f64" && !(risky && rawDivisorAllowed(opts, targetTy))) v = safeDivisor(value, negativeDivisor);
  return `${target} ${op}= ${v}`;
}

export function opsFor(ty: Ty, opts: GenOptions): ArithOp[] {
  if (ty.k === "f64") return ["+", "-", "*", "/", "%"];
  if (ty.k === "i64") return opts.i64Bits ? ["+", "-", "*", "%", "&", "|", "^", "<<", ">>", ">>>"] : ["+", "-", "*", "%"];
  return ["+", "-", "*", "%", "&", "|", "^", "<<", ">>", ">>>"];
}

/** Operand types whose arithmetic yields `ty` (i32 widens to the other side). */
export function operandTypes(ty: Ty): [Ty, Ty][] {
  if (ty.k === "i32") return [[I32, I32]];
  if (ty.k === "i64") return [[I64, I64], [I64, I32], [I32, I64]];
  return [[F64, F64], [F64, I32], [I32, F64]];
}
