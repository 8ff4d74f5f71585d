// Arithmetic as the compiled code computes it, written as JavaScript syntax (for insert-checks.ts).
//
//   i32  a number in the int32 range. `+ -` and unary `-` wrap with `| 0`, `*` is Math.imul,
//        `>>>` is re-read as signed (`| 0`), `%` and integer division check for zero (checks.ts).
//   i64  a BigInt in the signed 64-bit range. `+ - *`, `<<`, unary `-` wrap with
//        BigInt.asIntN(64, ...) (which V8 compiles to plain 64-bit arithmetic); shift counts are
//        taken modulo 64 as wasm does; `>>>` shifts BigInt.asUintN(64, x).
//   f64  a number; JavaScript's operators are IEEE 754's, as wasm's are.
//
// A result may be left *loose* (not yet wrapped) when the expression that consumes it wraps
// anyway: `a + b + c` on i32 is `(a + b + c) | 0`, exact because int32 sums stay far below 2^53
// and wrapping commutes with + - and with the bitwise operators. `canon` wraps a loose value.
import ts from "../../compiler/typescript.cjs";
import type { ArithmeticOp } from "../../compiler/check/ir.js";
import { TOKEN } from "../../compiler/check/operators.js";

export type Num = "i32" | "i64" | "f64";
export type ArithOp = ArithmeticOp;
export { ARITHMETIC, COMPOUND } from "../../compiler/check/operators.js";

/** A value in JavaScript syntax. `exact`: already in its type's canonical form (not loose). */
export interface Value {
  readonly e: ts.Expression;
  readonly kind: Num | null;
  readonly exact: boolean;
}

/** A call of a checks.ts helper, located at `at` (its failure is reported there). */
export type Helper = (name: string, args: ts.Expression[], at: ts.Node) => ts.Expression;

/** A literal divisor that is neither 0 nor -1: dividing by it cannot fail. */
function positiveLiteral(e: ts.Expression): boolean {
  if (ts.isNumericLiteral(e)) return Number(e.text) > 0;
  return ts.isBigIntLiteral(e) && BigInt(e.text.slice(0, -1)) > 0n;
}

/** The type both operands of arithmetic or a comparison widen to (i32 -> i64, i32 -> f64). */
export function join(a: Num, b: Num): Num {
  return a === b ? a : a === "i32" ? b : b === "i32" ? a : "f64";
}

export class Arith {
  constructor(
    private readonly f: ts.NodeFactory,
    private readonly helper: Helper,
  ) {}

  /** `v` in canonical form. */
  canon(v: Value): ts.Expression {
    if (v.exact) return v.e;
    if (v.kind === "i32") return this.f.createBinaryExpression(v.e, ts.SyntaxKind.BarToken, this.f.createNumericLiteral(0));
    if (v.kind === "i64") return this.asIntN(v.e);
    return v.e;
  }

  asIntN(e: ts.Expression): ts.Expression {
    return this.call("BigInt", "asIntN", [this.f.createNumericLiteral(64), e]);
  }

  call(object: string, method: string, args: ts.Expression[]): ts.Expression {
    return this.f.createCallExpression(this.f.createPropertyAccessExpression(this.f.createIdentifier(object), method), undefined, args);
  }

  /** An i32 value (canonical) as an i64: a literal becomes a BigInt literal. */
  toI64(e: ts.Expression): ts.Expression {
    const f = this.f;
    if (ts.isNumericLiteral(e)) return f.createBigIntLiteral(`${BigInt(e.text)}n`);
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) {
      return f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createBigIntLiteral(`${BigInt(e.operand.text)}n`));
    }
    return f.createCallExpression(f.createIdentifier("BigInt"), undefined, [e]);
  }

  /** A canonical i64 as an f64 (rounded to nearest, as f64.convert_i64_s). */
  toF64(e: ts.Expression): ts.Expression {
    return this.f.createCallExpression(this.f.createIdentifier("Number"), undefined, [e]);
  }

  /** `left op right`, both operands already of type `kind`; `at` locates a failure. */
  apply(op: ArithOp, kind: Num, left: Value, right: Value, at: ts.Node): Value {
    const f = this.f;
    const bin = (l: ts.Expression, r: ts.Expression, o: ArithOp = op) => f.createBinaryExpression(l, TOKEN[o], r);
    if (kind === "f64") return { e: bin(left.e, right.e), kind, exact: true };
    const l = left.e;
    const r = right.e;
    if (kind === "i32") {
      switch (op) {
        case "add":
        case "sub":
        case "shr_u":
          return { e: bin(l, r), kind, exact: false };
        case "mul":
          return { e: this.call("Math", "imul", [l, r]), kind, exact: true };
        case "and":
        case "or":
        case "xor":
        case "shl":
        case "shr":
          return { e: bin(l, r), kind, exact: true }; // ToInt32 wraps a loose operand
        case "div":
          // By a positive constant nothing can fail: a double quotient of int32s truncates exactly.
          if (positiveLiteral(r)) return { e: bin(this.canon(left), r), kind, exact: false };
          return { e: this.helper("__stmc_div32", [this.canon(left), this.canon(right)], at), kind, exact: true };
        case "rem":
          if (positiveLiteral(r)) return { e: bin(this.canon(left), r), kind, exact: false }; // `| 0` turns -0 into 0
          return { e: this.helper("__stmc_rem32", [this.canon(left), this.canon(right)], at), kind, exact: true };
      }
    }
    switch (op) {
      case "add":
      case "sub":
      case "mul":
        return { e: bin(l, r), kind, exact: false };
      case "and":
      case "or":
      case "xor":
        return { e: bin(l, r), kind, exact: left.exact && right.exact };
      case "shl":
        return { e: bin(l, this.shiftCount(right)), kind, exact: false };
      case "shr":
        return { e: bin(this.canon(left), this.shiftCount(right)), kind, exact: true };
      case "shr_u": {
        const count = this.shiftCount(right);
        // A shift by at least 1 of a 64-bit unsigned value fits in the signed range.
        const exact = ts.isBigIntLiteral(count) && BigInt(count.text.slice(0, -1)) > 0n;
        return { e: bin(this.call("BigInt", "asUintN", [f.createNumericLiteral(64), l]), count, "shr"), kind, exact };
      }
      case "div":
        if (positiveLiteral(r)) return { e: bin(this.canon(left), r), kind, exact: true };
        return { e: this.helper("__stmc_div64", [this.canon(left), this.canon(right)], at), kind, exact: true };
      case "rem":
        if (positiveLiteral(r)) return { e: bin(this.canon(left), r), kind, exact: true };
        return { e: this.helper("__stmc_rem64", [this.canon(left), this.canon(right)], at), kind, exact: true };
    }
  }

  /** An i64 shift count modulo 64, as wasm takes it (`x & 63n` is exact for a loose x too). */
  private shiftCount(count: Value): ts.Expression {
    const e = count.e;
    if (ts.isBigIntLiteral(e)) return this.f.createBigIntLiteral(`${BigInt(e.text.slice(0, -1)) & 63n}n`);
    return this.f.createBinaryExpression(e, ts.SyntaxKind.AmpersandToken, this.f.createBigIntLiteral("63n"));
  }
}
