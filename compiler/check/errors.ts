// Errors and exceptions in the checker: JavaScript's `Error` is the runtime's StmcError
// (runtime/core/errors.ts); `new Error(m)`, `throw`, `try`/`catch`/`finally`. The lowering turns
// them into wasm exceptions (compiler/lower/statements.ts).
import ts from "../typescript.cjs";
import type { Env } from "./coerce.js";
import { coerce } from "./coerce.js";
import type { ClassDecl, Expr, Loc, Stmt } from "./ir.js";
import { checkExpr } from "./expressions.js";
import { classType, isSubclass, STRING, typeToString, VOID, type ClassType } from "./types.js";

export const ERROR_CLASS = "StmcError";

export function errorClass(env: Env): ClassDecl {
  return env.ctx.runtimeClass(ERROR_CLASS);
}

/** Whether `node` names JavaScript's Error (TypeScript's lib). */
export function isErrorName(env: Env, node: ts.Node): boolean {
  const builtin = env.ctx.builtinName(node);
  return builtin?.module === "lib" && builtin.name === "Error";
}

/** `new Error(message?)`: the error object, its location where it is made. */
export function newError(env: Env, node: ts.NewExpression, loc: Loc): Expr | null {
  const args = node.arguments ?? [];
  if (args.length > 1) {
    env.ctx.error(node, "new Error(message) takes one message");
    return null;
  }
  let message: Expr | null = { k: "string.literal", type: STRING, loc, value: "" };
  env.ctx.stringLiterals.add("");
  if (args.length === 1) {
    const raw = checkExpr(env, args[0], STRING);
    message = raw && coerce(env, raw, STRING, args[0]);
  }
  if (message === null) return null;
  const location: Expr = { k: "intrinsic", type: { kind: "i32" }, loc, name: "location.id", args: [] };
  return { k: "call", type: classType(errorClass(env)), loc, fn: env.ctx.runtimeFunction("error_new"), args: [message, location] };
}

/** `new E(...)` of a class that extends Error: the error is located there, as JavaScript's stack is. */
export function locateError(env: Env, made: Expr, loc: Loc): Expr {
  if (made.type.kind !== "class" || made.type.cls.runtime || !isSubclass(made.type.cls, errorClass(env))) return made;
  const location: Expr = { k: "intrinsic", type: { kind: "i32" }, loc, name: "location.id", args: [] };
  return { k: "call", type: made.type, loc, fn: env.ctx.runtimeFunction("error_at"), args: [made, location] };
}

/** `throw value` for an error object. */
export function checkThrowValue(env: Env, node: ts.ThrowStatement): Stmt[] {
  const loc = env.ctx.loc(node.expression);
  const value = checkExpr(env, node.expression);
  if (value === null) return [];
  const base = errorClass(env);
  if (value.type.kind !== "class" || !isSubclass(value.type.cls, base)) {
    env.ctx.error(node.expression, `only errors can be thrown (new Error(message), or an object of a class that extends Error), not ${typeToString(value.type)}`);
    return [];
  }
  const location: Expr = { k: "intrinsic", type: { kind: "i32" }, loc, name: "location.id", args: [] };
  const error: Expr = value.type.nullable ? { k: "nonnull", type: { ...value.type, nullable: false }, loc, value } : value;
  return [{ k: "expr", expr: { k: "call", type: VOID, loc, fn: env.ctx.runtimeFunction("error_throw"), args: [error, location] } }];
}

/** The type a `catch (e)` binding has: an error object. */
export function caughtType(env: Env): ClassType {
  return classType(errorClass(env));
}
