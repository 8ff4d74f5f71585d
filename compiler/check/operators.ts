// TypeScript's arithmetic operators and their compound assignments, by the IR's operator: shared
// by the checker and the reference run's rewriting (runtime/reference/arith.ts), which must agree.
import ts from "../typescript.cjs";
import type { ArithmeticOp } from "./ir.js";

/** Each operator: its token, and its compound assignment's. */
const OPERATORS: Record<ArithmeticOp, [ts.BinaryOperator, ts.CompoundAssignmentOperator]> = {
  add: [ts.SyntaxKind.PlusToken, ts.SyntaxKind.PlusEqualsToken],
  sub: [ts.SyntaxKind.MinusToken, ts.SyntaxKind.MinusEqualsToken],
  mul: [ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.AsteriskEqualsToken],
  div: [ts.SyntaxKind.SlashToken, ts.SyntaxKind.SlashEqualsToken],
  rem: [ts.SyntaxKind.PercentToken, ts.SyntaxKind.PercentEqualsToken],
  and: [ts.SyntaxKind.AmpersandToken, ts.SyntaxKind.AmpersandEqualsToken],
  or: [ts.SyntaxKind.BarToken, ts.SyntaxKind.BarEqualsToken],
  xor: [ts.SyntaxKind.CaretToken, ts.SyntaxKind.CaretEqualsToken],
  shl: [ts.SyntaxKind.LessThanLessThanToken, ts.SyntaxKind.LessThanLessThanEqualsToken],
  shr: [ts.SyntaxKind.GreaterThanGreaterThanToken, ts.SyntaxKind.GreaterThanGreaterThanEqualsToken],
  shr_u: [ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken, ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken],
};

const entries = Object.entries(OPERATORS) as [ArithmeticOp, [ts.BinaryOperator, ts.CompoundAssignmentOperator]][];

/** The operator of an arithmetic token (`+` -> add). */
export const ARITHMETIC: Partial<Record<ts.SyntaxKind, ArithmeticOp>> = Object.fromEntries(entries.map(([op, [token]]) => [token, op]));
/** The operator of a compound assignment token (`+=` -> add). */
export const COMPOUND: Partial<Record<ts.SyntaxKind, ArithmeticOp>> = Object.fromEntries(entries.map(([op, [, compound]]) => [compound, op]));
/** The token of an operator (add -> `+`). */
export const TOKEN = Object.fromEntries(entries.map(([op, [token]]) => [op, token])) as Record<ArithmeticOp, ts.BinaryOperator>;
