// Implicit conversions: the only ones stmc makes are lossless widenings (i32 -> i64, i32 -> f64),
// upcasts, `null` into a nullable type, and narrowing a nullable reference TypeScript has
// proven non-null (checked again at run time).
import ts from "../typescript.cjs";
import type { CheckContext, FunctionScope } from "./context.js";
import type { Expr } from "./ir.js";
import { recordConversion } from "./recorder.js";
import { adaptFunctionValue } from "./closures.js";
import { box, isOptionalBox } from "./optionals.js";
import { implementsInterface } from "./interfaces.js";
import { isNumeric, isReference, isSubclass, sameType, typeToString, withNullable, type Type } from "./types.js";

export interface Env {
  readonly ctx: CheckContext;
  readonly scope: FunctionScope;
}

/** `expr` converted to `target`, or null (after reporting) when no implicit conversion exists. */
export function coerce(env: Env, expr: Expr, target: Type, node: ts.Node): Expr | null {
  const converted = tryCoerce(expr, target);
  if (converted !== null) return recordConversion(node, converted);
  // A function value where its type takes more parameters: TypeScript's assignability.
  const adapted = target.kind === "class" && expr.type.kind === "class" ? adaptFunctionValue(env, expr, target, expr.loc) : null;
  if (adapted !== null) return adapted;
  env.ctx.error(node, conversionMessage(expr.type, target));
  return null;
}

export function tryCoerce(expr: Expr, target: Type): Expr | null {
  const source = expr.type;
  if (sameType(source, target)) return expr;
  // A number (or boolean) passed to, or stored in, an optional parameter: boxed (optionals.ts).
  if (isOptionalBox(target) && !isReference(source)) {
    const value = tryCoerce(expr, target.cls.optionalOf!);
    return value && box(value, target);
  }
  if (source.kind === "null") return isReference(target) && target.nullable ? { k: "null", type: target, loc: expr.loc } : null;
  if (source.kind === "i32" && (target.kind === "i64" || target.kind === "f64")) return widen(expr, target);
  if (isReference(source) && isReference(target) && referenceAssignable(source, target)) {
    const base = withNullable(source, target.nullable);
    const value: Expr = source.nullable && !target.nullable ? { k: "nonnull", type: base, loc: expr.loc, value: expr } : expr;
    return sameType(value.type, target) ? value : retype(value, target);
  }
  return null;
}

/** Same value, seen at another (compatible) reference type. */
function retype(expr: Expr, type: Type): Expr {
  return { k: "seq", type, loc: expr.loc, effects: [], value: expr } as Expr;
}

function referenceAssignable(source: Type, target: Type): boolean {
  if (source.kind === "class" && target.kind === "class" && target.cls.isInterface) return implementsInterface(source.cls, target.cls);
  if (source.kind === "class" && target.kind === "class") return isSubclass(source.cls, target.cls);
  if (source.kind === "array" && target.kind === "array") return sameType(source.element, target.element);
  return source.kind === "string" && target.kind === "string";
}

export function widen(expr: Expr, target: Type): Expr {
  if (expr.k === "const" && typeof expr.value === "number") {
    return { k: "const", type: target, loc: expr.loc, value: target.kind === "i64" ? BigInt(expr.value) : expr.value };
  }
  return { k: "convert", type: target, loc: expr.loc, value: expr, checked: false };
}

function conversionMessage(source: Type, target: Type): string {
  const s = typeToString(source);
  const t = typeToString(target);
  if (isNumeric(source) && isNumeric(target)) {
    return `cannot convert ${s} to ${t} implicitly (only i32 -> i64 and i32 -> f64 are implicit): write ${target.kind}(...)`;
  }
  if (source.kind === "null") return `null is not a value of type ${t}: declare it '${t} | null'`;
  return `a value of type ${s} is not assignable to ${t}`;
}

/** The common type of two operands of arithmetic or comparison, or null if there is none. */
export function numericJoin(a: Type, b: Type): Type | null {
  if (sameType(a, b)) return isNumeric(a) ? a : null;
  if (a.kind === "i32" && (b.kind === "i64" || b.kind === "f64")) return b;
  if (b.kind === "i32" && (a.kind === "i64" || a.kind === "f64")) return a;
  return null;
}

/** The type of `c ? a : b`. */
export function joinTypes(a: Type, b: Type): Type | null {
  if (sameType(a, b)) return a;
  const numeric = numericJoin(a, b);
  if (numeric !== null) return numeric;
  if (a.kind === "null" && isReference(b)) return withNullable(b, true);
  if (b.kind === "null" && isReference(a)) return withNullable(a, true);
  if (isReference(a) && isReference(b)) {
    const nullable = a.nullable || b.nullable;
    if (referenceAssignable(a, b)) return withNullable(b, nullable);
    if (referenceAssignable(b, a)) return withNullable(a, nullable);
    if (a.kind === "class" && b.kind === "class") {
      for (let c = a.cls.base; c !== null; c = c.base) if (isSubclass(b.cls, c)) return { kind: "class", cls: c, nullable };
    }
  }
  return null;
}
