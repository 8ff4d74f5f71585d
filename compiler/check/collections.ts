// Map and Set: JavaScript's names in a program stand for the generic classes of the library
// written in stmc (runtime/lib/collections.ts), instantiated per key and value type like any
// generic class. The library leaves two functions to the compiler, written here for each key
// type: keyHash and keyEquals (SameValueZero: NaN equals NaN, -0 equals 0, strings by content,
// objects by identity).
import ts from "../typescript.cjs";
import type { CheckContext } from "./context.js";
import { coerce, type Env } from "./coerce.js";
import { checkExpr, nonNull } from "./expressions.js";
import { declareVariable } from "./closures.js";
import type { Expr, FunctionDecl, Label, Stmt } from "./ir.js";
import { BOOL, F64, I32, I64, isReference, typeToString, USIZE, VOID, type ClassType, type Type } from "./types.js";

/** The names of JavaScript's collections the library provides. */
export const COLLECTIONS = new Set(["Map", "Set"]);

/** The library's class `name` (Map, Set, MapCursor). */
export function libraryClass(ctx: CheckContext, name: string): ts.ClassDeclaration {
  for (const file of ctx.parsed.libraryFiles) {
    for (const s of file.statements) if (ts.isClassDeclaration(s) && s.name?.text === name) return s;
  }
  throw new Error(`internal error: the library has no class ${name}`);
}

const KEY_FUNCTIONS = new Set(["keyHash", "keyEquals"]);
/** 0x9E3779B1, Knuth's multiplicative hash constant, as an i32. */
const GOLDEN = -1640531535;
/** The hash of NaN (any fixed value: all NaNs are one key). */
const NAN_HASH = 0x7ff80000;

/** Whether `decl` is one of the library's functions whose body the compiler writes per key type. */
export function isKeyFunction(ctx: CheckContext, decl: ts.FunctionDeclaration): boolean {
  return decl.name !== undefined && KEY_FUNCTIONS.has(decl.name.text) && ctx.isLibraryFile(decl.getSourceFile());
}

/**
 * The body of the library's keyHash or keyEquals for key type `key` (fn's parameters are the
 * key, or the two keys). Null after reporting a key type stmc cannot hash.
 */
export function keyFunctionBody(ctx: CheckContext, decl: ts.FunctionDeclaration, fn: FunctionDecl, key: Type, at: ts.Node): Stmt[] | null {
  const loc = fn.loc;
  const param = (i: number): Expr => ({ k: "local.get", type: fn.params[i].type, loc, local: fn.params[i] });
  const i32 = (value: number): Expr => ({ k: "const", type: I32, loc, value });
  const binary = (op: "add" | "mul" | "xor" | "shr_u", type: Type, left: Expr, right: Expr): Expr => ({ k: "binary", type, loc, op, operandType: type, left, right });
  const compare = (op: "eq" | "ne", left: Expr, right: Expr): Expr => ({ k: "binary", type: BOOL, loc, op, operandType: left.type, left, right });
  const mix = (h: Expr): Expr => binary("mul", I32, h, i32(GOLDEN));
  // An i64 folded into an i32: low word xor high word.
  const fold = (x: Expr): Expr => ({ k: "convert", type: I32, loc, value: binary("xor", I64, x, binary("shr_u", I64, x, { k: "const", type: I64, loc, value: 32n })), checked: false });
  const ret = (value: Expr): Stmt[] => [{ k: "return", value }];
  const cond = (c: Expr, a: Expr, b: Expr): Expr => ({ k: "cond", type: a.type, loc, cond: c, then: a, else: b });
  if (key.kind === "class" && key.cls.optionalOf !== undefined) {
    ctx.error(at, `${typeToString(key)} cannot be a key of a Map or Set: use ${typeToString(key.cls.optionalOf)}`);
    return null;
  }
  if (decl.name!.text === "keyEquals") {
    if (key.kind === "string") {
      return ret({ k: "call", type: BOOL, loc, fn: ctx.runtimeFunction("string_equals"), args: [param(0), param(1)] });
    }
    if (key.kind === "f64") {
      // SameValueZero: -0 equals 0 (===), and NaN equals NaN.
      const bothNaN: Expr = { k: "logical", type: BOOL, loc, op: "and", left: compare("ne", param(0), param(0)), right: compare("ne", param(1), param(1)) };
      return ret({ k: "logical", type: BOOL, loc, op: "or", left: compare("eq", param(0), param(1)), right: bothNaN });
    }
    return ret(compare("eq", param(0), param(1)));
  }
  switch (key.kind) {
    case "i32":
      return ret(mix(param(0)));
    case "bool":
      return ret(mix(cond(param(0), i32(1), i32(0))));
    case "i64":
      return ret(mix(fold(param(0))));
    case "f64": {
      // -0 hashes as 0 and every NaN alike (they are equal keys); else the bits.
      const bits: Expr = { k: "intrinsic", type: I64, loc, name: "f64.to.bits", args: [param(0)] };
      const zero: Expr = { k: "const", type: F64, loc, value: 0 };
      return ret(cond(compare("eq", param(0), zero), i32(0), cond(compare("ne", param(0), param(0)), i32(NAN_HASH), mix(fold(bits)))));
    }
    case "string": {
      const text: Expr = key.nullable ? { k: "nonnull", type: { kind: "string", nullable: false }, loc, value: param(0) } : param(0);
      const hash: Expr = { k: "call", type: I32, loc, fn: ctx.runtimeFunction("string_hash"), args: [text] };
      return ret(key.nullable ? cond(compare("eq", param(0), { k: "null", type: key, loc }), i32(0), hash) : hash);
    }
    default: {
      if (!isReference(key)) break;
      // Objects by identity: the address (the collector does not move objects).
      const address: Expr = { k: "convert", type: I32, loc, value: { k: "seq", type: USIZE, loc, effects: [], value: param(0) }, checked: false };
      return ret(mix(binary("add", I32, address, binary("shr_u", I32, address, i32(4)))));
    }
  }
  ctx.error(at, `${typeToString(key)} cannot be a key of a Map or Set`);
  return null;
}

/** What a for...of over a Map or Set visits: its entries (a map's [key, value]), keys or values. */
export interface CollectionIteration {
  readonly receiver: Expr;
  readonly isMap: boolean;
  readonly view: "entries" | "keys" | "values";
}

const VIEWS = new Set(["entries", "keys", "values"]);

/** Whether `t` is an instance of the library's Map (or Set). */
function collectionKind(ctx: CheckContext, t: Type): "Map" | "Set" | null {
  if (t.kind !== "class") return null;
  const instance = ctx.instanceOf.get(t.cls);
  if (instance === undefined || !ctx.isLibraryFile(instance.decl.getSourceFile())) return null;
  const name = instance.decl.name!.text;
  return name === "Map" || name === "Set" ? name : null;
}

/**
 * `node` checked as what a for...of iterates: a Map or Set, or its keys(), values() or
 * entries(), as a collection (iterated live, with a cursor); anything else as its value.
 * Null after reporting.
 */
export function collectionIteration(env: Env, node: ts.Expression): { collection: CollectionIteration } | { value: Expr } | null {
  const { ctx } = env;
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  if (ts.isCallExpression(inner) && inner.arguments.length === 0 && ts.isPropertyAccessExpression(inner.expression) && VIEWS.has(inner.expression.name.text)) {
    const object = inner.expression.expression;
    const receiver = checkExpr(env, object);
    if (receiver === null) return null;
    const kind = collectionKind(ctx, receiver.type);
    if (kind !== null) return { collection: { receiver: nonNull(receiver)!, isMap: kind === "Map", view: inner.expression.name.text as CollectionIteration["view"] } };
    // Not a collection: the call as it is, its object checked once.
    const value = ctx.substituted(object, receiver, () => checkExpr(env, node));
    return value === null ? null : { value };
  }
  const value = checkExpr(env, node);
  if (value === null) return null;
  const kind = collectionKind(ctx, value.type);
  if (kind === null) return { value };
  return { collection: { receiver: nonNull(value)!, isMap: kind === "Map", view: kind === "Map" ? "entries" : "values" } };
}

/**
 * for...of over a collection: a cursor made by the collection's cursor(), advanced by next()
 * before each iteration; the loop variable (or the `[key, value]` pattern) is bound from it.
 * `loop` checks the body after the bindings and gives the loop's label.
 */
export function checkForOfCollection(env: Env, node: ts.ForOfStatement, it: CollectionIteration, loop: (bind: Stmt[]) => { label: Label; body: Stmt[] }): Stmt[] {
  const { ctx, scope } = env;
  const list = node.initializer;
  if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1) {
    ctx.error(node.initializer, "write for (const x of collection)");
    return [];
  }
  const decl = list.declarations[0];
  const loc = ctx.loc(node);
  const cls = (it.receiver.type as ClassType).cls;
  const cursorMethod = cls.methods.get("cursor")!;
  const cursorType = cursorMethod.fn.result as ClassType;
  const cursor = scope.temp(cursorType, "cursor");
  const read = (): Expr => ({ k: "local.get", type: cursorType, loc, local: cursor });
  const member = (name: string): Expr => {
    const m = cursorType.cls.methods.get(name)!;
    return { k: "call.virtual", type: m.fn.result, loc, receiver: read(), method: m, args: [] };
  };
  const key = (): Expr => member("get:key");
  const value = (): Expr => (it.isMap ? member("get:value") : member("get:key"));
  // What each name is bound to: an identifier takes the view's element; a pattern the entry's two parts.
  const parts: Array<{ node: ts.Node; name: string; value: () => Expr }> = [];
  if (ts.isIdentifier(decl.name)) {
    if (it.view === "entries") {
      ctx.error(decl.name, `destructure the entry: for (const [key, value] of ${it.isMap ? "map" : "set.entries()"})`);
      return [];
    }
    parts.push({ node: decl, name: decl.name.text, value: it.view === "keys" || !it.isMap ? key : value });
  } else if (ts.isArrayBindingPattern(decl.name) && it.view === "entries" && decl.name.elements.length <= 2) {
    for (const [i, element] of decl.name.elements.entries()) {
      if (ts.isOmittedExpression(element)) continue;
      if (!ts.isIdentifier(element.name) || element.dotDotDotToken !== undefined || element.initializer !== undefined) {
        ctx.error(element, "write [key, value] with plain names");
        return [];
      }
      parts.push({ node: element, name: element.name.text, value: i === 0 ? key : value });
    }
  } else {
    ctx.error(decl.name, it.view === "entries" ? "write for (const [key, value] of ...)" : "write for (const x of ...)");
    return [];
  }
  const start: Stmt = { k: "expr", expr: { k: "local.set", type: VOID, loc, local: cursor, value: { k: "call.virtual", type: cursorType, loc, receiver: it.receiver, method: cursorMethod, args: [] }, tee: false } };
  const bind = parts.flatMap((p) => {
    const v = p.value();
    return declareVariable(env, p.node, p.name, v.type, v, loc);
  });
  const { label, body } = loop(bind);
  return [{ k: "block", label: null, body: [start, { k: "loop", label, cond: member("next"), testFirst: true, body, update: [] }] }];
}

/**
 * `map.get(key) ?? fallback` where the values are numbers or booleans and the fallback is a
 * literal or a name (so evaluating it first changes nothing): the library's getOr, which boxes
 * nothing. Undefined where the expression has no `x.get(k) ?? d` shape; `normal` checks it
 * as written when it has the shape but `x` is no map of numbers.
 */
export function checkMapGetOr(env: Env, node: ts.BinaryExpression, normal: () => Expr | null): { value: Expr | null } | undefined {
  const { ctx } = env;
  let left = node.left;
  while (ts.isParenthesizedExpression(left)) left = left.expression;
  if (!ts.isCallExpression(left) || left.arguments.length !== 1 || !ts.isPropertyAccessExpression(left.expression) || left.expression.name.text !== "get") return undefined;
  let right = node.right;
  while (ts.isParenthesizedExpression(right)) right = right.expression;
  if (ts.isPrefixUnaryExpression(right) && right.operator === ts.SyntaxKind.MinusToken) right = right.operand;
  if (!ts.isNumericLiteral(right) && !ts.isIdentifier(right) && right.kind !== ts.SyntaxKind.TrueKeyword && right.kind !== ts.SyntaxKind.FalseKeyword) return undefined;
  const object = left.expression.expression;
  const receiver = checkExpr(env, object);
  if (receiver === null) return { value: null };
  const map = nonNull(receiver)!;
  const instance = map.type.kind === "class" ? ctx.instanceOf.get(map.type.cls) : undefined;
  // Anything else, or a map of references (no box to spare): checked as it is, the object checked once.
  if (collectionKind(ctx, map.type) !== "Map" || isReference(instance!.args[1])) return { value: ctx.substituted(object, receiver, normal) };
  const method = (map.type as ClassType).cls.methods.get("getOr")!;
  const [keyType, valueType] = [method.fn.params[1].type, method.fn.params[2].type];
  const key = checkExpr(env, left.arguments[0], keyType);
  const fallback = checkExpr(env, node.right, valueType);
  const k = key && coerce(env, key, keyType, left.arguments[0]);
  const d = fallback && coerce(env, fallback, valueType, node.right);
  if (k === null || d === null) return { value: null };
  return { value: { k: "call.virtual", type: valueType, loc: ctx.loc(node), receiver: map, method, args: [k, d] } };
}
