// TypeScript's arithmetic operators and their compound assignments, by the IR's operator: shared
// by the checker and the reference run's rewriting (runtime/reference/arith.ts), which must agree.
import ts from "typescript";
import type { ArithmeticOp } from "./ir.js";

export const ARITHMETIC: Partial<Record<ts.SyntaxKind, ArithmeticOp>> = {
  [ts.SyntaxKind.PlusToken]: "add",
  [ts.SyntaxKind.MinusToken]: "sub",
  [ts.SyntaxKind.AsteriskToken]: "mul",
  [ts.SyntaxKind.SlashToken]: "div",
  [ts.SyntaxKind.PercentToken]: "rem",
  [ts.SyntaxKind.AmpersandToken]: "and",
  [ts.SyntaxKind.BarToken]: "or",
  [ts.SyntaxKind.CaretToken]: "xor",
  [ts.SyntaxKind.LessThanLessThanToken]: "shl",
  [ts.SyntaxKind.GreaterThanGreaterThanToken]: "shr",
  [ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken]: "shr_u",
};
export const COMPOUND: Partial<Record<ts.SyntaxKind, ArithmeticOp>> = {
  [ts.SyntaxKind.PlusEqualsToken]: "add",
  [ts.SyntaxKind.MinusEqualsToken]: "sub",
  [ts.SyntaxKind.AsteriskEqualsToken]: "mul",
  [ts.SyntaxKind.SlashEqualsToken]: "div",
  [ts.SyntaxKind.PercentEqualsToken]: "rem",
  [ts.SyntaxKind.AmpersandEqualsToken]: "and",
  [ts.SyntaxKind.BarEqualsToken]: "or",
  [ts.SyntaxKind.CaretEqualsToken]: "xor",
  [ts.SyntaxKind.LessThanLessThanEqualsToken]: "shl",
  [ts.SyntaxKind.GreaterThanGreaterThanEqualsToken]: "shr",
  [ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken]: "shr_u",
};
