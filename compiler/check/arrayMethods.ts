// Array methods beyond push/pop/fill: each is a function the checker writes once per element
// type (and callback type), in the same IR as the program, so that its accesses are barriered,
// its references traced and its calls dispatched like any other code. Semantics are
// JavaScript's: callbacks get (value, index, array) and visit the indices below the length the
// call started with that are still present; negative positions count from the end; sort is
// stable (a merge sort) and calls the comparator as a JavaScript engine may.
import ts from "../typescript.cjs";
import { cachedHelper, IrBuilder } from "./build.js";
import { checkFunctionValue, signatureOf, type ExpectedSignature } from "./closures.js";
import { coerce, type Env } from "./coerce.js";
import { checkExpr, FUNCTION_BODIES, isNumericLiteralLike, nonNull } from "./expressions.js";
import type { ClassDecl, Expr, FunctionDecl, Loc, Stmt } from "./ir.js";
import { arrayType, BOOL, I32, isNumeric, isReference, sameType, STRING, typeToString, VOID, type ArrayType, type Type } from "./types.js";
import { compareStrings, stringLiteral, toStringValue } from "./strings.js";
import { ARRAY_LENGTH_MESSAGE } from "../../runtime/abi.js";

const I32_MAX = 2147483647;

/** The array methods this file provides, for messages. */
export const ARRAY_METHODS = [
  "push", "pop", "fill", "forEach", "map", "filter", "reduce", "some", "every", "find", "findIndex", "indexOf", "lastIndexOf",
  "includes", "slice", "splice", "concat", "reverse", "sort", "join",
];

/** `array.name(args)` for the methods of this file; undefined when `name` is none of them. */
export function checkArrayMethodCall(env: Env, node: ts.CallExpression, array: Expr, name: string, loc: Loc): Expr | null | undefined {
  const type = { ...(array.type as ArrayType), nullable: false };
  const element = type.element;
  const args = node.arguments;
  const { ctx } = env;
  const arity = (min: number, max: number): boolean => {
    if (args.length >= min && args.length <= max) return true;
    ctx.error(node, `${name}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? "" : "s"}, got ${args.length}`);
    return false;
  };
  const call = (fn: FunctionDecl | null, rest: (Expr | null)[]): Expr | null =>
    fn === null || rest.some((a) => a === null) ? null : { k: "call", type: fn.result, loc, fn, args: [array, ...(rest as Expr[])] };
  const position = (i: number, absent: number): Expr | null => (args[i] === undefined ? { k: "const", type: I32, loc, value: absent } : argument(env, args[i], I32));
  const full = [element, I32, type];
  switch (name) {
    case "forEach":
    case "some":
    case "every":
    case "findIndex":
    case "filter":
    case "find": {
      if (!arity(1, 1)) return null;
      if (name === "find" && !isReference(element)) {
        ctx.error(node.expression, `find() on an array of ${typeToString(element)} returns a number or undefined, which stmc has no type for: use findIndex()`);
        return null;
      }
      const f = callback(env, args[0], full, name === "forEach" ? VOID : BOOL);
      return f && call(visitHelper(env, name, type, f, loc), [f]);
    }
    case "map": {
      if (!arity(1, 1)) return null;
      const f = callback(env, args[0], full, null);
      if (f === null) return null;
      if (signatureOf(f.type)!.result.kind === "void") {
        ctx.error(args[0], "the function given to map() must return a value");
        return null;
      }
      return call(mapHelper(env, type, f, loc), [f]);
    }
    case "reduce": {
      if (!arity(1, 2)) return null;
      const init = args.length === 2 ? argument(env, args[1], isNumericLiteralLike(args[1]) && isNumeric(element) ? element : undefined) : null;
      if (args.length === 2 && init === null) return null;
      const acc = init?.type ?? element;
      if (acc.kind === "null") {
        ctx.error(args[1], "the initial value of reduce() needs a type: write it as a typed variable");
        return null;
      }
      const f = callback(env, args[0], [acc, element, I32, type], acc);
      return f && call(reduceHelper(env, type, f, init !== null, loc), init === null ? [f] : [f, init]);
    }
    case "indexOf":
    case "lastIndexOf":
    case "includes": {
      if (!arity(1, 2)) return null;
      const value = argument(env, args[0], element);
      const from = position(1, name === "lastIndexOf" ? I32_MAX : 0);
      return call(searchHelper(env, name, type, loc), [value, from]);
    }
    case "slice":
      if (!arity(0, 2)) return null;
      return call(sliceHelper(env, type, loc), [position(0, 0), position(1, I32_MAX)]);
    case "splice": {
      if (!arity(1, Number.MAX_SAFE_INTEGER)) return null;
      const items = args.slice(2).map((a) => argument(env, a, element));
      if (items.some((i) => i === null)) return null;
      const inserted: Expr = { k: "array.literal", type, loc, elements: items as Expr[] };
      return call(spliceHelper(env, type, loc), [position(0, 0), position(1, I32_MAX), inserted]);
    }
    case "concat": {
      let result: Expr | null = array;
      for (const a of args) {
        const other = argument(env, a, type);
        result = result && other && { k: "call", type, loc, fn: concatHelper(env, type, loc), args: [result, other] };
      }
      return result;
    }
    case "reverse":
      return arity(0, 0) ? call(reverseHelper(env, type, loc), []) : null;
    case "sort": {
      if (!arity(0, 1)) return null;
      if (args.length === 0) {
        // JavaScript compares the elements' strings (numbers too: [10, 9, 1] sorts to [1, 10, 9]).
        if (element.kind === "class" || element.kind === "array") {
          ctx.error(node, "sort() without a comparator compares objects as the same string in JavaScript: pass a comparator");
          return null;
        }
        return call(sortHelper(env, type, null, loc, node), []);
      }
      const f = callback(env, args[0], [element, element], null);
      if (f === null) return null;
      const result = signatureOf(f.type)!.result;
      if (!isNumeric(result)) {
        ctx.error(args[0], `a comparator returns a number, not ${typeToString(result)}`);
        return null;
      }
      return call(sortHelper(env, type, f, loc, node), [f]);
    }
    case "join": {
      if (!arity(0, 1)) return null;
      const separator = args.length === 0 ? stringLiteral(env, ",", loc) : argument(env, args[0], STRING);
      if (separator === null) return null;
      const fn = joinHelper(env, type, node, loc);
      return fn && call(fn, [separator]);
    }
    case "fill": {
      if (!arity(1, 3)) return null;
      const value = argument(env, args[0], element);
      return call(fillHelper(env, type, loc), [value, position(1, 0), position(2, I32_MAX)]);
    }
  }
  return undefined;
}

function argument(env: Env, node: ts.Expression, type: Type | undefined): Expr | null {
  const raw = checkExpr(env, node, type);
  return raw && type !== undefined ? coerce(env, raw, type, node) : raw;
}

/**
 * A callback argument: a function literal takes its parameter types from `params` (and its
 * result from `result`, or from its body when null); any other function value must take a
 * prefix of `params`.
 */
function callback(env: Env, node: ts.Expression, params: Type[], result: Type | null): Expr | null {
  const { ctx } = env;
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  if (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) {
    const want: ExpectedSignature = { params, result };
    return checkFunctionValue(env, inner, want, FUNCTION_BODIES);
  }
  const value = checkExpr(env, node);
  if (value === null) return null;
  const sig = signatureOf(value.type);
  const fits = sig !== null && sig.params.length <= params.length && sig.params.every((t, i) => sameType(t, params[i]));
  const resultFits = sig !== null && (result === null || result.kind === "void" || sameType(sig.result, result));
  if (!fits || !resultFits) {
    const wanted = `(${params.map(typeToString).join(", ")}) => ${result === null ? "..." : typeToString(result)}`;
    ctx.error(node, `this function does not fit ${wanted}: a value of type ${typeToString(value.type)}`);
    return null;
  }
  return nonNull(value);
}

// ----------------------------------------------------------------------------- helpers


function keyOf(name: string, type: ArrayType, f?: Expr): string {
  return `${name}|${typeToString(type)}|${f === undefined ? "" : (f.type as { cls: ClassDecl }).cls.name}`;
}

/** forEach, some, every, findIndex, filter, find: one pass calling `f(value, index, array)`. */
function visitHelper(env: Env, name: string, type: ArrayType, f: Expr, loc: Loc): FunctionDecl {
  return cachedHelper(env.ctx, keyOf(name, type, f), () => {
    const element = type.element;
    const result: Type = name === "forEach" ? VOID : name === "findIndex" ? I32 : name === "filter" ? type : name === "find" ? { ...(element as ArrayType), nullable: true } : BOOL;
    const b = new IrBuilder(env.ctx, loc, [{ name: "array", type }, { name: "f", type: f.type }]);
    const [a, fn] = b.params.map((p) => b.get(p));
    const n = b.local(I32, "n");
    const i = b.local(I32, "i");
    const v = b.local(element, "v");
    const out = b.local(type, "out");
    const test = () => b.callValue(fn, [b.get(v), b.get(i), a]);
    const step: Stmt[] = [b.set(v, b.at(a, b.get(i)))];
    let after: Stmt[];
    switch (name) {
      case "forEach":
        step.push(b.expr(test()));
        after = [];
        break;
      case "some":
        step.push(b.if(test(), [b.ret(b.bool(true))]));
        after = [b.ret(b.bool(false))];
        break;
      case "every":
        step.push(b.if(b.not(test()), [b.ret(b.bool(false))]));
        after = [b.ret(b.bool(true))];
        break;
      case "findIndex":
        step.push(b.if(test(), [b.ret(b.get(i))]));
        after = [b.ret(b.i32(-1))];
        break;
      case "find":
        step.push(b.if(test(), [b.ret(b.get(v))]));
        after = [b.ret(b.zero(element))];
        break;
      default: // filter
        step.push(b.if(test(), [b.push(b.get(out), b.get(v))]));
        after = [b.ret(b.get(out))];
    }
    const present = b.compare("lt", b.get(i), b.length(a));
    return b.finish(`Array$${name}`, result, [
      b.set(n, b.length(a)),
      ...(name === "filter" ? [b.set(out, b.emptyArray(element))] : []),
      ...b.forRange(i, b.i32(0), () => b.get(n), () => [b.if(present, step)]),
      ...after,
    ]);
  });
}

function mapHelper(env: Env, type: ArrayType, f: Expr, loc: Loc): FunctionDecl {
  return cachedHelper(env.ctx, keyOf("map", type, f), () => {
    const mapped = signatureOf(f.type)!.result;
    const b = new IrBuilder(env.ctx, loc, [{ name: "array", type }, { name: "f", type: f.type }]);
    const [a, fn] = b.params.map((p) => b.get(p));
    const n = b.local(I32, "n");
    const i = b.local(I32, "i");
    const out = b.local(arrayType(mapped), "out");
    return b.finish("Array$map", arrayType(mapped), [
      b.set(n, b.length(a)),
      b.set(out, b.newArray(mapped, b.get(n))),
      ...b.forRange(i, b.i32(0), () => b.get(n), () => [
        b.if(b.compare("lt", b.get(i), b.length(a)), [b.store(b.get(out), b.get(i), b.callValue(fn, [b.at(a, b.get(i)), b.get(i), a]))]),
      ]),
      b.ret(b.get(out)),
    ]);
  });
}

function reduceHelper(env: Env, type: ArrayType, f: Expr, hasInitial: boolean, loc: Loc): FunctionDecl {
  // Without an initial value it fails on an empty array: one per call site, to be located there.
  return cachedHelper(env.ctx, keyOf(hasInitial ? "reduce" : `reduce1@${loc.join(":")}`, type, f), () => {
    const acc = signatureOf(f.type)!.result;
    const params = [{ name: "array", type }, { name: "f", type: f.type }, ...(hasInitial ? [{ name: "initial", type: acc }] : [])];
    const b = new IrBuilder(env.ctx, loc, params);
    const [a, fn] = b.params.map((p) => b.get(p));
    const n = b.local(I32, "n");
    const i = b.local(I32, "i");
    const value = b.local(acc, "acc");
    const start: Stmt[] = hasInitial
      ? [b.set(value, b.get(b.params[2])), b.set(i, b.i32(0))]
      : [
          b.if(b.compare("eq", b.get(n), b.i32(0)), [b.throwMessage("Reduce of empty array with no initial value")]),
          b.set(value, b.at(a, b.i32(0))),
          b.set(i, b.i32(1)),
        ];
    const next: Expr = { k: "local.set", type: VOID, loc, local: i, value: b.op("add", b.get(i), b.i32(1)), tee: false };
    return b.finish("Array$reduce", acc, [
      b.set(n, b.length(a)),
      ...start,
      b.while(b.compare("lt", b.get(i), b.get(n)), () => [
        b.if(b.compare("lt", b.get(i), b.length(a)), [b.set(value, b.callValue(fn, [b.get(value), b.at(a, b.get(i)), b.get(i), a]))]),
      ], [next]),
      b.ret(b.get(value)),
    ]);
  });
}

/** indexOf and lastIndexOf compare with ===; includes with SameValueZero (it finds NaN). */
function searchHelper(env: Env, name: string, type: ArrayType, loc: Loc): FunctionDecl {
  return cachedHelper(env.ctx, keyOf(name, type), () => {
    const element = type.element;
    const b = new IrBuilder(env.ctx, loc, [{ name: "array", type }, { name: "value", type: element }, { name: "from", type: I32 }]);
    const [a, value, from] = b.params.map((p) => b.get(p));
    const n = b.local(I32, "n");
    const i = b.local(I32, "i");
    const x = () => b.at(a, b.get(i));
    let equal = b.compare("eq", x(), value);
    if (name === "includes" && element.kind === "f64") equal = b.or(equal, b.and(b.compare("ne", x(), x()), b.compare("ne", value, value)));
    const found = name === "includes" ? b.bool(true) : b.get(i);
    const missing = name === "includes" ? b.bool(false) : b.i32(-1);
    const result = name === "includes" ? BOOL : I32;
    if (name === "lastIndexOf") {
      // From min(from, n - 1), or n + from when negative, down to 0.
      const startAt = b.cond(b.compare("lt", from, b.i32(0)), b.op("add", b.get(n), from), b.min(from, b.op("sub", b.get(n), b.i32(1))));
      const down: Expr = { k: "local.set", type: VOID, loc, local: i, value: b.op("sub", b.get(i), b.i32(1)), tee: false };
      return b.finish(`Array$${name}`, result, [
        b.set(n, b.length(a)),
        b.set(i, startAt),
        b.while(b.compare("ge", b.get(i), b.i32(0)), () => [b.if(equal, [b.ret(found)])], [down]),
        b.ret(missing),
      ]);
    }
    return b.finish(`Array$${name}`, result, [
      b.set(n, b.length(a)),
      ...b.forRange(i, b.relative(from, b.get(n)), () => b.get(n), () => [b.if(equal, [b.ret(found)])]),
      b.ret(missing),
    ]);
  });
}

function sliceHelper(env: Env, type: ArrayType, loc: Loc): FunctionDecl {
  return cachedHelper(env.ctx, keyOf("slice", type), () => {
    const b = new IrBuilder(env.ctx, loc, [{ name: "array", type }, { name: "start", type: I32 }, { name: "end", type: I32 }]);
    const [a, start, end] = b.params.map((p) => b.get(p));
    const n = b.local(I32, "n");
    const stop = b.local(I32, "stop");
    const i = b.local(I32, "i");
    const out = b.local(type, "out");
    return b.finish("Array$slice", type, [
      b.set(n, b.length(a)),
      b.set(stop, b.relative(end, b.get(n))),
      b.set(out, b.emptyArray(type.element)),
      ...b.forRange(i, b.relative(start, b.get(n)), () => b.get(stop), () => [b.push(b.get(out), b.at(a, b.get(i)))]),
      b.ret(b.get(out)),
    ]);
  });
}

/** splice(start, deleteCount, items): the removed elements; the array keeps its head, then the items, then its tail. */
function spliceHelper(env: Env, type: ArrayType, loc: Loc): FunctionDecl {
  return cachedHelper(env.ctx, keyOf("splice", type), () => {
    const b = new IrBuilder(env.ctx, loc, [{ name: "array", type }, { name: "start", type: I32 }, { name: "deleteCount", type: I32 }, { name: "items", type }]);
    const [a, start, deleteCount, items] = b.params.map((p) => b.get(p));
    const n = b.local(I32, "n");
    const at = b.local(I32, "at");
    const count = b.local(I32, "count");
    const i = b.local(I32, "i");
    const removed = b.local(type, "removed");
    const tail = b.local(type, "tail");
    return b.finish("Array$splice", type, [
      b.set(n, b.length(a)),
      b.set(at, b.relative(start, b.get(n))),
      b.set(count, b.min(b.max(deleteCount, b.i32(0)), b.op("sub", b.get(n), b.get(at)))),
      b.set(removed, b.emptyArray(type.element)),
      ...b.forRange(i, b.get(at), () => b.op("add", b.get(at), b.get(count)), () => [b.push(b.get(removed), b.at(a, b.get(i)))]),
      b.set(tail, b.emptyArray(type.element)),
      ...b.forRange(i, b.op("add", b.get(at), b.get(count)), () => b.get(n), () => [b.push(b.get(tail), b.at(a, b.get(i)))]),
      b.while(b.compare("gt", b.length(a), b.get(at)), () => [b.pop(a)]),
      ...b.forRange(i, b.i32(0), () => b.length(items), () => [b.push(a, b.at(items, b.get(i)))]),
      ...b.forRange(i, b.i32(0), () => b.length(b.get(tail)), () => [b.push(a, b.at(b.get(tail), b.get(i)))]),
      b.ret(b.get(removed)),
    ]);
  });
}

/**
 * `Array.from({ length: n }, (_, i) => ...)` (n elements, each the callback's value for its index;
 * its first parameter, undefined in JavaScript, is a 0 here) and `Array.from(array, f?)` (a copy,
 * or `array.map(f)`).
 */
export function checkArrayFrom(env: Env, node: ts.CallExpression, loc: Loc): Expr | null {
  const { ctx } = env;
  const [source, fnNode] = node.arguments;
  if (source === undefined || node.arguments.length > 2) {
    ctx.error(node, "Array.from takes { length: n } or an array, and a function");
    return null;
  }
  if (ts.isObjectLiteralExpression(source)) {
    const property = source.properties.length === 1 ? source.properties[0] : undefined;
    if (property === undefined || !ts.isPropertyAssignment(property) || property.name.getText() !== "length" || fnNode === undefined) {
      ctx.error(source, "Array.from takes { length: n } with a function for the elements: Array.from({ length: n }, (_, i) => ...)");
      return null;
    }
    const length = argument(env, property.initializer, I32);
    const f = callback(env, fnNode, [I32, I32], null);
    if (length === null || f === null) return null;
    const produced = signatureOf(f.type)!.result;
    if (produced.kind === "void") {
      ctx.error(fnNode, "the function given to Array.from must return a value");
      return null;
    }
    const type = arrayType(produced);
    const fn = cachedHelper(env.ctx, keyOf("fromLength", type, f), () => {
      const b = new IrBuilder(env.ctx, loc, [{ name: "n", type: I32 }, { name: "f", type: f.type }]);
      const [n, fv] = b.params.map((p) => b.get(p));
      const i = b.local(I32, "i");
      const out = b.local(type, "out");
      return b.finish("Array$from", type, [
        b.set(out, b.newArray(produced, b.max(n, b.i32(0)))),
        ...b.forRange(i, b.i32(0), () => b.length(b.get(out)), () => [b.store(b.get(out), b.get(i), b.callValue(fv, [b.i32(0), b.get(i)]))]),
        b.ret(b.get(out)),
      ]);
    });
    return { k: "call", type, loc, fn, args: [length, f] };
  }
  const array = nonNull(checkExpr(env, source));
  if (array === null) return null;
  if (array.type.kind !== "array") {
    ctx.error(source, `Array.from takes { length: n } or an array, not ${typeToString(array.type)}`);
    return null;
  }
  const type = array.type;
  if (fnNode === undefined) return concatArrays(env, type, { k: "array.literal", type, loc, elements: [] }, array, loc);
  const f = callback(env, fnNode, [type.element, I32], null);
  return f && { k: "call", type: arrayType(signatureOf(f.type)!.result), loc, fn: mapHelper(env, type, f, loc), args: [array, f] };
}

/** `a.length = n` (its value n): pops down to n; more than the length (or less than 0) fails. */
export function setArrayLength(env: Env, array: Expr, n: Expr, loc: Loc): Expr {
  const type = { ...(array.type as ArrayType), nullable: false };
  // Per call site: the failure is located there.
  const fn = cachedHelper(env.ctx, `setLength@${loc.join(":")}|${typeToString(type)}`, () => {
    const b = new IrBuilder(env.ctx, loc, [{ name: "array", type }, { name: "n", type: I32 }]);
    const [a, length] = b.params.map((p) => b.get(p));
    return b.finish("Array$setLength", I32, [
      b.if(b.or(b.compare("gt", length, b.length(a)), b.compare("lt", length, b.i32(0))), [b.throwMessage(ARRAY_LENGTH_MESSAGE)]),
      b.while(b.compare("gt", b.length(a), length), () => [b.pop(a)]),
      b.ret(length),
    ]);
  });
  return { k: "call", type: I32, loc, fn, args: [array, n] };
}

/** A new array: the elements of `a`, then those of `b`. */
export function concatArrays(env: Env, type: ArrayType, a: Expr, b: Expr, loc: Loc): Expr {
  return { k: "call", type, loc, fn: concatHelper(env, type, loc), args: [a, b] };
}

function concatHelper(env: Env, type: ArrayType, loc: Loc): FunctionDecl {
  return cachedHelper(env.ctx, keyOf("concat", type), () => {
    const b = new IrBuilder(env.ctx, loc, [{ name: "array", type }, { name: "other", type }]);
    const [a, other] = b.params.map((p) => b.get(p));
    const i = b.local(I32, "i");
    const out = b.local(type, "out");
    return b.finish("Array$concat", type, [
      b.set(out, b.emptyArray(type.element)),
      ...b.forRange(i, b.i32(0), () => b.length(a), () => [b.push(b.get(out), b.at(a, b.get(i)))]),
      ...b.forRange(i, b.i32(0), () => b.length(other), () => [b.push(b.get(out), b.at(other, b.get(i)))]),
      b.ret(b.get(out)),
    ]);
  });
}

function reverseHelper(env: Env, type: ArrayType, loc: Loc): FunctionDecl {
  return cachedHelper(env.ctx, keyOf("reverse", type), () => {
    const b = new IrBuilder(env.ctx, loc, [{ name: "array", type }]);
    const a = b.get(b.params[0]);
    const lo = b.local(I32, "lo");
    const hi = b.local(I32, "hi");
    const t = b.local(type.element, "t");
    const step: Expr[] = [
      { k: "local.set", type: VOID, loc, local: lo, value: b.op("add", b.get(lo), b.i32(1)), tee: false },
      { k: "local.set", type: VOID, loc, local: hi, value: b.op("sub", b.get(hi), b.i32(1)), tee: false },
    ];
    return b.finish("Array$reverse", type, [
      b.set(lo, b.i32(0)),
      b.set(hi, b.op("sub", b.length(a), b.i32(1))),
      b.while(b.compare("lt", b.get(lo), b.get(hi)), () => [
        b.set(t, b.at(a, b.get(lo))),
        b.store(a, b.get(lo), b.at(a, b.get(hi))),
        b.store(a, b.get(hi), b.get(t)),
      ], step),
      b.ret(a),
    ]);
  });
}

function fillHelper(env: Env, type: ArrayType, loc: Loc): FunctionDecl {
  return cachedHelper(env.ctx, keyOf("fill", type), () => {
    const b = new IrBuilder(env.ctx, loc, [{ name: "array", type }, { name: "value", type: type.element }, { name: "start", type: I32 }, { name: "end", type: I32 }]);
    const [a, value, start, end] = b.params.map((p) => b.get(p));
    const i = b.local(I32, "i");
    const stop = b.local(I32, "stop");
    return b.finish("Array$fill", type, [
      b.set(stop, b.relative(end, b.length(a))),
      ...b.forRange(i, b.relative(start, b.length(a)), () => b.get(stop), () => [b.store(a, b.get(i), value)]),
      b.ret(a),
    ]);
  });
}

/**
 * join(separator): each element as String(x) would write it, joined pairwise in rounds so that
 * a long array costs O(total length x log n) copying, not quadratic.
 */
function joinHelper(env: Env, type: ArrayType, node: ts.Node, loc: Loc): FunctionDecl | null {
  const key = keyOf("join", type);
  const known = env.ctx.helpers.get(key);
  if (known !== undefined) return known;
  const parts = arrayType(STRING);
  const b = new IrBuilder(env.ctx, loc, [{ name: "array", type }, { name: "separator", type: STRING }]);
  const [a, separator] = b.params.map((p) => b.get(p));
  const i = b.local(I32, "i");
  const n = b.local(I32, "n");
  const current = b.local(parts, "parts");
  const next = b.local(parts, "next");
  const element = (): Expr => b.at(a, b.get(i));
  // JavaScript joins a null element as "" (toStringValue would write "null").
  const text = type.element.kind === "string" && type.element.nullable
    ? b.cond(b.compare("eq", element(), b.zero(type.element)), stringLiteral(env, "", loc), { k: "nonnull", type: STRING, loc, value: element() })
    : toStringValue(env, element(), node);
  if (text === null) return null;
  const concat = (x: Expr, y: Expr): Expr => ({ k: "call", type: STRING, loc, fn: env.ctx.runtimeFunction("string_concat"), args: [x, y] });
  const fn = b.finish("Array$join", STRING, [
    b.set(current, b.emptyArray(STRING)),
    ...b.forRange(i, b.i32(0), () => b.length(a), () => [b.push(b.get(current), text)]),
    b.if(b.compare("eq", b.length(b.get(current)), b.i32(0)), [b.ret(stringLiteral(env, "", loc))]),
    b.while(b.compare("gt", b.length(b.get(current)), b.i32(1)), () => [
      b.set(next, b.emptyArray(STRING)),
      b.set(n, b.length(b.get(current))),
      b.set(i, b.i32(0)),
      b.while(b.compare("lt", b.get(i), b.get(n)), () => [
        b.if(
          b.compare("lt", b.op("add", b.get(i), b.i32(1)), b.get(n)),
          [b.push(b.get(next), concat(concat(b.at(b.get(current), b.get(i)), separator), b.at(b.get(current), b.op("add", b.get(i), b.i32(1)))))],
          [b.push(b.get(next), b.at(b.get(current), b.get(i)))],
        ),
      ], [{ k: "local.set", type: VOID, loc, local: i, value: b.op("add", b.get(i), b.i32(2)), tee: false }]),
      b.set(current, b.get(next)),
    ]),
    b.ret(b.at(b.get(current), b.i32(0))),
  ]);
  env.ctx.helpers.set(key, fn);
  return fn;
}

/**
 * A stable merge sort, bottom-up: runs of `width` merged pairwise from one buffer into the
 * other; the left element goes first unless the comparator says it is greater (> 0), as in
 * JavaScript, where a NaN result counts as 0. Without a comparator (`f` null), unless its string
 * is greater (JavaScript's default order: by String(x), code unit by code unit).
 */
function sortHelper(env: Env, type: ArrayType, f: Expr | null, loc: Loc, node: ts.Node): FunctionDecl {
  return cachedHelper(env.ctx, f === null ? `sort|${typeToString(type)}` : keyOf("sort", type, f), () => {
    const element = type.element;
    const b = new IrBuilder(env.ctx, loc, [{ name: "array", type }, ...(f === null ? [] : [{ name: "compare", type: f.type }])]);
    const [a, cmp] = b.params.map((p) => b.get(p));
    const [n, width, lo, mid, hi, l, r, k] = ["n", "width", "lo", "mid", "hi", "l", "r", "k"].map((name) => b.local(I32, name));
    const src = b.local(type, "src");
    const dst = b.local(type, "dst");
    const swap = b.local(type, "swap");
    const greater = (x: Expr, y: Expr): Expr => {
      if (f === null) return compareStrings(env, "gt", toStringValue(env, x, node)!, toStringValue(env, y, node)!, loc);
      const resultType = signatureOf(f.type)!.result;
      const zero: Expr = resultType.kind === "f64" ? { k: "const", type: resultType, loc, value: 0 } : b.zero(resultType);
      return b.compare("gt", b.callValue(cmp, [x, y]), zero);
    };
    const inc = (x: typeof l): Stmt => b.set(x, b.op("add", b.get(x), b.i32(1)));
    const takeLeft = b.and(b.compare("lt", b.get(l), b.get(mid)), b.or(
      b.compare("ge", b.get(r), b.get(hi)),
      b.not(greater(b.at(b.get(src), b.get(l)), b.at(b.get(src), b.get(r)))),
    ));
    const merge = b.forRange(k, b.get(lo), () => b.get(hi), () => [
      b.if(takeLeft, [b.store(b.get(dst), b.get(k), b.at(b.get(src), b.get(l))), inc(l)], [b.store(b.get(dst), b.get(k), b.at(b.get(src), b.get(r))), inc(r)]),
    ]);
    const pass = [
      b.set(lo, b.i32(0)),
      b.while(b.compare("lt", b.get(lo), b.get(n)), () => [
        b.set(mid, b.min(b.op("add", b.get(lo), b.get(width)), b.get(n))),
        b.set(hi, b.min(b.op("add", b.get(mid), b.get(width)), b.get(n))),
        b.set(l, b.get(lo)),
        b.set(r, b.get(mid)),
        ...merge,
        b.set(lo, b.get(hi)),
      ]),
      b.set(swap, b.get(src)),
      b.set(src, b.get(dst)),
      b.set(dst, b.get(swap)),
      b.set(width, b.op("mul", b.get(width), b.i32(2))),
    ];
    const copyBack = b.forRange(k, b.i32(0), () => b.get(n), () => [b.store(a, b.get(k), b.at(b.get(src), b.get(k)))]);
    return b.finish("Array$sort", type, [
      b.set(n, b.length(a)),
      b.if(b.compare("lt", b.get(n), b.i32(2)), [b.ret(a)]),
      b.set(src, a),
      b.set(dst, b.newArray(element, b.get(n))),
      b.set(width, b.i32(1)),
      b.while(b.compare("lt", b.get(width), b.get(n)), () => pass),
      b.if(b.compare("ne", b.get(src), a), copyBack),
      b.ret(a),
    ]);
  });
}

