// Smaller features (docs/language.md): enums (numeric and string), type aliases, `**` and the
// Math functions with f64 results, default parameter values, optional chaining with `??`,
// `as` downcasts after an `instanceof` test, array spread, `Array.from({ length: n }, f)` and
// truncation through `a.length = n`.
import { deLit } from "./arith.js";
import { type Cx, visibleVars, withDepth } from "./context.js";
import { expr, sub } from "./expressions.js";
import type { Ex } from "./literals.js";
import { allFields, arrayTy, BOOL, F64, I32, type Param, sameTy, STR, subclasses, type Ty, tyName } from "./model.js";
import { type Choice, index, kid } from "./recipe.js";
import { arrayTypes, otherBranch } from "./references.js";
import type { Out } from "./statements.js";

// ---- enums and type aliases --------------------------------------------------------------------

/** The enums and aliases every program declares (cheap, and always valid). */
export const ENUM_LINES = ["enum En { A, B = 5, C, D = -3 }", "const enum Ce { X = 2, Y = 7 }", 'enum Sn { P = "p", Q = "Qu", R = "" }', "type Num = f64;", "type Ints = i32[];", "type Text = string;", "type Flag = boolean;", ""];
const NUM_MEMBERS = ["En.A", "En.B", "En.C", "En.D", "Ce.X", "Ce.Y"];
const STR_MEMBERS = ["Sn.P", "Sn.Q", "Sn.R"];

/** A numeric enum member (an i32; wrapped by deLit where it is compared: TypeScript would see no overlap). */
export function enumMember(c: Choice): Ex {
  return { t: NUM_MEMBERS[index(c, NUM_MEMBERS.length, 1501)], ty: I32, lit: true, pure: true, cost: 1 };
}

/** A string enum member (a literal-like type: compared only through String()). */
export function stringEnumMember(c: Choice): Ex {
  return { t: STR_MEMBERS[index(c, STR_MEMBERS.length, 1502)], ty: STR, strLit: true, pure: true, cost: 1 };
}

/** The alias to write for a declared type now and then (one in `odds`), or the type's name. */
export function aliasedName(ty: Ty, c: Choice, salt: number): string {
  if (index(c, 3, salt) !== 0) return tyName(ty);
  if (ty.k === "f64") return "Num";
  if (ty.k === "str") return "Text";
  if (ty.k === "bool") return "Flag";
  if (ty.k === "array" && !ty.nullable && ty.e.k === "i32") return "Ints";
  return tyName(ty);
}

// ---- rest parameters and optional numbers ---------------------------------------------------------

/** Declared by every program: a function with a rest parameter, one with optional numbers. */
export const PARAM_LINES = [
  "function restMix(base: i32, ...xs: i32[]): i32 {",
  "  let s = base & 1048575;",
  "  for (const x of xs) s = (s * 31 + (x & 1048575)) & 1048575;",
  "  return s + xs.length;",
  "}",
  "function optPick(a: i32, b?: i32, scale?: f64): f64 {",
  "  const base = b === undefined ? a & 4095 : (a & 4095) - (b & 4095);",
  "  return scale !== undefined ? base * scale : base;",
  "}",
  "",
];

/**
 * Declared by every program: an abstract class (an abstract method with an optional number, a
 * constructor and a method with default values) and two subclasses.
 */
export const SHAPE_LINES = [
  "abstract class Shape0 {",
  "  constructor(readonly size: i32 = 2) {}",
  "  abstract area(k?: i32): i32;",
  "  describe(scale: i32 = 1, unit: string = \"u\"): string {",
  "    return `${this.area() * (scale & 255)}${unit}`;",
  "  }",
  "}",
  "class Sq0 extends Shape0 {",
  "  area(k?: i32): i32 {",
  "    return (this.size & 1023) * (this.size & 1023) + (k ?? 0);",
  "  }",
  "}",
  "class Tri0 extends Shape0 {",
  "  area(k?: i32): i32 {",
  "    const half = ((this.size & 1023) * 3) >> 1;",
  "    return k === undefined ? half : half - (k & 255);",
  "  }",
  "}",
  "",
];

/**
 * A call on a Shape0: `(new Sq0(e) as Shape0).area(k?)`, `.describe(...).length` with defaults
 * left out, or `(c ? new Tri0() : null)?.describe(...)?.length ?? d` (a?.m()).
 */
export function shapeCall(cx: Cx, c: Choice): Ex {
  const sizeArg = index(c, 3, 1530) === 0 ? "" : deLit(sub(cx, c, 0, I32)).t;
  const made = `new ${index(c, 2, 1531) === 0 ? "Sq0" : "Tri0"}(${sizeArg})`;
  const form = index(c, 4, 1532);
  const k = deLit(sub(cx, c, 1, I32));
  if (form <= 1) {
    const arg = form === 0 ? "" : k.t;
    return { t: `(${made} as Shape0).area(${arg})`, ty: I32, pure: false, cost: k.cost + 4 };
  }
  const args = ["", `${k.t}`, `${k.t}, "cm"`][index(c, 3, 1533)];
  if (form === 2) return { t: `${made}.describe(${args}).length`, ty: I32, pure: false, cost: k.cost + 6 };
  const test = deLit(sub(cx, c, 2, BOOL));
  return { t: `(((${test.t}) ? ${made} : null)?.describe(${args}).length ?? -1)`, ty: I32, pure: false, cost: k.cost + test.cost + 6 };
}

/** `restMix(e, x, ...a, y)`: fixed and spread arguments of a rest parameter. */
export function restCall(cx: Cx, c: Choice): Ex {
  const first = deLit(sub(cx, c, 0, I32));
  const parts: Ex[] = [first];
  const n = index(c, 4, 1520);
  for (let i = 0; i < n; i++) {
    const spread = index(kid(c, 1 + i), 3, 1521) === 0;
    const e = spread ? sub(cx, c, 1 + i, arrayTy(I32)) : deLit(sub(cx, c, 1 + i, I32));
    parts.push(spread ? { ...e, t: `...${e.t}` } : e);
  }
  return { t: `restMix(${parts.map((p) => p.t).join(", ")})`, ty: I32, pure: parts.every((p) => p.pure), cost: parts.reduce((s, p) => s + p.cost, 2) };
}

/** `optPick(a)`, `optPick(a, b)`, `optPick(a, undefined, s)`, `optPick(a, b, s)`: optional numbers left out or given. */
export function optionalCall(cx: Cx, c: Choice): Ex {
  const form = index(c, 4, 1525);
  const a = deLit(sub(cx, c, 0, I32));
  const b = form === 1 || form === 3 ? deLit(sub(cx, c, 1, I32)) : null;
  const s = form >= 2 ? deLit(sub(cx, c, 2, F64)) : null;
  const args = [a.t, ...(form === 0 ? [] : [b?.t ?? "undefined"]), ...(s === null ? [] : [s.t])];
  const used = [a, b, s].filter((e): e is Ex => e !== null);
  return { t: `optPick(${args.join(", ")})`, ty: F64, pure: used.every((e) => e.pure), cost: used.reduce((t, e) => t + e.cost, 2) };
}

// ---- Math and ** ------------------------------------------------------------------------------

/** Number's constants (f64). */
const NUMBER_CONSTANTS = ["Number.MAX_SAFE_INTEGER", "Number.MIN_SAFE_INTEGER", "Number.EPSILON", "Number.MAX_VALUE", "Number.MIN_VALUE", "Number.POSITIVE_INFINITY", "Number.NEGATIVE_INFINITY", "Number.NaN"];

/**
 * `a ** b`, Math.pow/round/log/exp/sin/cos/atan2/hypot/sign/cbrt: f64 results, as JavaScript
 * computes them; now and then a Number constant, or (in main's own code, whose order of calls is
 * the reference's) `Math.random()`, seeded alike in both runs (fuzz/run/protocol.ts RANDOM_SEED).
 */
export function mathMore(cx: Cx, c: Choice): Ex {
  const extra = index(c, 8, 1512);
  if (extra === 0) return { t: NUMBER_CONSTANTS[index(c, NUMBER_CONSTANTS.length, 1513)], ty: F64, pure: true, cost: 1 };
  if (extra === 1 && cx.fn.isMain && !cx.inAtomic && !cx.pure) return { t: "Math.random()", ty: F64, pure: false, cost: 2 };
  const fn = ["**", "pow", "round", "log", "exp", "sin", "cos", "atan2", "hypot", "sign", "cbrt"][index(c, 11, 1510)];
  const arg = (i: number): Ex => deLit(sub(cx, c, i, [F64, F64, I32][index(kid(c, i), 3, 1511)]));
  if (fn === "**") {
    const a = arg(0);
    const b = arg(1);
    return { t: `((${a.t}) ** (${b.t}))`, ty: F64, pure: a.pure && b.pure, cost: a.cost + b.cost + 1 };
  }
  const two = fn === "pow" || fn === "atan2" || fn === "hypot";
  const args = two ? [arg(0), arg(1)] : [arg(0)];
  return { t: `Math.${fn}(${args.map((a) => a.t).join(", ")})`, ty: F64, pure: args.every((a) => a.pure), cost: args.reduce((s, a) => s + a.cost, 1) };
}

// ---- default parameters ------------------------------------------------------------------------

/**
 * Gives the last parameters of a top-level function default values now and then: a literal-like
 * expression of the earlier parameters (pure, reads no module variable, cannot fail).
 */
export function addDefaults(c: Choice, ps: Param[], stub: (vars: Param[]) => Cx): void {
  if (ps.length === 0 || index(c, 4, 1520) !== 0) return;
  const n = 1 + index(c, ps.length, 1521);
  for (let i = ps.length - n; i < ps.length; i++) {
    const p = ps[i];
    if (p.ty.k === "fn" || p.ty.k === "class" || (p.ty.k === "array" && !p.ty.nullable && p.ty.e.k !== "i32")) return;
  }
  for (let i = ps.length - n; i < ps.length; i++) {
    const p = ps[i];
    if (p.ty.k === "array") p.dflt = p.ty.nullable ? "null" : "[]";
    else p.dflt = expr({ ...stub(ps.slice(0, i)), depth: 1 }, kid(c, i), p.ty, p.ty).t;
  }
}

/** How many arguments a call passes (the trailing defaulted ones may be left out). */
export function argCount(c: Choice, ps: Param[]): number {
  let first = ps.length;
  while (first > 0 && ps[first - 1].dflt !== undefined) first--;
  if (first === ps.length || index(c, 2, 1525) === 0) return ps.length;
  return first + index(c, ps.length - first + 1, 1526);
}

export function paramText(p: Param): string {
  return p.dflt === undefined ? `${p.name}: ${tyName(p.ty)}` : `${p.name}: ${tyName(p.ty)} = ${p.dflt}`;
}

// ---- references --------------------------------------------------------------------------------

/** `(v?.f ?? d)` or `(v?.m() ?? d)` on a nullable class variable. */
export function optionalChain(cx: Cx, c: Choice, want: Ty): Ex | null {
  if (want.k === "class" || want.k === "array" || want.k === "fn") return null;
  const options: { t: string; ty: Ty; cost: number }[] = [];
  for (const v of visibleVars(cx)) {
    if (v.ty.k !== "class" || !v.ty.nullable) continue;
    for (const f of allFields(v.ty.c)) if (sameTy(f.ty, want)) options.push({ t: `${v.name}?.${f.name}`, ty: f.ty, cost: 2 });
  }
  if (options.length === 0) return null;
  const o = options[index(c, options.length, 1530)];
  const d = deLit(sub({ ...cx, pure: true }, c, 1, want, want));
  if (!d.pure) return null;
  return { t: `(${o.t} ?? ${d.t})`, ty: want, pure: true, cost: o.cost + d.cost };
}

/** `(x instanceof D ? (x as D).f : d)` on a class variable: the cast only after the test. */
export function downcast(cx: Cx, c: Choice, want: Ty): Ex | null {
  if (want.k === "class" || want.k === "array" || want.k === "fn") return null;
  const options: { v: string; d: string; f: string; ty: Ty }[] = [];
  for (const v of visibleVars(cx)) {
    if (v.ty.k !== "class") continue;
    for (const d of subclasses(v.ty.c)) {
      if (d === v.ty.c) continue;
      for (const f of d.fields) if (sameTy(f.ty, want)) options.push({ v: v.name, d: d.name, f: f.name, ty: f.ty });
    }
  }
  if (options.length === 0) return null;
  const o = options[index(c, options.length, 1540)];
  const other = otherBranch({ ...cx, pure: true }, c, 1, want, o.ty);
  if (!other.pure) return null;
  return { t: `(${o.v} instanceof ${o.d} ? (${o.v} as ${o.d}).${o.f} : ${other.t})`, ty: want, pure: true, cost: other.cost + 3 };
}

// ---- arrays ------------------------------------------------------------------------------------

/** `[...a, x, ...b]` of arrays with exactly the element type. */
export function spreadArray(cx: Cx, c: Choice, want: Extract<Ty, { k: "array" }>): Ex | null {
  const types = arrayTypes(cx, want.e).filter((t) => sameTy(t.e, want.e));
  if (types.length === 0) return null;
  const n = 2 + index(c, 3, 1550);
  const parts: Ex[] = [];
  for (let i = 0; i < n; i++) {
    if (index(kid(c, i), 2, 1551) === 0) {
      const a = expr(withDepth(cx, cx.depth - 1), kid(c, i), types[0]);
      parts.push({ ...a, t: `...${a.t}` });
    } else parts.push(sub(cx, c, i, want.e, want.e));
  }
  return { t: `[${parts.map((p) => p.t).join(", ")}]`, ty: arrayTy(want.e), pure: parts.every((p) => p.pure), cost: parts.reduce((s, p) => s + p.cost + 8, 2) };
}

/** `Array.from({ length: n }, (_, i) => f(i))` for primitive elements (the body uses i only). */
export function arrayFrom(cx: Cx, c: Choice, want: Extract<Ty, { k: "array" }>): Ex | null {
  const e = want.e;
  const n = sub({ ...cx, pure: true }, c, 0, I32);
  const len = index(c, 2, 1560) === 0 ? String(index(c, 6, 1561)) : `(${deLit(n).t} & 7)`;
  const i = "ix";
  let body: string;
  switch (e.k) {
    case "i32":
      body = [`${i} * 3`, `${i} - 2`, `(${i} & 1) * 100`][index(c, 3, 1562)];
      break;
    case "i64":
      body = `i64(${i}) * 1000000000000`;
      break;
    case "f64":
      body = [`f64(${i}) / 3.0`, `Math.sqrt(f64(${i}))`][index(c, 2, 1563)];
      break;
    case "bool":
      body = `${i} % 2 === 0`;
      break;
    case "str":
      body = [`String(${i})`, `"ab".charAt(${i})`, `\`<\${${i}}>\``][index(c, 3, 1564)];
      break;
    default:
      return null;
  }
  const head = index(c, 2, 1565) === 0 ? `(_, ${i})` : `(_: i32, ${i}: i32)`;
  return { t: `Array.from({ length: ${len} }, ${head} => ${body})`, ty: arrayTy(e), pure: n.pure, cost: n.cost + 30 };
}

/** `if (a.length > k) a.length = k;`: truncation only (growing fails); a resize, like pop. */
export function truncate(cx: Cx, c: Choice, ind: string, a: Ex): Out {
  const k = index(c, 4, 1570);
  return { lines: [`${ind}if (${a.t}.length > ${k}) ${a.t}.length = ${k};`], cost: a.cost * 2 + 2 };
}

