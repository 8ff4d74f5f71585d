// The type of a field declared without an annotation, from its initialiser (LANGUAGE.md: fields,
// like locals, may omit the annotation when the initialiser fixes the type).
//
// Fields are declared before module variables and function bodies are checked, so the
// initialiser is read for what fixes its type on its own, without checking it (the
// constructor checks it later, in context): literals (numbers, booleans, strings), `new C(…)`, `new Array<T>(…)` (also
// followed by `.fill(…)`), array literals of such values, conversions `i32(…)`/`i64(…)`/`f64(…)`,
// calls of functions and static methods (their declared result), module variables (their
// annotation, or the same rules on their initialiser), and `!`, parentheses and `as T`.
import ts from "../typescript.cjs";
import type { CheckContext } from "./context.js";
import type { ClassDecl } from "./ir.js";
import { joinTypes, numericJoin } from "./coerce.js";
import { resolveTypeNode } from "./typeNodes.js";
import { genericClassNamed, instantiateClass, writtenTypeArguments } from "./generics.js";
import { arrayType, BOOL, classType, F64, I32, I64, isInteger, STRING, type Type } from "./types.js";

/** The type `init` fixes on its own, or null. */
export function initializerType(ctx: CheckContext, init: ts.Expression, runtime: boolean, seen = new Set<ts.Node>()): Type | null {
  if (seen.has(init)) return null; // a variable initialised from itself, through others
  seen.add(init);
  const again = (e: ts.Expression) => initializerType(ctx, e, runtime, seen);
  if (ts.isParenthesizedExpression(init) || ts.isNonNullExpression(init)) return again(init.expression);
  if (ts.isAsExpression(init)) return resolveTypeNode(ctx, init.type, runtime);
  // The source text: TypeScript normalises `2.0` to "2" in `text`.
  if (ts.isNumericLiteral(init)) return /[.eE]/.test(init.getText()) && !/^0[xX]/.test(init.getText()) ? F64 : I32;
  if (init.kind === ts.SyntaxKind.TrueKeyword || init.kind === ts.SyntaxKind.FalseKeyword) return BOOL;
  if (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init) || ts.isTemplateExpression(init)) return STRING;
  if (ts.isPrefixUnaryExpression(init)) {
    if (init.operator === ts.SyntaxKind.ExclamationToken) return BOOL;
    return init.operator === ts.SyntaxKind.MinusToken || init.operator === ts.SyntaxKind.PlusToken ? again(init.operand) : null;
  }
  if (ts.isBinaryExpression(init)) return binaryType(init.operatorToken.kind, again(init.left), again(init.right));
  if (ts.isConditionalExpression(init)) {
    const [a, b] = [again(init.whenTrue), again(init.whenFalse)];
    return a === null || b === null ? null : joinTypes(a, b);
  }
  if (ts.isNewExpression(init)) return newType(ctx, init, runtime);
  if (ts.isArrayLiteralExpression(init)) {
    // The elements' common type, as for an array literal a local is initialised with.
    const elements = init.elements.map(again);
    if (elements.length === 0 || elements.some((t) => t === null)) return null;
    const element = elements.reduce<Type | null>((t, e) => (t === null ? null : joinTypes(t, e!)), elements[0]);
    return element === null || element.kind === "null" ? null : arrayType(element);
  }
  if (ts.isCallExpression(init)) return callType(ctx, init, runtime, again);
  if (ts.isIdentifier(init)) return variableType(ctx, init, runtime, again);
  return null;
}

const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken,
]);

/** An operator's result, as the checker types it (arithmeticExpr): integer `/` is an f64 division. */
function binaryType(op: ts.SyntaxKind, left: Type | null, right: Type | null): Type | null {
  if (COMPARISONS.has(op)) return BOOL;
  if (left === null || right === null) return null;
  const joined = numericJoin(left, right);
  if (joined === null) return null;
  return op === ts.SyntaxKind.SlashToken && isInteger(joined) ? F64 : joined;
}

function newType(ctx: CheckContext, init: ts.NewExpression, runtime: boolean): Type | null {
  if (!ts.isIdentifier(init.expression)) return null;
  if (init.expression.text === "Array" && init.typeArguments?.length === 1) {
    const element = resolveTypeNode(ctx, init.typeArguments[0], runtime);
    return element === null ? null : arrayType(element);
  }
  // `new Box<T>(...)` and `new Map<K, V>()`: the instance the type arguments name (generics.ts).
  const decl = genericClassNamed(ctx, init.expression, false);
  if (decl !== undefined) {
    const args = init.typeArguments === undefined ? null : writtenTypeArguments(ctx, init.typeArguments, runtime);
    const cls = args === null ? null : instantiateClass(ctx, decl, args, init);
    return cls === null ? null : classType(cls);
  }
  const cls = classNamed(ctx, init.expression);
  return cls === null ? null : classType(cls);
}

function classNamed(ctx: CheckContext, name: ts.Identifier): ClassDecl | null {
  const decl = ctx.declarationOf(name);
  return decl !== undefined && ts.isClassDeclaration(decl) ? (ctx.classes.get(decl) ?? null) : null;
}

function callType(ctx: CheckContext, init: ts.CallExpression, runtime: boolean, again: (e: ts.Expression) => Type | null): Type | null {
  const callee = init.expression;
  // `new Array<T>(n).fill(v)`: the array.
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === "fill") return again(callee.expression);
  const builtin = ctx.builtinName(callee);
  if (builtin?.module === "stmc") {
    if (builtin.name === "i32") return I32;
    if (builtin.name === "i64") return I64;
    if (builtin.name === "f64") return F64;
    return null;
  }
  const decl = ctx.declarationOf(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
  const fn = decl === undefined ? undefined : ctx.functions.get(decl);
  return fn === undefined || (fn.kind !== "function" && fn.kind !== "static") ? null : fn.result;
}

function variableType(ctx: CheckContext, name: ts.Identifier, runtime: boolean, again: (e: ts.Expression) => Type | null): Type | null {
  const decl = ctx.declarationOf(name);
  if (decl === undefined || !ts.isVariableDeclaration(decl) || !ts.isSourceFile(decl.parent.parent.parent)) return null;
  if (decl.type !== undefined) return resolveTypeNode(ctx, decl.type, runtime);
  return decl.initializer === undefined ? null : again(decl.initializer);
}
