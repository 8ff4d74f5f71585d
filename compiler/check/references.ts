// Operators on references: optional chains (`a?.b.c()`), `??`, `as` casts and array spread
// (`[...a, x]`). stmc's null stands for both null and undefined (docs/language.md).
import ts from "../typescript.cjs";
import { concatArrays } from "./arrayMethods.js";
import { coerce, joinTypes, tryCoerce, type Env } from "./coerce.js";
import { checkEffect, checkExpr, nonNull } from "./expressions.js";
import type { Expr, Loc } from "./ir.js";
import { implementsInterface } from "./interfaces.js";
import { checkMapGetOr } from "./collections.js";
import { resolveTypeNode } from "./typeNodes.js";
import { box, isOptionalBox, unbox } from "./optionals.js";
import { castMessage } from "../../runtime/abi.js";
import { BOOL, isNumeric, isReference, isSubclass, sameBaseType, typeToString, VOID, withNullable, type ArrayType, type ReferenceType, type Type } from "./types.js";

/** The link of an optional chain that has the `?.` (`a?.b` in `a?.b.c()`). */
function questionLink(node: ts.Expression): ts.PropertyAccessExpression | ts.CallExpression | ts.ElementAccessExpression | null {
  let n: ts.Expression = node;
  while (ts.isPropertyAccessExpression(n) || ts.isCallExpression(n) || ts.isElementAccessExpression(n) || ts.isNonNullExpression(n)) {
    if (!ts.isNonNullExpression(n) && n.questionDotToken !== undefined) return n;
    n = n.expression;
  }
  return null;
}

/** Whether `node` is an optional chain whose `?.` is not being checked already (it is the chain's outermost link). */
export function isOpenOptionalChain(env: Env, node: ts.Expression): boolean {
  if (!ts.isOptionalChain(node)) return false;
  const link = questionLink(node);
  return link !== null && !env.ctx.resolvedChains.has(link);
}

/**
 * `a?.rest` (a whole chain: `a?.b.c()`): `a` once; when it is null the chain is undefined (a null
 * reference in stmc), or `orElse` for `chain ?? orElse`; otherwise the chain on the non-null `a`.
 * Without `??`, the result must be a reference or nothing (a number has no undefined).
 */
export function checkOptionalChain(env: Env, node: ts.Expression, loc: Loc, orElse?: Expr): Expr | null {
  const { ctx } = env;
  const link = questionLink(node)!;
  if (ts.isCallExpression(link) && !ts.isIdentifier(link.expression)) {
    ctx.error(link, "optional calls (f?.()) are supported on variables and parameters that hold function values: copy the value into a local first");
    return null;
  }
  const object = checkExpr(env, link.expression);
  if (object === null) return null;
  if (ts.isCallExpression(link) && (object.type.kind !== "class" || object.type.cls.signature === undefined)) {
    ctx.error(link.expression, `?.() calls a function value that may be null, not ${typeToString(object.type)}`);
    return null;
  }
  if (!isReference(object.type)) {
    ctx.error(link.expression, `?. needs a reference that may be null, not ${typeToString(object.type)}`);
    return null;
  }
  const tmp = env.scope.temp(object.type, "chain");
  ctx.substitutions.set(link.expression, { k: "nonnull", type: withNullable(object.type, false), loc, value: { k: "local.get", type: object.type, loc, local: tmp } });
  ctx.resolvedChains.add(link);
  let value: Expr | null;
  try {
    value = ts.isCallExpression(node) && node.parent !== undefined && ts.isExpressionStatement(node.parent) ? checkEffect(env, node) : checkExpr(env, node);
  } finally {
    ctx.substitutions.delete(link.expression);
    ctx.resolvedChains.delete(link);
  }
  if (value === null) return null;
  const set: Expr = { k: "local.set", type: object.type, loc, local: tmp, value: object, tee: true };
  const isNull: Expr = { k: "binary", type: BOOL, loc, op: "eq", operandType: object.type, left: set, right: { k: "null", type: object.type, loc } };
  if (value.type.kind === "void") return { k: "cond", type: VOID, loc, cond: isNull, then: { k: "intrinsic", type: VOID, loc, name: "nop", args: [] }, else: value };
  if (orElse !== undefined && !isReference(value.type)) {
    // `a?.x ?? d` with a number x: d exactly when a is null.
    const type = joinTypes(value.type, orElse.type);
    if (type === null) {
      ctx.error(node.parent ?? node, `the two sides of ?? have incompatible types ${typeToString(value.type)} and ${typeToString(orElse.type)}`);
      return null;
    }
    const other = coerce(env, orElse, type, node);
    const present = coerce(env, value, type, node);
    return other && present && { k: "cond", type, loc, cond: isNull, then: other, else: present };
  }
  if (!isReference(value.type)) {
    ctx.error(node, `this is ${typeToString(value.type)} or undefined, which stmc has no type for: give a default with ??`);
    return null;
  }
  const type = withNullable(value.type, true);
  const chain: Expr = { k: "cond", type, loc, cond: isNull, then: { k: "null", type, loc }, else: { k: "seq", type, loc, effects: [], value } };
  // `a?.ref ?? d`: d when a is null or when the reference is.
  return orElse === undefined ? chain : nullish(env, chain, orElse, node, loc);
}

/** `value ?? fallback` for checked operands, `value` a nullable reference. */
export function nullish(env: Env, value: Expr, fallback: Expr, node: ts.Node, loc: Loc): Expr | null {
  const type = joinTypes(withNullable(value.type as ReferenceType, false), fallback.type);
  if (type === null) {
    env.ctx.error(node, `the two sides of ?? have incompatible types ${typeToString(value.type)} and ${typeToString(fallback.type)}`);
    return null;
  }
  const tmp = env.scope.temp(value.type, "nullish");
  const set: Expr = { k: "local.set", type: value.type, loc, local: tmp, value, tee: true };
  const isNull: Expr = { k: "binary", type: BOOL, loc, op: "eq", operandType: value.type, left: set, right: { k: "null", type: value.type, loc } };
  // Not recorded as a conversion of `node` (the reference would check the whole for null).
  const present = tryCoerce({ k: "nonnull", type: withNullable(value.type as ReferenceType, false), loc, value: { k: "local.get", type: value.type, loc, local: tmp } }, type);
  const other = tryCoerce(fallback, type);
  if (present === null || other === null) {
    env.ctx.error(node, `the two sides of ?? have incompatible types ${typeToString(value.type)} and ${typeToString(fallback.type)}`);
    return null;
  }
  return { k: "cond", type, loc, cond: isNull, then: other, else: present };
}

/** `a ?? b`: `a` when it is not null (or undefined), else `b`. */
export function checkNullish(env: Env, node: ts.BinaryExpression, loc: Loc, expected: Type | undefined): Expr | null {
  const getOr = checkMapGetOr(env, node, () => checkNullishOf(env, node, loc, expected));
  return getOr !== undefined ? getOr.value : checkNullishOf(env, node, loc, expected);
}

function checkNullishOf(env: Env, node: ts.BinaryExpression, loc: Loc, expected: Type | undefined): Expr | null {
  let left = node.left;
  while (ts.isParenthesizedExpression(left)) left = left.expression;
  if (isOpenOptionalChain(env, left)) {
    // `a?.x ?? d`: d when a is null; x may then be a number.
    const fallback = checkExpr(env, node.right, expected);
    return fallback && checkOptionalChain(env, left, loc, fallback);
  }
  const value = checkExpr(env, node.left, expected);
  if (value === null) return null;
  if (!isReference(value.type) || !value.type.nullable) {
    env.ctx.error(node.left, `?? needs a value that may be null or undefined, not ${typeToString(value.type)}`);
    return null;
  }
  if (isOptionalBox(value.type)) {
    // `p ?? d` of an optional number: the value, or d (boxed only when it is taken).
    const valueType = value.type.cls.optionalOf!;
    const raw = checkExpr(env, node.right, valueType);
    const fallback = raw && coerce(env, raw, valueType, node.right);
    const either = fallback && nullish(env, value, box(fallback, withNullable(value.type, false)), node, loc);
    return either && unbox(either);
  }
  const fallback = checkExpr(env, node.right, withNullable(value.type, false));
  return fallback && nullish(env, value, fallback, node, loc);
}

/**
 * `x as T`: to a base class (no check) or a subclass (checked at run time: `cannot cast A to B`;
 * null stays null); between the same types a no-op. Numbers convert with i32(), i64(), f64().
 */
export function checkAs(env: Env, node: ts.AsExpression, loc: Loc): Expr | null {
  const { ctx } = env;
  if (ts.isConstTypeReference(node.type)) {
    ctx.error(node, "'as const' is not supported");
    return null;
  }
  const target = resolveTypeNode(ctx, node.type, env.scope.isRuntime);
  // `[] as string[]`: a literal takes the type it is asserted to have.
  let inner: ts.Expression = node.expression;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  const literal = ts.isArrayLiteralExpression(inner) || ts.isNumericLiteral(inner);
  const value = checkExpr(env, node.expression, literal && target !== null ? target : undefined);
  if (value === null || target === null) return null;
  const from = value.type;
  if (sameBaseType(from, target)) return { k: "seq", type: isReference(target) && isReference(from) ? withNullable(target, from.nullable) : target, loc, effects: [], value };
  if (from.kind === "class" && target.kind === "class") {
    const type = withNullable(target, from.nullable);
    if (target.cls.isInterface ? implementsInterface(from.cls, target.cls) : isSubclass(from.cls, target.cls)) return { k: "seq", type, loc, effects: [], value };
    // From an interface to a class that implements it: checked, as a downcast.
    if (from.cls.isInterface && !target.cls.isInterface && implementsInterface(target.cls, from.cls)) {
      const message = castMessage(from.cls.name, target.cls.name);
      ctx.stringLiterals.add(message);
      return { k: "intrinsic", type, loc, name: "cast", args: [value], cls: target.cls, message };
    }
    if (isSubclass(target.cls, from.cls)) {
      const message = castMessage(from.cls.name, target.cls.name);
      ctx.stringLiterals.add(message);
      return { k: "intrinsic", type, loc, name: "cast", args: [value], cls: target.cls, message };
    }
    ctx.error(node, `cannot cast ${from.cls.name} to ${target.cls.name}: neither class derives from the other`);
    return null;
  }
  ctx.error(node, `'as' converts between related classes, not ${typeToString(from)} to ${typeToString(target)}${isNumeric(from) && isNumeric(target) ? ": convert numbers with i32(), i64() or f64()" : ""}`);
  return null;
}

/** `[...a, x, ...b]`: a new array, the runs of plain elements and the spread arrays joined in order. */
export function checkSpreadLiteral(env: Env, node: ts.ArrayLiteralExpression, loc: Loc, expected?: Type): Expr | null {
  return arrayOfElements(env, node, node.elements, loc, expected);
}

/** A new array of `elements` (plain ones and spread arrays, in order): an array literal, a rest parameter's arguments. */
export function arrayOfElements(env: Env, node: ts.Node, elements: readonly ts.Expression[], loc: Loc, expected?: Type): Expr | null {
  const { ctx } = env;
  let type: ArrayType | null = expected?.kind === "array" ? withNullable(expected, false) : null;
  const parts: Expr[] = [];
  let run: ts.Expression[] = [];
  const flush = (): boolean => {
    if (run.length === 0) return true;
    const nodes = run;
    run = [];
    const elements = nodes.map((e) => checkExpr(env, e, type?.element));
    if (elements.some((e) => e === null)) return false;
    const elementType = type?.element ?? (elements as Expr[]).reduce<Type | null>((t, e) => (t === null ? null : joinTypes(t, e.type)), (elements as Expr[])[0].type);
    if (elementType === null || elementType.kind === "null") {
      ctx.error(node, "the elements of this array literal have no common type: annotate it");
      return false;
    }
    type ??= { kind: "array", element: elementType, nullable: false };
    const coerced = (elements as Expr[]).map((e, i) => coerce(env, e, type!.element, nodes[i]));
    if (coerced.some((e) => e === null)) return false;
    parts.push({ k: "array.literal", type, loc, elements: coerced as Expr[] });
    return true;
  };
  for (const element of elements) {
    if (!ts.isSpreadElement(element)) {
      run.push(element);
      continue;
    }
    if (!flush()) return null;
    const spread = nonNull(checkExpr(env, element.expression, type ?? undefined));
    if (spread === null) return null;
    if (spread.type.kind !== "array") {
      ctx.error(element.expression, `only arrays can be spread here, not ${typeToString(spread.type)}`);
      return null;
    }
    type ??= spread.type;
    const value = coerce(env, spread, type, element.expression);
    if (value === null) return null;
    parts.push(value);
  }
  if (!flush() || type === null) return null;
  const arrayType = type;
  if (parts.length === 0) return { k: "array.literal", type: arrayType, loc, elements: [] };
  // A single spread still copies: [...a] is a new array.
  let result = parts.length === 1 && parts[0].k === "array.literal" ? parts[0] : concatArrays(env, arrayType, { k: "array.literal", type: arrayType, loc, elements: [] }, parts[0], loc);
  for (const part of parts.slice(1)) result = concatArrays(env, arrayType, result, part, loc);
  return result;
}

