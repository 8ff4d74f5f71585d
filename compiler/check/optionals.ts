// Optional number and boolean parameters (`p?: i32`, undefined when left out). The parameter holds
// a box, an immutable object with the value (an optional reference parameter needs none: its
// undefined is null). Where TypeScript has narrowed `p` to the number (after `p !== undefined`,
// `if (p === undefined) return`, ...) reading `p` reads the box's value; elsewhere `p` is the box,
// which `=== undefined`, `??` and `!` take. A call that passes a number makes a box (one small
// allocation); one that leaves the parameter out, or passes undefined, passes null.
import ts from "../typescript.cjs";
import type { CheckContext } from "./context.js";
import type { ClassDecl, CompareOp, Expr, Field, Loc } from "./ir.js";
import { coerce, numericJoin, type Env } from "./coerce.js";
import { syntheticClass, synthesize } from "./synthetic.js";
import { BOOL, classType, typeToString, VOID, withNullable, type ClassType, type Type } from "./types.js";

/** The class of the boxes of optional parameters of type `type`. */
export function optionalBox(ctx: CheckContext, type: Type, loc: Loc): ClassDecl {
  const key = typeToString(type);
  const known = ctx.optionalBoxes.get(key);
  if (known !== undefined) return known;
  const cls = syntheticClass(ctx, `Optional<${key}>`, null, loc);
  cls.optionalOf = type;
  const field: Field = { name: "value", type, offset: -1, readonly: true, owner: cls };
  cls.fields.push(field);
  const self = { name: "this", type: classType(cls), id: 0 };
  const value = { name: "value", type, id: 1 };
  const body = [{ k: "expr" as const, expr: { k: "field.set" as const, type: VOID, loc, object: { k: "local.get" as const, type: self.type, loc, local: self }, field, value: { k: "local.get" as const, type, loc, local: value }, tee: false } }];
  cls.constructorFn = synthesize(ctx, `${cls.name}#constructor`, "constructor", [self, value], cls, body, loc);
  ctx.optionalBoxes.set(key, cls);
  return cls;
}

/** The type of an optional parameter of type `type` (a nullable box). */
export function optionalType(ctx: CheckContext, type: Type, loc: Loc): ClassType {
  return { ...classType(optionalBox(ctx, type, loc)), nullable: true };
}

/** Whether `t` is the type of an optional number or boolean (a box). */
export function isOptionalBox(t: Type): t is ClassType {
  return t.kind === "class" && t.cls.optionalOf !== undefined;
}

/** `value` (of the box's value type) in a new box. */
export function box(value: Expr, target: ClassType): Expr {
  const cls = target.cls;
  return { k: "new", type: classType(cls), loc: value.loc, cls, args: [value] };
}

/** The value in a box known not to be null (after `!`, or where TypeScript narrowed it). */
export function unbox(boxed: Expr): Expr {
  const t = boxed.type as ClassType;
  const object: Expr = t.nullable ? { k: "nonnull", type: withNullable(t, false), loc: boxed.loc, value: boxed } : boxed;
  const field = t.cls.fields[0];
  return { k: "field.get", type: field.type, loc: boxed.loc, object, field };
}

/**
 * A read of an optional parameter at `node`: its value where TypeScript has narrowed it to the
 * value's type, else the box (for `=== undefined`, `??`, `!`, or passing it on).
 */
export function readOptional(ctx: CheckContext, node: ts.Node, boxed: Expr): Expr {
  const tsType = ctx.checker.getTypeAtLocation(node);
  const parts = tsType.isUnion() ? tsType.types : [tsType];
  const mayBeUndefined = parts.some((t) => (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0);
  return mayBeUndefined ? boxed : unbox(boxed);
}

/**
 * `p === x` of an optional number `p` that may be undefined and a number: false when p is
 * undefined, else its value compared (`!==`: the negation).
 */
export function compareOptional(env: Env, node: ts.BinaryExpression, op: CompareOp, left: Expr, right: Expr, loc: Loc): Expr | null {
  const boxed = isOptionalBox(left.type) ? left : right;
  const other = boxed === left ? right : left;
  const tmp = env.scope.temp(boxed.type, "optional");
  const read: Expr = { k: "local.get", type: boxed.type, loc, local: tmp };
  const present: Expr = { k: "binary", type: BOOL, loc, op: "ne", operandType: boxed.type, left: { k: "local.set", type: boxed.type, loc, local: tmp, value: boxed, tee: true }, right: { k: "null", type: boxed.type, loc } };
  const value = unbox(read);
  const joined = numericJoin(value.type, other.type) ?? (value.type.kind === "bool" && other.type.kind === "bool" ? BOOL : null);
  if (joined === null) {
    env.ctx.error(node, `cannot compare ${typeToString(value.type)} or undefined with ${typeToString(other.type)}`);
    return null;
  }
  const l = coerce(env, boxed === left ? value : other, joined, node);
  const r = coerce(env, boxed === left ? other : value, joined, node);
  if (l === null || r === null) return null;
  const equal: Expr = { k: "binary", type: BOOL, loc, op: "eq", operandType: joined, left: l, right: r };
  const test: Expr = { k: "cond", type: BOOL, loc, cond: present, then: equal, else: { k: "const", type: BOOL, loc, value: false } };
  return op === "eq" ? test : { k: "unary", type: BOOL, loc, op: "not", operand: test };
}
