// Places: what an assignment, a compound assignment or an increment writes (a variable, a
// field, an array element, a tuple element, an accessor, an optional number seen as its value),
// each evaluating its object and index once where the value is read and written.
import ts from "../typescript.cjs";
import { mathHost } from "./calls.js";
import { lookupVariable } from "./closures.js";
import { setArrayLength } from "./arrayMethods.js";
import { accessorName } from "./declarations.js";
import { box, isOptionalBox, unbox } from "./optionals.js";
import { concat } from "./strings.js";
import { coerce, type Env } from "./coerce.js";
import type { ArithmeticOp, Expr, Loc } from "./ir.js";
import { recordPlace } from "./recorder.js";
import { I32, isNumeric, typeToString, withNullable, type Type } from "./types.js";


import { arithmeticExpr, checkElementAccess, checkExpr, checkIdentifier, checkPropertyAccess, nonNull, staticFieldOf } from "./expressions.js";

/** A place that can be read and written; `setup` evaluates its object and index once. */
interface Place {
  readonly type: Type;
  readonly setup: Expr[];
  get(): Expr;
  set(value: Expr, tee: boolean): Expr;
}

function checkPlace(env: Env, node: ts.Expression, reuse: boolean): Place | null {
  const { ctx } = env;
  const loc = ctx.loc(node);
  if (ts.isParenthesizedExpression(node)) return checkPlace(env, node.expression, reuse);
  if (ts.isIdentifier(node)) {
    const decl = ctx.declarationOf(node);
    const variable = decl && lookupVariable(env, decl, loc);
    if (variable !== undefined) {
      const set = variable.set;
      if (set === null) {
        ctx.error(node, `'${node.text}' is a copy captured by this function and cannot be assigned`);
        return null;
      }
      return { type: variable.type, setup: [], get: () => variable.get(loc), set: (value, tee) => set(value, tee, loc) };
    }
    const global = decl && ctx.globals.get(decl);
    if (global !== undefined) {
      return { type: global.type, setup: [], get: () => ({ k: "global.get", type: global.type, loc, global }), set: (value, tee) => ({ k: "global.set", type: tee ? global.type : VOID_T, loc, global, value, tee }) };
    }
    checkIdentifier(env, node, loc);
    return null;
  }
  if (ts.isPropertyAccessExpression(node)) {
    const staticField = staticFieldOf(env, node);
    if (staticField !== undefined) {
      const global = staticField;
      return { type: global.type, setup: [], get: () => ({ k: "global.get", type: global.type, loc, global }), set: (value, tee) => ({ k: "global.set", type: tee ? global.type : VOID_T, loc, global, value, tee }) };
    }
    const setterPlace = accessorPlace(env, node, loc, reuse);
    if (setterPlace !== undefined) return setterPlace;
    const access = checkPropertyAccess(env, node, loc);
    if (access === null) return null;
    if (access.k === "array.length") {
      // a.length = n shrinks the array (growing it is refused at run time).
      const array = reuse ? stash(env, access.array) : { setup: [], get: () => access.array };
      return {
        type: I32,
        setup: array.setup,
        get: () => ({ k: "array.length", type: I32, loc, array: array.get() }),
        set: (value, tee) => {
          const call = setArrayLength(env, array.get(), value, loc);
          return tee ? call : { k: "seq", type: VOID_T, loc, effects: [call], value: { k: "intrinsic", type: VOID_T, loc, name: "nop", args: [] } };
        },
      };
    }
    if (access.k !== "field.get") {
      ctx.error(node, "this cannot be assigned");
      return null;
    }
    const object = reuse ? stash(env, access.object) : { setup: [], get: () => access.object };
    const field = access.field;
    return {
      type: field.type,
      setup: object.setup,
      get: () => ({ k: "field.get", type: field.type, loc, object: object.get(), field }),
      set: (value, tee) => ({ k: "field.set", type: tee ? field.type : VOID_T, loc, object: object.get(), field, value, tee }),
    };
  }
  if (ts.isElementAccessExpression(node)) {
    const access = checkElementAccess(env, node, loc);
    if (access !== null && access.k === "field.get") {
      // A tuple's element.
      const field = access.field;
      const object = reuse ? stash(env, access.object) : { setup: [], get: () => access.object };
      return {
        type: field.type,
        setup: object.setup,
        get: () => ({ k: "field.get", type: field.type, loc, object: object.get(), field }),
        set: (value, tee) => ({ k: "field.set", type: tee ? field.type : VOID_T, loc, object: object.get(), field, value, tee }),
      };
    }
    if (access === null || access.k !== "index.get") return null;
    const array = reuse ? stash(env, access.array) : { setup: [], get: () => access.array };
    const index = reuse ? stash(env, access.index) : { setup: [], get: () => access.index };
    return {
      type: access.type,
      setup: [...array.setup, ...index.setup],
      get: () => ({ k: "index.get", type: access.type, loc, array: array.get(), index: index.get() }),
      set: (value, tee) => ({ k: "index.set", type: tee ? access.type : VOID_T, loc, array: array.get(), index: index.get(), value, tee }),
    };
  }
  ctx.error(node, "this expression cannot be assigned to");
  return null;
}

const VOID_T: Type = { kind: "void" };

/**
 * `o.x` as a place where `x` is an accessor: reads call the getter, writes the setter (the
 * value of `o.x = v` is v). Undefined when `x` is no setter of o's class.
 */
function accessorPlace(env: Env, node: ts.PropertyAccessExpression, loc: Loc, reuse: boolean): Place | null | undefined {
  const { ctx } = env;
  const objectType = ctx.checker.getTypeAtLocation(node.expression);
  const symbol = objectType.getProperty(node.name.text);
  // An interface's property is a getter and a setter (interfaces.ts).
  const declared = symbol?.valueDeclaration;
  const ofInterface = declared !== undefined && ts.isPropertySignature(declared) && ts.isInterfaceDeclaration(declared.parent) && ctx.interfaces.has(declared.parent);
  if (symbol === undefined || ((symbol.flags & ts.SymbolFlags.SetAccessor) === 0 && !ofInterface)) return undefined;
  const receiver = nonNull(checkExpr(env, node.expression));
  if (receiver === null || receiver.type.kind !== "class") return null;
  const cls = receiver.type.cls;
  const setter = cls.methods.get(accessorName("set", node.name.text));
  const getter = cls.methods.get(accessorName("get", node.name.text));
  if (setter === undefined) return undefined;
  const object = reuse ? stash(env, receiver) : { setup: [], get: () => receiver };
  const type = setter.fn.params[1].type;
  return {
    type,
    setup: object.setup,
    get: () => {
      if (getter === undefined) {
        ctx.error(node, `'${node.name.text}' has a setter but no getter`);
        return { k: "const", type: I32, loc, value: 0 };
      }
      return { k: "call.virtual", type: getter.fn.result, loc, receiver: object.get(), method: getter, args: [] };
    },
    set: (value, tee) => {
      const call = (v: Expr): Expr => ({ k: "call.virtual", type: VOID_T, loc, receiver: object.get(), method: setter, args: [v] });
      if (!tee) return call(value);
      const saved = stash(env, value);
      return { k: "seq", type, loc, effects: [...saved.setup, call(saved.get())], value: saved.get() };
    },
  };
}

/** Evaluates `e` once into a temporary so it can be read several times. */
function stash(env: Env, e: Expr): { setup: Expr[]; get: () => Expr } {
  if (e.k === "local.get" || e.k === "const") return { setup: [], get: () => e };
  const tmp = env.scope.temp(e.type);
  return { setup: [{ k: "local.set", type: VOID_T, loc: e.loc, local: tmp, value: e, tee: false }], get: () => ({ k: "local.get", type: e.type, loc: e.loc, local: tmp }) };
}

function withSetup(setup: Expr[], value: Expr): Expr {
  return setup.length === 0 ? value : { k: "seq", type: value.type, loc: value.loc, effects: setup, value };
}

export function checkAssignment(env: Env, node: ts.BinaryExpression, loc: Loc, valueUsed: boolean): Expr | null {
  if (ts.isArrayLiteralExpression(node.left) || ts.isObjectLiteralExpression(node.left)) {
    env.ctx.error(node.left, "destructuring assignment is not supported");
    return null;
  }
  const place = checkPlace(env, node.left, false);
  if (place === null) return null;
  const raw = checkExpr(env, node.right, place.type);
  const value = raw && coerce(env, raw, place.type, node.right);
  return value === null ? null : place.set(value, valueUsed);
}

/**
 * An optional number's place seen as its number (`p += 1`, `p++`: TypeScript allows them only
 * where `p` is narrowed to the number): reads unbox, writes box.
 */
function numberView(place: Place): Place {
  if (!isOptionalBox(place.type)) return place;
  const boxType = withNullable(place.type, false);
  return {
    type: place.type.cls.optionalOf!,
    setup: place.setup,
    get: () => unbox(place.get()),
    set: (value, tee) => (tee ? unbox(place.set(box(value, boxType), true)) : place.set(box(value, boxType), false)),
  };
}

export function checkCompoundAssignment(env: Env, node: ts.BinaryExpression, op: ArithmeticOp | "pow", loc: Loc, valueUsed: boolean): Expr | null {
  const raw = checkPlace(env, node.left, true);
  const place = raw && numberView(raw);
  recordPlace(node.left, place);
  if (place === null) return null;
  const rhs = checkExpr(env, node.right, isNumeric(place.type) ? place.type : undefined);
  if (rhs === null) return null;
  const combined =
    op === "pow" ? mathHost(env, "pow", [place.get(), rhs], [node.left, node.right], loc)
    : op === "add" && place.type.kind === "string" ? concat(env, place.get(), rhs, node, loc)
    : arithmeticExpr(env, op, place.get(), rhs, node, loc);
  const value = combined && coerce(env, combined, place.type, node);
  return value === null ? null : withSetup(place.setup, place.set(value, valueUsed));
}

/** `++x`, `x--`, ...; a postfix form whose value is used yields the old value. */
export function checkIncrement(env: Env, operand: ts.Expression, op: "add" | "sub", postfix: boolean, valueUsed: boolean, loc: Loc): Expr | null {
  const raw = checkPlace(env, operand, true);
  const place = raw && numberView(raw);
  recordPlace(operand, place);
  if (place === null) return null;
  if (!isNumeric(place.type)) {
    env.ctx.error(operand, `cannot increment or decrement a value of type ${typeToString(place.type)}`);
    return null;
  }
  const one: Expr = { k: "const", type: place.type, loc, value: place.type.kind === "i64" ? 1n : 1 };
  if (!postfix || !valueUsed) {
    const next: Expr = { k: "binary", type: place.type, loc, op, operandType: place.type, left: place.get(), right: one };
    return withSetup(place.setup, place.set(next, valueUsed));
  }
  const old = env.scope.temp(place.type);
  const oldGet: Expr = { k: "local.get", type: place.type, loc, local: old };
  const next: Expr = { k: "binary", type: place.type, loc, op, operandType: place.type, left: oldGet, right: one };
  return {
    k: "seq",
    type: place.type,
    loc,
    effects: [...place.setup, { k: "local.set", type: VOID_T, loc, local: old, value: place.get(), tee: false }, place.set(next, false)],
    value: oldGet,
  };
}

