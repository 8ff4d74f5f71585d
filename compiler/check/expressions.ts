import ts from "../typescript.cjs";
import { ARITHMETIC, COMPOUND } from "./operators.js";
import { checkCall, checkNew, mathHost } from "./calls.js";
import { checkFunctionValue, lookupVariable, namedFunctionValue, type BodyChecker } from "./closures.js";
import { isFrameVariable } from "./captures.js";
import { collectAssignedInAtomic } from "./captures.js";
import { checkStatements } from "./statements.js";
import { enumType } from "./typeNodes.js";
import { checkAs, checkNullish, checkOptionalChain, checkSpreadLiteral, isOpenOptionalChain } from "./references.js";
import { checkAssignment, checkCompoundAssignment, checkIncrement } from "./places.js";
import { errorClass, isErrorName } from "./errors.js";
import { accessorName } from "./declarations.js";
import { implementsInterface } from "./interfaces.js";
import { isTuple, tupleField, tupleLiteral } from "./tuples.js";
import { compareOptional, isOptionalBox, readOptional, unbox } from "./optionals.js";
import { charAtIndex, checkTemplate, compareStrings, concat, stringCondition, stringLiteral, STRING_METHODS } from "./strings.js";
import { coerce, joinTypes, numericJoin, tryCoerce, widen, type Env } from "./coerce.js";
import type { CheckContext } from "./context.js";
import type { ArithmeticOp, ClassDecl, CompareOp, Expr, GlobalVar, Loc } from "./ir.js";
import { recordValue } from "./recorder.js";
import {
  BOOL, F64, I32, I64, isInteger, isNumeric, isReference, isSubclass, NULL, sameBaseType, typeToString, withNullable, type Type,
} from "./types.js";

const MATH_CONSTANTS: Record<string, number> = { PI: Math.PI, E: Math.E, LN2: Math.LN2, LN10: Math.LN10, LOG2E: Math.LOG2E, LOG10E: Math.LOG10E, SQRT2: Math.SQRT2, SQRT1_2: Math.SQRT1_2 };
const NUMBER_CONSTANTS: Record<string, number> = {
  MAX_SAFE_INTEGER: Number.MAX_SAFE_INTEGER, MIN_SAFE_INTEGER: Number.MIN_SAFE_INTEGER, EPSILON: Number.EPSILON, MAX_VALUE: Number.MAX_VALUE,
  MIN_VALUE: Number.MIN_VALUE, POSITIVE_INFINITY: Infinity, NEGATIVE_INFINITY: -Infinity, NaN: NaN,
};

/** How function values' bodies are checked (closures.ts), here to keep the modules' imports one-way. */
export const FUNCTION_BODIES: BodyChecker = {
  statements: (env, statements) => checkStatements(env, statements),
  effect: (env, node) => checkEffect(env, node),
  value: (env, node, expected) => checkExpr(env, node, expected),
  assignedInAtomic: collectAssignedInAtomic,
};

/** Checks an expression whose value is used. Returns null after reporting an error. */
export function checkExpr(env: Env, node: ts.Expression, expected?: Type): Expr | null {
  return recordValue(node, checkExprOf(env, node, expected)); // the reference runner's view of types (recorder.ts)
}

function checkExprOf(env: Env, node: ts.Expression, expected?: Type): Expr | null {
  const { ctx } = env;
  const substitute = ctx.substitutions.get(node);
  if (substitute !== undefined) return substitute;
  const loc = ctx.loc(node);
  if (isOpenOptionalChain(env, node)) return checkOptionalChain(env, node, loc);
  if (ts.isParenthesizedExpression(node)) return checkExpr(env, node.expression, expected);
  if (ts.isNumericLiteral(node)) return numericLiteral(env, node, loc, false, expected);
  switch (node.kind) {
    case ts.SyntaxKind.TrueKeyword:
      return { k: "const", type: BOOL, loc, value: true };
    case ts.SyntaxKind.FalseKeyword:
      return { k: "const", type: BOOL, loc, value: false };
    case ts.SyntaxKind.NullKeyword:
      return { k: "null", type: expected !== undefined && isReference(expected) ? withNullable(expected, true) : NULL, loc };
    case ts.SyntaxKind.ThisKeyword: {
      const self = env.scope.thisLocal;
      if (self !== null) return { k: "local.get", type: self.type, loc, local: self };
      const captured = env.scope.closure?.captureThis(loc) ?? null;
      if (captured === null) {
        ctx.error(node, env.scope.closure !== null && !env.scope.closure.arrow ? "'this' is not supported in function expressions and nested functions: use an arrow function" : "'this' is only available in methods and constructors");
      }
      return captured;
    }
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return stringLiteral(env, node.text, loc);
  if (ts.isTemplateExpression(node)) return checkTemplate(env, node, loc);
  if (ts.isIdentifier(node)) return checkIdentifier(env, node, loc, expected);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return checkFunctionValue(env, node, expected, FUNCTION_BODIES);
  if (ts.isPropertyAccessExpression(node)) return checkPropertyAccess(env, node, loc);
  if (ts.isElementAccessExpression(node)) return checkElementAccess(env, node, loc);
  if (ts.isCallExpression(node)) return checkCall(env, node, expected);
  if (ts.isNewExpression(node)) return checkNew(env, node, expected);
  if (ts.isBinaryExpression(node)) return checkBinary(env, node, loc, expected, true);
  if (ts.isPrefixUnaryExpression(node)) return checkPrefixUnary(env, node, loc, expected, true);
  if (ts.isPostfixUnaryExpression(node)) return checkIncrement(env, node.operand, node.operator === ts.SyntaxKind.PlusPlusToken ? "add" : "sub", true, true, loc);
  if (ts.isConditionalExpression(node)) return checkConditional(env, node, loc, expected);
  if (ts.isNonNullExpression(node)) {
    const value = nonNull(checkExpr(env, node.expression, expected));
    return value !== null && isOptionalBox(value.type) ? unbox(value) : value;
  }
  if (ts.isAsExpression(node)) return checkAs(env, node, loc);
  if (ts.isArrayLiteralExpression(node)) return checkArrayLiteral(env, node, loc, expected);
  return unsupportedExpression(env, node);
}

function unsupportedExpression(env: Env, node: ts.Expression): null {
  const { ctx } = env;
  if (ts.isTypeAssertionExpression(node) || ts.isSatisfiesExpression(node)) {
    ctx.error(node, "this type assertion is not supported: write x as C (classes), or convert numbers with i32(), i64(), f64()");
  } else if (ts.isObjectLiteralExpression(node)) {
    ctx.error(node, "object literals are not supported: declare a class");
  } else if (ts.isTypeOfExpression(node)) {
    ctx.error(node, "typeof is not supported");
  } else if (ts.isAwaitExpression(node)) {
    ctx.error(node, "await is not supported");
  } else if (node.kind === ts.SyntaxKind.SuperKeyword) {
    ctx.error(node, "'super' can only be called (super(...)) or used to call a method (super.m(...))");
  } else {
    ctx.error(node, `this expression is not supported by stmc (${ts.SyntaxKind[node.kind]})`);
  }
  return null;
}

export function nonNull(e: Expr | null): Expr | null {
  if (e === null || !isReference(e.type) || !e.type.nullable) return e;
  return { k: "nonnull", type: withNullable(e.type, false), loc: e.loc, value: e };
}

export function isNumericLiteralLike(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return isNumericLiteralLike(node.expression);
  if (ts.isNumericLiteral(node)) return true;
  return ts.isPrefixUnaryExpression(node) && (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.TildeToken) && isNumericLiteralLike(node.operand);
}

function numericLiteral(env: Env, node: ts.NumericLiteral, loc: Loc, negative: boolean, expected?: Type): Expr | null {
  const raw = node.getText().replace(/_/g, "");
  const isFloatSyntax = /[.eE]/.test(raw) && !/^0[xXoObB]/.test(raw);
  const value = Number(raw) * (negative ? -1 : 1);
  const want = expected?.kind;
  if (want === "f64" || isFloatSyntax) return { k: "const", type: F64, loc, value };
  if (!Number.isInteger(value) && !Number.isFinite(value)) {
    env.ctx.error(node, "this literal is too large");
    return null;
  }
  if (want === "i64" || want === "usize") {
    const big = BigInt(raw) * (negative ? -1n : 1n);
    if (want === "usize" && big < 0n) {
      env.ctx.error(node, "a usize cannot be negative");
      return null;
    }
    return { k: "const", type: want === "i64" ? I64 : expected!, loc, value: want === "i64" ? big : Number(big) };
  }
  if (value < -2147483648 || value > 2147483647) {
    env.ctx.error(node, `the literal ${negative ? "-" : ""}${raw} does not fit in i32: give it an i64 or f64 type (e.g. let x: i64 = ...)`);
    return null;
  }
  return { k: "const", type: I32, loc, value };
}

export function checkIdentifier(env: Env, node: ts.Identifier, loc: Loc, expected?: Type): Expr | null {
  const { ctx, scope } = env;
  if (node.text === "undefined" && ctx.declarationOf(node) === undefined) {
    // What a method such as find() returns when it finds nothing: a null reference, which
    // TypeScript keeps apart from null (checkComparison refuses comparing one with the other).
    return { k: "null", type: expected !== undefined && isReference(expected) ? withNullable(expected, true) : NULL, loc };
  }
  if ((node.text === "NaN" || node.text === "Infinity") && ctx.builtinName(node)?.module === "lib") {
    return { k: "const", type: F64, loc, value: node.text === "NaN" ? NaN : Infinity };
  }
  if (ctx.isUnresolvedImport(node)) return null; // the import is reported
  const decl = ctx.declarationOf(node);
  if (decl === undefined) {
    ctx.error(node, `cannot find '${node.text}'`);
    return null;
  }
  if (ctx.failedDeclarations.has(decl)) return null;
  const local = scope.lookup(decl);
  if (local !== undefined && !scope.cells.has(decl)) {
    const read: Expr = { k: "local.get", type: narrowedLocalType(env, node, decl, local.type), loc, local };
    return isOptionalBox(local.type) ? readOptional(ctx, node, read) : read;
  }
  const variable = lookupVariable(env, decl, loc);
  if (variable !== undefined) {
    const read = variable.get(loc);
    return isOptionalBox(read.type) ? readOptional(ctx, node, read) : read;
  }
  const global = ctx.globals.get(decl);
  if (global?.constant !== undefined) return { ...global.constant, loc };
  if (global !== undefined) return { k: "global.get", type: global.type, loc, global };
  const fn = ctx.functions.get(decl);
  if (fn !== undefined && fn.kind === "function") return namedFunctionValue(env, fn, expected, loc);
  if (ts.isFunctionDeclaration(decl) && decl.typeParameters !== undefined) {
    ctx.error(node, `generic function '${node.text}' cannot be used as a value: call it, or wrap a call in an arrow function`);
  } else if (fn !== undefined && fn.kind === "host") {
    ctx.error(node, "a host function can only be called: wrap it in an arrow function to pass it as a value");
  } else if (isFrameVariable(ctx, decl)) {
    ctx.error(node, `'${node.text}' is declared after the function that uses it: declare it before the function value is made`);
  } else if (ts.isClassDeclaration(decl)) {
    ctx.error(node, "a class is not a value: use new, or call a static method");
  } else if (ctx.builtinName(node)?.module === "lib") {
    ctx.error(node, `'${node.text}' (JavaScript's standard library) is not supported: stmc offers Math and what "stmc" exports`);
  } else {
    ctx.error(node, `'${node.text}' cannot be used as a value here`);
  }
  return null;
}

/**
 * A nullable local that TypeScript's control flow analysis has proven non-null here is non-null:
 * no run-time check. (Locals only: a field or module variable can change behind a call.)
 */
function narrowedLocalType(env: Env, node: ts.Identifier, decl: ts.Node, type: Type): Type {
  if (!isReference(type) || env.scope.assignedInAtomic.has(decl)) return type;
  if (!type.nullable && type.kind !== "class") return type;
  const tsType = env.ctx.checker.getTypeAtLocation(node);
  const parts = tsType.isUnion() ? tsType.types : [tsType];
  const mayBeNull = parts.some((t) => (t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0);
  const narrowed = mayBeNull ? type : withNullable(type, false);
  // `x instanceof Sub` narrows a local of a base class to Sub, as TypeScript does.
  if (narrowed.kind !== "class") return narrowed;
  const objects = parts.filter((t) => (t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) === 0);
  const symbol = objects.length === 1 ? objects[0].getSymbol() : undefined;
  const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  const cls = declaration !== undefined && ts.isClassDeclaration(declaration) ? env.ctx.classes.get(declaration) : undefined;
  const narrower = cls !== undefined && cls !== narrowed.cls && (narrowed.cls.isInterface ? implementsInterface(cls, narrowed.cls) : isSubclass(cls, narrowed.cls));
  return narrower ? { kind: "class", cls: cls!, nullable: narrowed.nullable } : narrowed;
}

export function checkPropertyAccess(env: Env, node: ts.PropertyAccessExpression, loc: Loc): Expr | null {
  const { ctx } = env;
  const name = node.name.text;

  if (ts.isIdentifier(node.expression) && ctx.builtinName(node.expression)?.name === "Math") {
    const constant = MATH_CONSTANTS[name];
    if (constant !== undefined) return { k: "const", type: F64, loc, value: constant };
    ctx.error(node, `Math.${name} is not supported here`);
    return null;
  }
  if (ts.isIdentifier(node.expression) && ctx.builtinName(node.expression)?.name === "Number" && ctx.builtinName(node.expression)?.module === "lib") {
    const constant = NUMBER_CONSTANTS[name];
    if (constant !== undefined) return { k: "const", type: F64, loc, value: constant };
    ctx.error(node, `Number.${name} is not supported here`);
    return null;
  }
  const staticField = staticFieldOf(env, node);
  if (staticField !== undefined) {
    if (staticField.constant !== undefined) return { ...staticField.constant, loc };
    return { k: "global.get", type: staticField.type, loc, global: staticField };
  }
  const enumDecl = ts.isIdentifier(node.expression) ? ctx.typeDeclarationOf(node.expression) : undefined;
  if (enumDecl !== undefined && ts.isEnumDeclaration(enumDecl) && ctx.declarationOf(node.expression) === enumDecl) {
    const member = enumDecl.members.find((m) => m.name.getText() === name);
    const value = member && ctx.checker.getConstantValue(member);
    if (enumType(ctx, enumDecl) === null) return null;
    if (typeof value === "string") return stringLiteral(env, value, loc);
    if (typeof value === "number") return { k: "const", type: I32, loc, value };
    ctx.error(node.name, `enum ${enumDecl.name.text} has no member '${name}'`);
    return null;
  }
  const receiver = nonNull(checkExpr(env, node.expression));
  if (receiver === null) return null;
  const t = receiver.type;
  if (t.kind === "string") {
    if (name === "length") return { k: "intrinsic", type: I32, loc, name: "string.length", args: [receiver] };
    ctx.error(node.name, `strings have length and methods (${STRING_METHODS.join(", ")}); '${name}' is not one of them`);
    return null;
  }
  if (t.kind === "array") {
    if (name === "length") return { k: "array.length", type: I32, loc, array: receiver };
    ctx.error(node.name, `arrays have length, push(), pop() and fill(); '${name}' is not supported`);
    return null;
  }
  if (t.kind !== "class") {
    ctx.error(node.name, `a value of type ${typeToString(t)} has no property '${name}'`);
    return null;
  }
  if (isTuple(t) && name === "length") return { k: "seq", type: I32, loc, effects: [receiver], value: { k: "const", type: I32, loc, value: t.cls.fields.length } };
  const field = t.cls.fields.find((f) => f.name === name);
  if (field !== undefined) return { k: "field.get", type: field.type, loc, object: receiver, field };
  const getter = t.cls.methods.get(accessorName("get", name));
  if (getter !== undefined) return { k: "call.virtual", type: getter.fn.result, loc, receiver, method: getter, args: [] };
  if (t.cls.methods.has(name)) ctx.error(node.name, `method '${name}' can only be called, not used as a value`);
  else if (!isRefusedField(ctx, node.name)) {
    const narrowedOnly = ctx.checker.getTypeAtLocation(node.expression).getProperty(name) !== undefined;
    ctx.error(node.name, `class ${t.cls.name} has no field '${name}'${narrowedOnly ? " (instanceof narrows local variables and parameters only: copy this value into a local, or write (x as Sub))" : ""}`);
  }
  return null;
}

/** `C.x` for a static field `x` of class `C`. */
export function staticFieldOf(env: Env, node: ts.PropertyAccessExpression): GlobalVar | undefined {
  if (!ts.isIdentifier(node.expression)) return undefined;
  const decl = env.ctx.declarationOf(node.expression);
  const cls = decl !== undefined && ts.isClassDeclaration(decl) ? env.ctx.classes.get(decl) : undefined;
  for (let c: ClassDecl | null = cls ?? null; c !== null; c = c.base) {
    const found = env.ctx.staticFields.get(c)?.get(node.name.text);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A field whose declaration was refused (already reported): its uses are not errors of their own. */
function isRefusedField(ctx: CheckContext, name: ts.Node): boolean {
  const decl = ctx.declarationOf(name);
  return decl !== undefined && ctx.failedDeclarations.has(decl);
}

export function checkElementAccess(env: Env, node: ts.ElementAccessExpression, loc: Loc): Expr | null {
  const { ctx } = env;
  const array = nonNull(checkExpr(env, node.expression));
  const index = checkExpr(env, node.argumentExpression, I32);
  if (array === null || index === null) return null;
  if (array.type.kind === "string") {
    const i = coerce(env, index, I32, node.argumentExpression);
    return i && charAtIndex(env, array, i, loc);
  }
  if (isTuple(array.type)) {
    const field = tupleField(env, array.type, node.argumentExpression);
    return field === null ? null : { k: "field.get", type: field.type, loc, object: array, field };
  }
  if (array.type.kind !== "array") {
    ctx.error(node.expression, `only arrays can be indexed, not ${typeToString(array.type)}`);
    return null;
  }
  const i = coerce(env, index, I32, node.argumentExpression);
  return i === null ? null : { k: "index.get", type: array.type.element, loc, array, index: i };
}

// ------------------------------------------------------------------- operators

const COMPARE: Partial<Record<ts.SyntaxKind, CompareOp>> = {
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: "eq",
  [ts.SyntaxKind.EqualsEqualsToken]: "eq",
  [ts.SyntaxKind.ExclamationEqualsEqualsToken]: "ne",
  [ts.SyntaxKind.ExclamationEqualsToken]: "ne",
  [ts.SyntaxKind.LessThanToken]: "lt",
  [ts.SyntaxKind.LessThanEqualsToken]: "le",
  [ts.SyntaxKind.GreaterThanToken]: "gt",
  [ts.SyntaxKind.GreaterThanEqualsToken]: "ge",
};

/** Checks both operands, typing a literal operand by the other operand. */
function checkOperands(env: Env, left: ts.Expression, right: ts.Expression, hint?: Type): [Expr | null, Expr | null] {
  const numericHint = hint !== undefined && isNumeric(hint) ? hint : undefined;
  if (isNumericLiteralLike(left) && !isNumericLiteralLike(right)) {
    const r = checkExpr(env, right, numericHint);
    return [checkExpr(env, left, r !== null && isNumeric(r.type) ? r.type : numericHint), r];
  }
  const l = checkExpr(env, left, numericHint);
  const rightHint = isNumericLiteralLike(right) && l !== null && isNumeric(l.type) ? l.type : numericHint;
  return [l, checkExpr(env, right, rightHint)];
}

function checkBinary(env: Env, node: ts.BinaryExpression, loc: Loc, expected: Type | undefined, valueUsed: boolean): Expr | null {
  const { ctx } = env;
  const op = node.operatorToken.kind;
  if (op === ts.SyntaxKind.EqualsToken) return checkAssignment(env, node, loc, valueUsed);
  const compound = COMPOUND[op] ?? (op === ts.SyntaxKind.AsteriskAsteriskEqualsToken ? "pow" : undefined);
  if (compound !== undefined) return checkCompoundAssignment(env, node, compound, loc, valueUsed);
  if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) {
    const left = checkCondition(env, node.left);
    const right = checkCondition(env, node.right);
    if (left === null || right === null) return null;
    return { k: "logical", type: BOOL, loc, op: op === ts.SyntaxKind.AmpersandAmpersandToken ? "and" : "or", left, right };
  }
  if (op === ts.SyntaxKind.InstanceOfKeyword) return checkInstanceOf(env, node, loc);
  if (op === ts.SyntaxKind.QuestionQuestionToken) return checkNullish(env, node, loc, expected);
  if (op === ts.SyntaxKind.AsteriskAsteriskToken) {
    // a ** b is Math.pow(a, b): f64, computed by the host's engine as the reference computes it.
    const [left, right] = checkOperands(env, node.left, node.right);
    if (left === null || right === null) return null;
    if (!isNumeric(left.type) || !isNumeric(right.type)) {
      ctx.error(node, `'**' needs numbers, not ${typeToString(left.type)} and ${typeToString(right.type)}`);
      return null;
    }
    return mathHost(env, "pow", [left, right], [node.left, node.right], loc);
  }
  const compare = COMPARE[op];
  if (compare !== undefined) return checkComparison(env, node, compare, loc);
  const arithmetic = ARITHMETIC[op];
  if (arithmetic !== undefined) {
    // Bitwise operands are integers whatever the context wants (`f += x & (y ?? -1)`): no f64 hint.
    const bitwise = arithmetic === "and" || arithmetic === "or" || arithmetic === "xor" || arithmetic === "shl" || arithmetic === "shr" || arithmetic === "shr_u";
    const [left, right] = checkOperands(env, node.left, node.right, bitwise && expected?.kind === "f64" ? undefined : expected);
    if (left === null || right === null) return null;
    if (arithmetic === "add" && (left.type.kind === "string" || right.type.kind === "string")) return concat(env, left, right, node, loc);
    return arithmeticExpr(env, arithmetic, left, right, node, loc);
  }
  const text = node.operatorToken.getText();
  const why: Record<string, string> = {
    ",": "write separate statements",
    in: "there are no dynamic properties",
  };
  ctx.error(node.operatorToken, `the operator '${text}' is not supported${why[text] ? `: ${why[text]}` : ""}`);
  return null;
}

/** `left op right` for already-checked operands, with the implicit widenings applied. */
export function arithmeticExpr(env: Env, op: ArithmeticOp, left: Expr, right: Expr, node: ts.Node, loc: Loc): Expr | null {
  const joined = numericJoin(left.type, right.type);
  if (joined === null) {
    const both = `${typeToString(left.type)} and ${typeToString(right.type)}`;
    if (isNumeric(left.type) && isNumeric(right.type)) env.ctx.error(node, `cannot mix ${both} in arithmetic: convert one side with i32(), i64() or f64()`);
    else env.ctx.error(node, `arithmetic needs numbers, not ${both}`);
    return null;
  }
  const isBitwise = op === "and" || op === "or" || op === "xor" || op === "shl" || op === "shr" || op === "shr_u";
  if (isBitwise && !isInteger(joined)) {
    env.ctx.error(node, "bitwise operators need integer operands: convert with i32() or i64()");
    return null;
  }
  if (op === "div" && isInteger(joined) && joined.kind !== "usize") {
    // TypeScript's `/` is a floating-point division; integer division is written i32(a / b).
    return { k: "binary", type: F64, loc, op, operandType: F64, left: toF64(left), right: toF64(right) };
  }
  const l = left.type.kind === joined.kind ? left : widen(left, joined);
  const r = right.type.kind === joined.kind ? right : widen(right, joined);
  return { k: "binary", type: joined, loc, op, operandType: joined, left: l, right: r };
}

export function toF64(e: Expr): Expr {
  if (e.type.kind === "f64") return e;
  if (e.k === "const" && typeof e.value !== "boolean") return { k: "const", type: F64, loc: e.loc, value: Number(e.value) };
  return { k: "convert", type: F64, loc: e.loc, value: e, checked: false };
}

function checkComparison(env: Env, node: ts.BinaryExpression, op: CompareOp, loc: Loc): Expr | null {
  const { ctx } = env;
  const isEquality = op === "eq" || op === "ne";
  const [left, right] = checkOperands(env, node.left, node.right);
  if (left === null || right === null) return null;
  const lt = left.type;
  const rt = right.type;
  if (lt.kind === "string" && rt.kind === "string") {
    if (isEquality) return compareStrings(env, op, left, right, loc);
    const l = nonNull(left);
    const r = nonNull(right);
    return l && r && compareStrings(env, op, l, r, loc);
  }
  if (isEquality && (isReference(lt) || lt.kind === "null") && (isReference(rt) || rt.kind === "null")) {
    if (!absenceMatches(env, node.left, node.right) || !absenceMatches(env, node.right, node.left)) {
      ctx.error(node, "this compares a value that can be undefined with null (or the reverse): JavaScript keeps them apart; compare with what TypeScript says the value can be");
      return null;
    }
    const refType = isReference(lt) ? lt : rt;
    if (isReference(lt) && isReference(rt) && joinTypes(lt, rt) === null) {
      ctx.error(node, `cannot compare ${typeToString(lt)} with ${typeToString(rt)}`);
      return null;
    }
    if (!isReference(refType)) return { k: "const", type: BOOL, loc, value: op === "eq" };
    return { k: "binary", type: BOOL, loc, op, operandType: refType, left, right };
  }
  if (isEquality && lt.kind === "bool" && rt.kind === "bool") return { k: "binary", type: BOOL, loc, op, operandType: BOOL, left, right };
  if (isEquality && (isOptionalBox(lt) || isOptionalBox(rt))) return compareOptional(env, node, op, left, right, loc);
  const joined = numericJoin(lt, rt);
  if (joined === null) {
    ctx.error(node, `cannot compare ${typeToString(lt)} with ${typeToString(rt)}${isNumeric(lt) && isNumeric(rt) ? ": convert one side with i32(), i64() or f64()" : ""}`);
    return null;
  }
  const l = lt.kind === joined.kind ? left : widen(left, joined);
  const r = rt.kind === joined.kind ? right : widen(right, joined);
  return { k: "binary", type: BOOL, loc, op, operandType: joined, left: l, right: r };
}

/**
 * stmc's null stands for both null and undefined; TypeScript's types say which one a value can
 * be. Comparing `value` with the literal `absent` (null or undefined) must name the right one.
 */
function absenceMatches(env: Env, absent: ts.Expression, value: ts.Expression): boolean {
  let a = absent;
  while (ts.isParenthesizedExpression(a)) a = a.expression;
  const isNull = a.kind === ts.SyntaxKind.NullKeyword;
  const isUndefined = ts.isIdentifier(a) && a.text === "undefined";
  if (!isNull && !isUndefined) return true;
  const t = env.ctx.checker.getTypeAtLocation(value);
  const parts = t.isUnion() ? t.types : [t];
  const has = (flag: ts.TypeFlags) => parts.some((p) => (p.flags & flag) !== 0);
  return isNull ? has(ts.TypeFlags.Null) || !has(ts.TypeFlags.Undefined) : has(ts.TypeFlags.Undefined) || !has(ts.TypeFlags.Null);
}

function checkInstanceOf(env: Env, node: ts.BinaryExpression, loc: Loc): Expr | null {
  const { ctx } = env;
  const value = checkExpr(env, node.left);
  const decl = ctx.declarationOf(node.right);
  const cls = decl !== undefined && ts.isClassDeclaration(decl) ? ctx.classes.get(decl) : isErrorName(env, node.right) ? errorClass(env) : undefined;
  if (cls === undefined && decl !== undefined && ts.isClassDeclaration(decl) && decl.typeParameters !== undefined) {
    ctx.error(node.right, `instanceof cannot test for generic class ${decl.name!.text}: each of its instances is a class of its own`);
  } else if (cls === undefined) ctx.error(node.right, "the right side of instanceof must be a class");
  if (value === null || cls === undefined) return null;
  if (value.type.kind !== "class") {
    ctx.error(node.left, "instanceof needs an object of a class type");
    return null;
  }
  return { k: "instanceof", type: BOOL, loc, value, cls };
}

/** A string as a condition: not null and not empty, as in JavaScript. */
function stringTruthy(env: Env, e: Expr): Expr {
  const loc = e.loc;
  if (!isReference(e.type) || !e.type.nullable) return stringCondition(e);
  const tmp = env.scope.temp(e.type, "str");
  const get = (): Expr => ({ k: "local.get", type: e.type, loc, local: tmp });
  const notNull: Expr = { k: "binary", type: BOOL, loc, op: "ne", operandType: e.type, left: { k: "local.set", type: e.type, loc, local: tmp, value: e, tee: true }, right: { k: "null", type: e.type, loc } };
  return { k: "logical", type: BOOL, loc, op: "and", left: notNull, right: stringCondition({ k: "nonnull", type: withNullable(e.type, false), loc, value: get() }) };
}

/** A condition: a boolean, or a reference (true when not null). */
export function checkCondition(env: Env, node: ts.Expression): Expr | null {
  const e = checkExpr(env, node, BOOL);
  if (e === null) return null;
  if (e.type.kind === "bool") return e;
  if (e.type.kind === "string") return stringTruthy(env, e);
  if (isReference(e.type)) return { k: "binary", type: BOOL, loc: e.loc, op: "ne", operandType: e.type, left: e, right: { k: "null", type: e.type, loc: e.loc } };
  env.ctx.error(node, `a condition must be a boolean, not ${typeToString(e.type)} (compare explicitly, e.g. x !== 0)`);
  return null;
}

function checkPrefixUnary(env: Env, node: ts.PrefixUnaryExpression, loc: Loc, expected: Type | undefined, valueUsed: boolean): Expr | null {
  const { ctx } = env;
  switch (node.operator) {
    case ts.SyntaxKind.PlusPlusToken:
      return checkIncrement(env, node.operand, "add", false, valueUsed, loc);
    case ts.SyntaxKind.MinusMinusToken:
      return checkIncrement(env, node.operand, "sub", false, valueUsed, loc);
    case ts.SyntaxKind.ExclamationToken: {
      const operand = checkCondition(env, node.operand);
      return operand === null ? null : { k: "unary", type: BOOL, loc, op: "not", operand };
    }
    case ts.SyntaxKind.MinusToken: {
      const inner = ts.isParenthesizedExpression(node.operand) ? node.operand.expression : node.operand;
      if (ts.isNumericLiteral(inner)) return numericLiteral(env, inner, loc, true, expected);
      const operand = checkExpr(env, node.operand, expected);
      if (operand === null) return null;
      if (!isNumeric(operand.type) || operand.type.kind === "usize") {
        ctx.error(node, `cannot negate a value of type ${typeToString(operand.type)}`);
        return null;
      }
      return { k: "unary", type: operand.type, loc, op: "neg", operand };
    }
    case ts.SyntaxKind.TildeToken: {
      const operand = checkExpr(env, node.operand, expected);
      if (operand === null) return null;
      if (!isInteger(operand.type)) {
        ctx.error(node, "'~' needs an integer operand");
        return null;
      }
      return { k: "unary", type: operand.type, loc, op: "bitnot", operand };
    }
    case ts.SyntaxKind.PlusToken:
      ctx.error(node, "unary '+' is not supported: use f64(x) to convert");
      return null;
  }
  return unsupportedExpression(env, node);
}

function checkConditional(env: Env, node: ts.ConditionalExpression, loc: Loc, expected?: Type): Expr | null {
  const cond = checkCondition(env, node.condition);
  const [a, b] = isNumericLiteralLike(node.whenTrue) && !isNumericLiteralLike(node.whenFalse)
    ? ((r) => [checkExpr(env, node.whenTrue, r?.type ?? expected), r])(checkExpr(env, node.whenFalse, expected))
    : ((l) => [l, checkExpr(env, node.whenFalse, l?.type ?? expected)])(checkExpr(env, node.whenTrue, expected));
  if (cond === null || a === null || b === null) return null;
  let type = expected !== undefined && isReference(expected) && sameBaseType(a.type, expected) ? joinTypes(expected, b.type) ?? joinTypes(a.type, b.type) : joinTypes(a.type, b.type);
  // Two classes that both implement the interface (or share the base) the context wants: that type.
  if (type === null && expected !== undefined && isReference(expected) && tryCoerce(a, expected) !== null && tryCoerce(b, expected) !== null) type = expected;
  if (type === null) {
    env.ctx.error(node, `the branches have incompatible types ${typeToString(a.type)} and ${typeToString(b.type)}`);
    return null;
  }
  const then = coerce(env, a, type, node.whenTrue);
  const otherwise = coerce(env, b, type, node.whenFalse);
  if (then === null || otherwise === null) return null;
  return { k: "cond", type, loc, cond, then, else: otherwise };
}

function checkArrayLiteral(env: Env, node: ts.ArrayLiteralExpression, loc: Loc, expected?: Type): Expr | null {
  const { ctx } = env;
  if (expected !== undefined && isTuple(expected)) return tupleLiteral(env, node, expected, (e, want) => checkExpr(env, e, want));
  if (node.elements.some(ts.isSpreadElement)) return checkSpreadLiteral(env, node, loc, expected);
  let elementType: Type | null = expected?.kind === "array" ? expected.element : null;
  const raw = node.elements.map((e) => checkExpr(env, e, elementType ?? undefined));
  if (raw.some((e) => e === null)) return null;
  const checked = raw as Expr[];
  if (elementType === null) {
    if (checked.length === 0) {
      ctx.error(node, "cannot infer the element type of []: annotate it (e.g. let a: i32[] = [])");
      return null;
    }
    elementType = checked.reduce<Type | null>((t, e) => (t === null ? null : joinTypes(t, e.type)), checked[0].type);
    if (elementType === null || elementType.kind === "null") {
      ctx.error(node, "the elements of this array literal have no common type: annotate it");
      return null;
    }
  }
  const elements: Expr[] = [];
  for (let i = 0; i < checked.length; i++) {
    const e = coerce(env, checked[i], elementType, node.elements[i]);
    if (e === null) return null;
    elements.push(e);
  }
  return { k: "array.literal", type: { kind: "array", element: elementType, nullable: false }, loc, elements };
}

// ------------------------------------------------------------------ assignment

/** An expression whose value is not used (an expression statement). */
export function checkEffect(env: Env, node: ts.Expression): Expr | null {
  const loc = env.ctx.loc(node);
  if (ts.isParenthesizedExpression(node)) return checkEffect(env, node.expression);
  if (ts.isBinaryExpression(node)) return checkBinary(env, node, loc, undefined, false);
  if (ts.isPrefixUnaryExpression(node)) return checkPrefixUnary(env, node, loc, undefined, false);
  if (ts.isPostfixUnaryExpression(node)) return checkIncrement(env, node.operand, node.operator === ts.SyntaxKind.PlusPlusToken ? "add" : "sub", true, false, loc);
  return checkExpr(env, node);
}
