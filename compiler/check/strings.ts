// Strings in the checker: literals and templates, `+`, comparisons, String(x), and the methods
// of JavaScript's strings, each a call of runtime/core/strings.ts or a function written here
// with the IR builder (positions clamped as JavaScript clamps them). Two deliberate differences,
// both documented in docs/language.md: `s[i]` and `s.charCodeAt(i)` fail outside the string
// (JavaScript gives undefined and NaN; charCodeAt is an i32 here), and toUpperCase /
// toLowerCase change ASCII letters only.
import ts from "../typescript.cjs";
import { cachedHelper, IrBuilder } from "./build.js";
import { coerce, type Env } from "./coerce.js";
import { checkExpr, isNumericLiteralLike, toF64 } from "./expressions.js";
import { nullish } from "./references.js";
import { isOptionalBox, unbox } from "./optionals.js";
import type { CompareOp, Expr, FunctionDecl, Loc } from "./ir.js";
import { arrayType, BOOL, F64, I32, STRING, typeToString, type Type } from "./types.js";

const I32_MAX = 2147483647;

export function stringLiteral(env: Env, value: string, loc: Loc): Expr {
  env.ctx.stringLiterals.add(value);
  return { k: "string.literal", type: STRING, loc, value };
}

function runtimeCall(env: Env, name: string, args: Expr[], type: Type, loc: Loc): Expr {
  return { k: "call", type, loc, fn: env.ctx.runtimeFunction(name), args };
}

/** String(value), as JavaScript converts numbers, booleans and strings (null: "null"). */
export function toStringValue(env: Env, value: Expr, node: ts.Node): Expr | null {
  const loc = value.loc;
  const t = value.type;
  if (isOptionalBox(t)) {
    // `${p}` of an optional number that may be undefined.
    const tmp = env.scope.temp(t, "optional");
    const present: Expr = { k: "binary", type: BOOL, loc, op: "ne", operandType: t, left: { k: "local.set", type: t, loc, local: tmp, value, tee: true }, right: { k: "null", type: t, loc } };
    const shown = toStringValue(env, unbox({ k: "local.get", type: t, loc, local: tmp }), node);
    return shown && { k: "cond", type: STRING, loc, cond: present, then: shown, else: stringLiteral(env, "undefined", loc) };
  }
  switch (t.kind) {
    case "string":
      if (!t.nullable) return value;
      return nullish(env, value, stringLiteral(env, "null", loc), node, loc);
    case "i32":
      return runtimeCall(env, "string_from_i32", [value], STRING, loc);
    case "i64":
      return runtimeCall(env, "string_from_i64", [value], STRING, loc);
    case "f64":
      return runtimeCall(env, "string_from_f64", [value], STRING, loc);
    case "bool":
      return { k: "cond", type: STRING, loc, cond: value, then: stringLiteral(env, "true", loc), else: stringLiteral(env, "false", loc) };
    case "null":
      return stringLiteral(env, "null", loc);
  }
  env.ctx.error(node, `a value of type ${typeToString(t)} cannot be converted to a string (numbers, booleans and strings can)`);
  return null;
}

/** `left + right` where one side is a string. */
export function concat(env: Env, left: Expr, right: Expr, node: ts.Node, loc: Loc): Expr | null {
  const l = toStringValue(env, left, node);
  const r = toStringValue(env, right, node);
  if (l === null || r === null) return null;
  return runtimeCall(env, "string_concat", [l, r], STRING, loc);
}

/** `a op b` on two strings (either may be nullable for === and !==). */
export function compareStrings(env: Env, op: CompareOp, left: Expr, right: Expr, loc: Loc): Expr {
  if (op === "eq" || op === "ne") {
    const equal = runtimeCall(env, "string_equals", [left, right], BOOL, loc);
    return op === "eq" ? equal : { k: "unary", type: BOOL, loc, op: "not", operand: equal };
  }
  const order = runtimeCall(env, "string_compare", [left, right], I32, loc);
  return { k: "binary", type: BOOL, loc, op, operandType: I32, left: order, right: { k: "const", type: I32, loc, value: 0 } };
}

/** A template literal: its parts joined, each substitution converted with String(x). */
export function checkTemplate(env: Env, node: ts.TemplateExpression, loc: Loc): Expr | null {
  let result: Expr | null = node.head.text === "" ? null : stringLiteral(env, node.head.text, loc);
  for (const span of node.templateSpans) {
    const raw = checkExpr(env, span.expression);
    const part = raw && toStringValue(env, raw, span.expression);
    if (part === null) return null;
    result = result === null ? part : runtimeCall(env, "string_concat", [result, part], STRING, loc);
    if (span.literal.text !== "") result = runtimeCall(env, "string_concat", [result, stringLiteral(env, span.literal.text, loc)], STRING, loc);
  }
  return result ?? stringLiteral(env, "", loc);
}

/** A string as a condition: JavaScript's truthiness (not null, not empty). */
export function stringCondition(value: Expr): Expr {
  const loc = value.loc;
  const length = (v: Expr): Expr => ({ k: "binary", type: BOOL, loc, op: "ne", operandType: I32, left: { k: "intrinsic", type: I32, loc, name: "string.length", args: [v] }, right: { k: "const", type: I32, loc, value: 0 } });
  return length(value);
}

/** The code unit at `index` (an i32), failing like an array index outside the string. */
export function codeUnitAt(value: Expr, index: Expr, loc: Loc): Expr {
  return { k: "intrinsic", type: I32, loc, name: "string.code.at", args: [value, index] };
}

/** `s[i]`: the code unit at i as a string (fails outside the string). */
export function charAtIndex(env: Env, value: Expr, index: Expr, loc: Loc): Expr {
  return runtimeCall(env, "string_from_char_code", [codeUnitAt(value, index, loc)], STRING, loc);
}

// ----------------------------------------------------------------------------- methods

/** The names of the string methods stmc has, for messages. */
export const STRING_METHODS = [
  "charAt", "charCodeAt", "indexOf", "lastIndexOf", "includes", "startsWith", "endsWith", "substring", "slice", "split", "trim",
  "trimStart", "trimEnd", "toUpperCase", "toLowerCase", "repeat", "padStart", "padEnd", "concat", "toString",
];

/** `s.name(args)` on a (non-null) string; undefined when `name` is no string method of stmc. */
export function checkStringMethod(env: Env, node: ts.CallExpression, s: Expr, name: string, loc: Loc): Expr | null | undefined {
  const { ctx } = env;
  const args = node.arguments;
  const arity = (min: number, max: number): boolean => {
    if (args.length >= min && args.length <= max) return true;
    ctx.error(node, `${name}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? "" : "s"}, got ${args.length}`);
    return false;
  };
  const arg = (i: number, type: Type, absent?: number | string): Expr | null => {
    if (args[i] === undefined) return typeof absent === "string" ? stringLiteral(env, absent, loc) : { k: "const", type: I32, loc, value: absent ?? 0 };
    const raw = checkExpr(env, args[i], type);
    return raw && coerce(env, raw, type, args[i]);
  };
  const call = (fn: FunctionDecl | string, rest: (Expr | null)[], type: Type): Expr | null => {
    if (rest.some((a) => a === null)) return null;
    const all = [s, ...(rest as Expr[])];
    return typeof fn === "string" ? runtimeCall(env, fn, all, type, loc) : { k: "call", type: fn.result, loc, fn, args: all };
  };
  switch (name) {
    case "charCodeAt": {
      if (!arity(0, 1)) return null;
      const i = arg(0, I32);
      return i && codeUnitAt(s, i, loc);
    }
    case "charAt":
      return arity(0, 1) ? call(charAtHelper(env, loc), [arg(0, I32)], STRING) : null;
    case "indexOf":
    case "includes":
    case "startsWith":
      if (!arity(1, 2)) return null;
      return call(searchHelper(env, name, loc), [arg(0, STRING), arg(1, I32, 0)], name === "indexOf" ? I32 : BOOL);
    case "lastIndexOf":
    case "endsWith":
      if (!arity(1, 2)) return null;
      return call(searchHelper(env, name, loc), [arg(0, STRING), arg(1, I32, I32_MAX)], name === "lastIndexOf" ? I32 : BOOL);
    case "substring":
    case "slice":
      if (!arity(1, 2)) return null;
      return call(rangeHelper(env, name, loc), [arg(0, I32), arg(1, I32, I32_MAX)], STRING);
    case "split":
      if (!arity(1, 1)) return null;
      return call(splitHelper(env, loc), [arg(0, STRING)], arrayType(STRING));
    case "trim":
    case "trimStart":
    case "trimEnd":
      if (!arity(0, 0)) return null;
      return call("string_trim", [{ k: "const", type: I32, loc, value: name === "trim" ? 0 : name === "trimStart" ? 1 : 2 }], STRING);
    case "toUpperCase":
    case "toLowerCase":
      if (!arity(0, 0)) return null;
      return call("string_case", [{ k: "const", type: BOOL, loc, value: name === "toUpperCase" }], STRING);
    case "repeat": {
      if (!arity(1, 1)) return null;
      const raw = checkExpr(env, args[0], isNumericLiteralLike(args[0]) ? I32 : undefined);
      if (raw === null) return null;
      if (raw.type.kind !== "i32" && raw.type.kind !== "f64") {
        ctx.error(args[0], `repeat() takes a number, not ${typeToString(raw.type)}`);
        return null;
      }
      // A negative or infinite count throws, located here.
      return call("string_repeat", [toF64(raw), { k: "intrinsic", type: I32, loc, name: "location.id", args: [] }], STRING);
    }
    case "padStart":
    case "padEnd":
      if (!arity(1, 2)) return null;
      return call("string_pad", [arg(0, I32), arg(1, STRING, " "), { k: "const", type: BOOL, loc, value: name === "padStart" }], STRING);
    case "concat": {
      let result: Expr | null = s;
      for (const a of args) {
        const raw = checkExpr(env, a);
        const part = raw && toStringValue(env, raw, a);
        result = result && part && runtimeCall(env, "string_concat", [result, part], STRING, loc);
      }
      return result;
    }
    case "toString":
      return arity(0, 0) ? s : null;
  }
  return undefined;
}


function lengthOf(b: IrBuilder, s: Expr): Expr {
  return { k: "intrinsic", type: I32, loc: b.loc, name: "string.length", args: [s] };
}

function runtime(env: Env, b: IrBuilder, name: string, args: Expr[], type: Type): Expr {
  return { k: "call", type, loc: b.loc, fn: env.ctx.runtimeFunction(name), args };
}

/** charAt(i): "" outside the string. */
function charAtHelper(env: Env, loc: Loc): FunctionDecl {
  return cachedHelper(env.ctx, "string|charAt", () => {
    const b = new IrBuilder(env.ctx, loc, [{ name: "s", type: STRING }, { name: "i", type: I32 }]);
    const [s, i] = b.params.map((p) => b.get(p));
    const inside = b.and(b.compare("ge", i, b.i32(0)), b.compare("lt", i, lengthOf(b, s)));
    return b.finish("String$charAt", STRING, [
      b.if(inside, [b.ret(runtime(env, b, "string_from_char_code", [codeUnitAt(s, i, loc)], STRING))]),
      b.ret(stringLiteral(env, "", loc)),
    ]);
  });
}

/** indexOf, includes, startsWith, lastIndexOf, endsWith: the position clamped to [0, length]. */
function searchHelper(env: Env, name: string, loc: Loc): FunctionDecl {
  return cachedHelper(env.ctx, `string|${name}`, () => {
    const result = name === "indexOf" || name === "lastIndexOf" ? I32 : BOOL;
    const b = new IrBuilder(env.ctx, loc, [{ name: "s", type: STRING }, { name: "search", type: STRING }, { name: "position", type: I32 }]);
    const [s, search, position] = b.params.map((p) => b.get(p));
    const at = b.local(I32, "at");
    const clamp = b.set(at, b.min(b.max(position, b.i32(0)), lengthOf(b, s)));
    let value: Expr;
    switch (name) {
      case "indexOf": value = runtime(env, b, "string_index_of", [s, search, b.get(at)], I32); break;
      case "includes": value = b.compare("ge", runtime(env, b, "string_index_of", [s, search, b.get(at)], I32), b.i32(0)); break;
      case "startsWith": value = runtime(env, b, "string_matches_at", [s, search, b.get(at)], BOOL); break;
      case "lastIndexOf": value = runtime(env, b, "string_last_index_of", [s, search, b.get(at)], I32); break;
      default: value = runtime(env, b, "string_matches_at", [s, search, b.op("sub", b.get(at), lengthOf(b, search))], BOOL);
    }
    return b.finish(`String$${name}`, result, [clamp, b.ret(value)]);
  });
}

/** substring (positions clamped, swapped when reversed) and slice (negative from the end). */
function rangeHelper(env: Env, name: string, loc: Loc): FunctionDecl {
  return cachedHelper(env.ctx, `string|${name}`, () => {
    const b = new IrBuilder(env.ctx, loc, [{ name: "s", type: STRING }, { name: "start", type: I32 }, { name: "end", type: I32 }]);
    const [s, start, end] = b.params.map((p) => b.get(p));
    const n = b.local(I32, "n");
    const from = b.local(I32, "from");
    const to = b.local(I32, "to");
    const clamp = (x: Expr) => b.min(b.max(x, b.i32(0)), b.get(n));
    const body = name === "substring"
      ? [b.set(from, b.min(clamp(start), clamp(end))), b.set(to, b.max(clamp(start), clamp(end)))]
      : [b.set(from, b.relative(start, b.get(n))), b.set(to, b.max(b.relative(end, b.get(n)), b.get(from)))];
    return b.finish(`String$${name}`, STRING, [
      b.set(n, lengthOf(b, s)),
      ...body,
      b.ret(runtime(env, b, "string_substring", [s, b.get(from), b.get(to)], STRING)),
    ]);
  });
}

/** split(separator): the pieces between separators; "" splits into code units. */
function splitHelper(env: Env, loc: Loc): FunctionDecl {
  return cachedHelper(env.ctx, "string|split", () => {
    const type = arrayType(STRING);
    const b = new IrBuilder(env.ctx, loc, [{ name: "s", type: STRING }, { name: "separator", type: STRING }]);
    const [s, separator] = b.params.map((p) => b.get(p));
    const out = b.local(type, "out");
    const i = b.local(I32, "i");
    const from = b.local(I32, "from");
    const at = b.local(I32, "at");
    const piece = (start: Expr, end: Expr) => runtime(env, b, "string_substring", [s, start, end], STRING);
    const find = () => runtime(env, b, "string_index_of", [s, separator, b.get(from)], I32);
    return b.finish("String$split", type, [
      b.set(out, b.emptyArray(STRING)),
      b.if(b.compare("eq", lengthOf(b, separator), b.i32(0)), [
        ...b.forRange(i, b.i32(0), () => lengthOf(b, s), () => [b.push(b.get(out), piece(b.get(i), b.op("add", b.get(i), b.i32(1))))]),
        b.ret(b.get(out)),
      ]),
      b.set(from, b.i32(0)),
      b.set(at, find()),
      b.while(b.compare("ge", b.get(at), b.i32(0)), () => [
        b.push(b.get(out), piece(b.get(from), b.get(at))),
        b.set(from, b.op("add", b.get(at), lengthOf(b, separator))),
        b.set(at, find()),
      ]),
      b.push(b.get(out), piece(b.get(from), lengthOf(b, s))),
      b.ret(b.get(out)),
    ]);
  });
}

/** The code points of a string, each as a string (a surrogate pair stays together): for...of. */
export function codePoints(env: Env, s: Expr, loc: Loc): Expr {
  const fn = cachedHelper(env.ctx, "string|codePoints", () => {
    const type = arrayType(STRING);
    const b = new IrBuilder(env.ctx, loc, [{ name: "s", type: STRING }]);
    const str = b.get(b.params[0]);
    const out = b.local(type, "out");
    const i = b.local(I32, "i");
    const step = b.local(I32, "step");
    const unitAt = (at: Expr) => codeUnitAt(str, at, loc);
    const between = (x: Expr, lo: number, hi: number) => b.and(b.compare("ge", x, b.i32(lo)), b.compare("le", x, b.i32(hi)));
    const pair = b.and(
      b.and(between(unitAt(b.get(i)), 0xd800, 0xdbff), b.compare("lt", b.op("add", b.get(i), b.i32(1)), lengthOf(b, str))),
      between(unitAt(b.op("add", b.get(i), b.i32(1))), 0xdc00, 0xdfff),
    );
    return b.finish("String$codePoints", type, [
      b.set(out, b.emptyArray(STRING)),
      b.set(i, b.i32(0)),
      b.while(b.compare("lt", b.get(i), lengthOf(b, str)), () => [
        b.set(step, b.cond(pair, b.i32(2), b.i32(1))),
        b.push(b.get(out), runtime(env, b, "string_substring", [str, b.get(i), b.op("add", b.get(i), b.get(step))], STRING)),
        b.set(i, b.op("add", b.get(i), b.get(step))),
      ]),
      b.ret(b.get(out)),
    ]);
  });
  return { k: "call", type: fn.result, loc, fn, args: [s] };
}

/** String(x), String.fromCharCode(c, ...), parseInt(s, radix?), parseFloat(s), Number(x). */
export function checkStringFunction(env: Env, node: ts.CallExpression, name: string, loc: Loc): Expr | null {
  const { ctx } = env;
  const args = node.arguments;
  const one = (): Expr | null => {
    if (args.length !== 1) {
      ctx.error(node, `${name}() takes one argument here`);
      return null;
    }
    return checkExpr(env, args[0]);
  };
  switch (name) {
    case "String": {
      const value = one();
      return value && toStringValue(env, value, args[0]);
    }
    case "fromCharCode": {
      let result: Expr | null = null;
      for (const a of args) {
        const raw = checkExpr(env, a, I32);
        const code = raw && coerce(env, raw, I32, a);
        if (code === null) return null;
        const piece = runtimeCall(env, "string_from_char_code", [code], STRING, loc);
        result = result === null ? piece : runtimeCall(env, "string_concat", [result, piece], STRING, loc);
      }
      return result ?? stringLiteral(env, "", loc);
    }
    case "parseInt":
    case "parseFloat": {
      if (args.length < 1 || args.length > (name === "parseInt" ? 2 : 1)) {
        ctx.error(node, `${name}() takes ${name === "parseInt" ? "a string and an optional radix" : "one string"}`);
        return null;
      }
      const raw = checkExpr(env, args[0], STRING);
      const s = raw && coerce(env, raw, STRING, args[0]);
      const radixRaw = args[1] === undefined ? ({ k: "const", type: I32, loc, value: 0 } as Expr) : checkExpr(env, args[1], I32);
      const radix = radixRaw && args[1] !== undefined ? coerce(env, radixRaw, I32, args[1]) : radixRaw;
      if (s === null || radix === null) return null;
      return runtimeCall(env, "string_parse", [{ k: "const", type: I32, loc, value: name === "parseInt" ? 0 : 1 }, s, radix], F64, loc);
    }
    case "Number": {
      const value = one();
      if (value === null) return null;
      if (value.type.kind === "string") {
        const s = value.type.nullable ? coerce(env, value, STRING, args[0]) : value;
        return s && runtimeCall(env, "string_parse", [{ k: "const", type: I32, loc, value: 2 }, s, { k: "const", type: I32, loc, value: 0 }], F64, loc);
      }
      if (value.type.kind === "i32" || value.type.kind === "i64" || value.type.kind === "f64") return toF64(value);
      if (value.type.kind === "bool") return { k: "cond", type: F64, loc, cond: value, then: { k: "const", type: F64, loc, value: 1 }, else: { k: "const", type: F64, loc, value: 0 } };
      ctx.error(args[0], `Number() converts strings, numbers and booleans, not ${typeToString(value.type)}`);
      return null;
    }
  }
  ctx.error(node.expression, `${name}() is not supported`);
  return null;
}
