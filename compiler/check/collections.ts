// Map and Set: JavaScript's names in a program stand for the generic classes of the library
// written in stmc (runtime/lib/collections.ts), instantiated per key and value type like any
// generic class. The library leaves two functions to the compiler, written here for each key
// type: keyHash and keyEquals (SameValueZero: NaN equals NaN, -0 equals 0, strings by content,
// objects by identity).
import ts from "../typescript.cjs";
import type { CheckContext } from "./context.js";
import type { Expr, FunctionDecl, Stmt } from "./ir.js";
import { BOOL, F64, I32, I64, isReference, typeToString, USIZE, type Type } from "./types.js";

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
