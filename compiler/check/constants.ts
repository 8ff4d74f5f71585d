// Constant folding of module-level `const` initialisers: a constant made of literals and other
// constants (e.g. `const MASK = A | B`) is known at compile time and never read from memory.
import type { ConstExpr, Expr } from "./ir.js";

export function foldConstant(e: Expr): ConstExpr | null {
  switch (e.k) {
    case "const":
      return e;
    case "unary": {
      const v = foldConstant(e.operand);
      if (v === null) return null;
      return make(e, unary(e.op, v.value, e.type.kind));
    }
    case "convert": {
      const v = foldConstant(e.value);
      if (v === null || e.checked) return null;
      if (e.type.kind === "i64" && typeof v.value === "number") return make(e, BigInt(v.value));
      if (e.type.kind === "f64") return make(e, Number(v.value));
      return null;
    }
    case "binary": {
      const l = foldConstant(e.left);
      const r = foldConstant(e.right);
      if (l === null || r === null) return null;
      return make(e, binary(e.op, l.value, r.value, e.operandType.kind));
    }
    default:
      return null;
  }
}

function make(e: Expr, value: number | bigint | boolean | null): ConstExpr | null {
  return value === null ? null : { k: "const", type: e.type, loc: e.loc, value };
}

function unary(op: string, v: number | bigint | boolean, kind: string): number | bigint | boolean | null {
  if (op === "not") return typeof v === "boolean" ? !v : null;
  if (kind === "i32" && typeof v === "number") return op === "neg" ? -v | 0 : ~v;
  if (kind === "i64" && typeof v === "bigint") return BigInt.asIntN(64, op === "neg" ? -v : ~v);
  if (kind === "f64" && typeof v === "number" && op === "neg") return -v;
  return null;
}

/** Only the operators whose result is exact and cannot fail (no division, no float remainder). */
function binary(op: string, a: number | bigint | boolean, b: number | bigint | boolean, kind: string): number | bigint | boolean | null {
  if (kind === "i32" && typeof a === "number" && typeof b === "number") {
    switch (op) {
      case "add": return (a + b) | 0;
      case "sub": return (a - b) | 0;
      case "mul": return Math.imul(a, b);
      case "and": return a & b;
      case "or": return a | b;
      case "xor": return a ^ b;
      case "shl": return a << b;
      case "shr": return a >> b;
      case "shr_u": return (a >>> b) | 0;
      case "eq": return a === b;
      case "ne": return a !== b;
      case "lt": return a < b;
      case "le": return a <= b;
      case "gt": return a > b;
      case "ge": return a >= b;
    }
  }
  if (kind === "f64" && typeof a === "number" && typeof b === "number") {
    switch (op) {
      case "add": return a + b;
      case "sub": return a - b;
      case "mul": return a * b;
      case "div": return a / b;
    }
  }
  return null;
}
