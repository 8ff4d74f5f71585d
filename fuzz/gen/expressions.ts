// Typed expressions: `expr(cx, c, want, hint)` writes an expression whose type is `want` (or an
// i32 where an i64/f64 is wanted, or a subclass): numbers and booleans here, references and
// calls in references.ts. `hint` is the type the compiler gives a bare literal at this spot.
import { binary, compound, deLit, fixLit, guardLt, negate, operandTypes, opsFor, rawDivisorAllowed, safeDivisor, type ArithOp } from "./arith.js";
import { type Cx, fnReq, riskOdds, visibleVars, withDepth } from "./context.js";
import { boolLiteral, type Ex, f64Literal, i32Literal, i64Literal } from "./literals.js";
import { assignable, BOOL, F64, fnInfoJoin, hasFn, I32, I64, isNumeric, isRef, isSubclass, join, related, type Ty, type Var } from "./model.js";
import { type Choice, choose, index, kid } from "./recipe.js";
import { arrayExpr, callExpr, classExpr, elementRead, fieldRead, guardedFieldRead, nonNullArrays, receiverFor } from "./references.js";
import { arrayMethodExpr } from "./arrays.js";
import { fnExpr, valueCall } from "./functions.js";
import { stringBool, stringExpr, stringInt, stringNumber } from "./strings.js";
import { downcast, enumMember, mathMore, optionalCall, optionalChain, restCall, shapeCall } from "./features.js";
import { genericExpr } from "./generics.js";

type Prod = readonly [number, () => Ex | null];

export function expr(cx: Cx, c: Choice, want: Ty, hint?: Ty): Ex {
  // What a function value may be (fnReq) and a missing context apply to function-typed values only.
  if (want.k !== "fn" && (cx.fnReq !== undefined || cx.noContext !== undefined)) cx = { ...cx, fnReq: undefined, noContext: undefined };
  switch (want.k) {
    case "fn": {
      const e = fnExpr(cx, c, want, hint);
      return e.fn === undefined ? { ...e, fn: fnReq(cx) } : e;
    }
    case "i32":
    case "i64":
    case "f64":
      return numeric(cx, c, want, hint);
    case "bool":
      return boolean(cx, c);
    case "str":
      return stringExpr(cx, c);
    case "class":
      return classExpr(cx, c, want, hint);
    case "array":
      return arrayExpr(cx, c, want, hint);
  }
}

/** A sub-expression one level down. */
export function sub(cx: Cx, c: Choice, i: number, want: Ty, hint?: Ty): Ex {
  return expr(withDepth(cx, cx.depth - 1), kid(c, i), want, hint);
}

/** Picks a production by `c.p`; one that does not apply here falls back to the next. */
export function pick(c: Choice, prods: readonly Prod[]): Ex {
  const live = prods.filter(([w]) => w > 0);
  const first = choose(c, live);
  const order = [first, ...live.map(([, f]) => f).filter((f) => f !== first)];
  for (const f of order) {
    const e = f();
    if (e !== null) return e;
  }
  throw new Error("no production applies");
}

/** A value of exactly `ty` (an i32 converted where an i64 or f64 is wanted). */
export function exact(e: Ex, ty: Ty): Ex {
  if (e.ty.k !== "i32" || (ty.k !== "i64" && ty.k !== "f64")) return e;
  return { ...e, t: `${ty.k}(${e.t})`, ty, lit: false, ref: false };
}

/** May an operation that can fail be written raw here (one in riskOdds)? */
export function risky(cx: Cx, c: Choice, salt: number): boolean {
  const odds = riskOdds(cx);
  return odds > 0 && index(c, odds, salt) === 0;
}

function literal(cx: Cx, c: Choice, want: Ty, hint: Ty | undefined): Ex {
  if (want.k === "i64") return i64Literal(c, cx.st.opts, hint);
  if (want.k === "f64") return f64Literal(c, hint);
  if (want.k === "bool") return boolLiteral(c);
  return i32Literal(c);
}

export function varRead(cx: Cx, c: Choice, want: Ty): Ex | null {
  const vs = visibleVars(cx).filter((v) => assignable(v.ty, want));
  if (vs.length === 0) return null;
  const v = vs[index(c, vs.length, 11)];
  return { t: v.name, ty: v.ty, ref: true, pure: true, cost: 1 };
}

function numeric(cx: Cx, c: Choice, want: Ty, hint: Ty | undefined): Ex {
  const deep = cx.depth > 0;
  const w = (n: number) => (deep ? n : 0);
  const effects = !cx.pure && cx.mode !== "const";
  return pick(c, [
    [3, () => literal(cx, c, want, hint)],
    [6, () => varRead(cx, c, want)],
    [w(3), () => fieldRead(cx, c, want)],
    [w(1), () => guardedFieldRead(cx, c, want)],
    [w(2), () => elementRead(cx, c, want)],
    [w(8), () => arithmetic(cx, c, want, hint)],
    [w(1), () => unary(cx, c, want, hint)],
    [w(2), () => conversion(cx, c, want)],
    [w(2), () => mathCall(cx, c, want)],
    [w(effects ? 3 : 0), () => callExpr(cx, c, want)],
    [w(1), () => ternary(cx, c, want, hint)],
    [w(effects ? 2 : 0), () => assignExpr(cx, c, want)],
    [w(want.k === "i32" ? 1 : 0), () => arrayLength(cx, c)],
    [w(effects ? 1 : 0), () => pushPop(cx, c, want)],
    [w(want.k === "f64" ? 0 : 1), () => intDivision(cx, c, want)],
    [w(effects ? 1 : 0), () => valueCall(cx, c, want)],
    [w(effects ? 2 : 0), () => arrayMethodExpr(cx, c, want)],
    [w(want.k === "i32" ? 2 : 0), () => stringInt(cx, c)],
    [w(want.k === "f64" ? 1 : 0), () => stringNumber(cx, c)],
    [w(want.k === "f64" ? 1 : 0), () => mathMore(cx, c)],
    [w(want.k === "f64" && cx.fn.isMain && !cx.inAtomic && !cx.pure ? 1 : 0), () => ({ t: "Math.random()", ty: F64, pure: false, cost: 2 })],
    [w(want.k === "i32" ? 1 : 0), () => restCall(cx, c)],
    [w(want.k === "i32" && effects && !cx.noNew ? 1 : 0), () => shapeCall(cx, c)],
    [w(want.k === "f64" ? 1 : 0), () => optionalCall(cx, c)],
    [w((want.k === "i32" || want.k === "str") && effects && !cx.noNew ? (cx.fn.isMain ? 2 : 1) : 0), () => genericExpr(cx, c, want)],
    [want.k === "i32" && index(c, 3, 1503) === 0 ? 1 : 0, () => enumMember(c)],
    [w(2), () => optionalChain(cx, c, want)],
    [w(2), () => downcast(cx, c, want)],
  ]);
}

function arithmetic(cx: Cx, c: Choice, want: Ty, hint: Ty | undefined): Ex | null {
  const pairs: [Ty, Ty][] = operandTypes(want);
  // An f64 can also come from `/` on two integers.
  if (want.k === "f64" && index(c, 4, 21) === 0) pairs.splice(0, pairs.length, [I32, I32], [I64, I64], [I32, I64]);
  const [lt, rt] = pairs[index(c, pairs.length, 22)];
  const ops = want.k === "f64" && lt.k !== "f64" && rt.k !== "f64" ? (["/"] as ArithOp[]) : opsFor(want, cx.st.opts);
  const op = ops[index(c, ops.length, 23)];
  const [l, r] = operands(cx, c, lt, rt, hint);
  return binary(op, l, r, cx.st.opts, index(c, 2, 24) === 0, risky(cx, c, 25));
}

/**
 * Two operands, typed as the compiler types them: a literal operand takes the other operand's
 * type, a non-literal one the context's (`hint`); two literals are avoided.
 */
function operands(cx: Cx, c: Choice, lt: Ty, rt: Ty, hint: Ty | undefined): [Ex, Ex] {
  let l = sub(cx, c, 0, lt, hint);
  let r = sub(cx, c, 1, rt, hint);
  if (l.lit && r.lit) r = deLit(r);
  if (r.lit) r = literal(cx, kid(c, 1), rt, l.ty);
  l = fixLit(l, r.ty);
  return [l, r];
}

function unary(cx: Cx, c: Choice, want: Ty, hint: Ty | undefined): Ex | null {
  const x = sub(cx, c, 0, want, hint);
  if (index(c, 3, 31) === 0 && x.ty.k !== "f64" && (x.ty.k === "i32" || cx.st.opts.i64Bits)) {
    const y = deLit(x);
    return { t: `(~${y.t})`, ty: y.ty, pure: y.pure, cost: y.cost + 1 };
  }
  return negate(x, cx.st.opts);
}

/** i32(), i64(), f64(): through a helper that cannot fail, or raw where risk allows. */
function conversion(cx: Cx, c: Choice, want: Ty): Ex | null {
  const st = cx.st;
  const odds = riskOdds(cx);
  const raw = odds > 0 && index(c, odds, 41) === 0;
  if (want.k === "f64") {
    const from = [I32, I64, F64][index(c, 3, 42)];
    const x = sub(cx, c, 0, from);
    return { t: `f64(${x.t})`, ty: F64, pure: x.pure, cost: x.cost + 1 };
  }
  const from = want.k === "i32" ? [F64, I64, I32][index(c, 3, 42)] : [F64, I32][index(c, 2, 42)];
  let x = sub(cx, c, 0, from);
  if (x.ty.k === "i32" || raw) {
    // An integer division inside i32()/i64() becomes a truncating division; keep it an f64 one.
    if (x.intDiv && !rawDivisorAllowed(st.opts, x.ty)) x = { ...x, t: `(${x.t} + 0.0)` };
    let arg = x.t;
    if (want.k === "i64" && x.ty.k === "f64" && !st.opts.i64Large) arg = `${x.t} % 4503599627370496.0`;
    return { t: `${want.k}(${arg})`, ty: want, pure: x.pure, cost: x.cost + 1 };
  }
  const helper = want.k === "i32" ? (x.ty.k === "i64" ? "toI32L" : "toI32") : "toI64";
  st.helpers.add(helper);
  return { t: `${helper}(${x.t})`, ty: want, pure: x.pure, cost: x.cost + 3 };
}

function mathCall(cx: Cx, c: Choice, want: Ty): Ex | null {
  const st = cx.st;
  const kind = index(c, want.k === "f64" ? 4 : 2, 51);
  if (want.k === "f64" && kind >= 2) {
    if (index(c, 8, 52) === 0) return { t: index(c, 2, 53) === 0 ? "Math.PI" : "Math.E", ty: F64, pure: true, cost: 1 };
    const fn = ["sqrt", "floor", "ceil", "trunc", "abs"][index(c, 5, 54)];
    const x = sub(cx, c, 0, fn === "abs" ? F64 : [F64, I32][index(c, 2, 55)]);
    return { t: `Math.${fn}(${x.t})`, ty: F64, pure: x.pure, cost: x.cost + 1 };
  }
  if (kind === 0) {
    const x = deLit(sub(cx, c, 0, want));
    if (x.ty.k === "i32" && !st.opts.i32Overflow) return { t: `(Math.abs(${x.t}) | 0)`, ty: I32, pure: x.pure, cost: x.cost + 1 };
    if (x.ty.k === "i64" && !st.opts.i64Large) return { t: `(Math.abs(${x.t}) + 0)`, ty: I64, pure: x.pure, cost: x.cost + 1 };
    return { t: `Math.abs(${x.t})`, ty: x.ty, pure: x.pure, cost: x.cost + 1 };
  }
  const n = 1 + index(c, 3, 56);
  const args: Ex[] = [];
  for (let i = 0; i < n; i++) args.push(sub(cx, c, i, want));
  // Literal arguments are typed by the others: keep one non-literal of the wanted type.
  args[0] = exact(deLit(args[0]), want);
  for (let i = 1; i < n; i++) args[i] = fixLit(args[i], want);
  let ty: Ty = args[0].ty;
  for (const a of args) ty = join(ty, a.ty) ?? ty;
  return { t: `Math.${index(c, 2, 57) === 0 ? "min" : "max"}(${args.map((a) => a.t).join(", ")})`, ty, pure: args.every((a) => a.pure), cost: args.reduce((s, a) => s + a.cost, 1) };
}

export function ternary(cx: Cx, c: Choice, want: Ty, hint: Ty | undefined): Ex | null {
  const cond = expr(withDepth({ ...cx, inCond: true }, cx.depth - 1), kid(c, 0), BOOL);
  let a = sub(cx, c, 1, want, hint);
  // The other branch's type types a literal like this one, but it is no contextual type for
  // TypeScript: an arrow there needs its own annotations.
  let b = sub(cx, c, 2, want, a.lit || hasFn(want) ? hint : a.ty);
  let ty: Ty;
  if (isRef(want)) {
    if (a.ty.k === "class" && b.ty.k === "class" && !related(a.ty.c, b.ty.c)) return null;
    ty = assignable(a.ty, b.ty) ? b.ty : assignable(b.ty, a.ty) ? a.ty : want;
    if (!assignable(a.ty, ty) || !assignable(b.ty, ty)) return null;
  } else if (isNumeric(want)) {
    if (a.lit && b.lit) b = deLit(b);
    a = fixLit(a, b.ty);
    b = fixLit(b, a.ty);
    ty = join(a.ty, b.ty) ?? want;
  } else {
    ty = want.k === "str" ? want : BOOL;
  }
  const fn = a.fn !== undefined && b.fn !== undefined ? fnInfoJoin(a.fn, b.fn) : undefined;
  // Two string literals: TypeScript types the result as their union of literal types.
  const strLit = a.strLit === true && b.strLit === true ? true : undefined;
  return { t: `(${cond.t} ? ${a.t} : ${b.t})`, ty, pure: cond.pure && a.pure && b.pure, cost: cond.cost + Math.max(a.cost, b.cost) + 1, fn, strLit };
}

/** `(v = e)`, `(v op= e)`, `v++`, `++v` on a primitive variable or field of the wanted type. */
function assignExpr(cx: Cx, c: Choice, want: Ty): Ex | null {
  const targets = assignableVars(cx).filter((v) => assignable(v.ty, want) && (v.ty.k === want.k || want.k !== "bool"));
  if (targets.length === 0) return null;
  return assignTo(cx, c, targets[index(c, targets.length, 61)]);
}

/** Primitive variables an expression may assign here. */
export function assignableVars(cx: Cx): Var[] {
  return visibleVars(cx).filter((v) => v.mutable && !v.frozen && !isRef(v.ty));
}

/** An expression that assigns `v` and has its new (or, for v++, old) value. */
export function assignTo(cx: Cx, c: Choice, v: Var): Ex | null {
  const st = cx.st;
  const form = index(c, isNumeric(v.ty) ? 4 : 1, 62);
  if (form === 0) {
    const e = sub(cx, c, 0, v.ty, v.ty);
    return { t: `(${v.name} = ${e.t})`, ty: v.ty, pure: false, cost: e.cost + 1 };
  }
  if (form === 1) {
    const ops = opsFor(v.ty, st.opts);
    const op = ops[index(c, ops.length, 63)];
    const e = sub(cx, c, 0, v.ty, v.ty);
    const text = compound(v.name, v.ty, op, e, st.opts, index(c, 2, 64) === 0, risky(cx, c, 66));
    return text === null ? null : { t: `(${text})`, ty: v.ty, pure: false, cost: e.cost + 1 };
  }
  const inc = index(c, 2, 65) === 0 ? "++" : "--";
  if (v.ty.k === "i32" && !st.opts.i32Overflow) return { t: `(${v.name} = ((${v.name} ${inc[0]} 1) | 0))`, ty: v.ty, pure: false, cost: 1 };
  return { t: form === 2 ? `${v.name}${inc}` : `${inc}${v.name}`, ty: v.ty, pure: false, cost: 1 };
}

function arrayLength(cx: Cx, c: Choice): Ex | null {
  const arrays = nonNullArrays(cx, c, null);
  if (arrays === null) return null;
  return { t: `${arrays.t}.length`, ty: I32, pure: arrays.pure, cost: arrays.cost + 1 };
}

/** `a.push(v)` (the new length) or a guarded `a.pop()!`. */
function pushPop(cx: Cx, c: Choice, want: Ty): Ex | null {
  if (index(c, 2, 71) === 0 && want.k === "i32" && !cx.noPush) {
    const a = receiverFor(cx, c, null, true);
    if (a === null || a.ty.k !== "array") return null;
    const v = sub(cx, c, 1, a.ty.e, a.ty.e);
    return { t: `${a.t}.push(${v.t})`, ty: I32, pure: false, cost: a.cost + v.cost + 2 };
  }
  if (cx.noResize) return null;
  const a = receiverFor(cx, c, want, true);
  if (a === null || a.ty.k !== "array" || !a.pure) return null;
  const odds = riskOdds(cx);
  if (odds > 0 && index(c, odds, 72) === 0) return { t: `${a.t}.pop()!`, ty: a.ty.e, pure: false, cost: a.cost + 1 };
  const other = sub(cx, c, 1, a.ty.e, a.ty.e);
  return { t: `(${a.t}.length > 0 ? ${a.t}.pop()! : ${other.t})`, ty: a.ty.e, pure: false, cost: a.cost + other.cost + 2 };
}

/** `i32(a / b)` / `i64(a / b)`: one truncating division in compiled code. */
function intDivision(cx: Cx, c: Choice, want: Ty): Ex | null {
  const st = cx.st;
  const a = deLit(sub(cx, c, 0, want));
  const b = sub(cx, c, 1, want, a.ty);
  const ty = join(a.ty, b.ty) ?? want;
  const raw = rawDivisorAllowed(st.opts, ty) && risky(cx, c, 81);
  const d = raw ? b.t : safeDivisor(b, index(c, 2, 82) === 0);
  return { t: `${want.k}(${a.t} / ${d})`, ty: want, pure: a.pure && b.pure, cost: a.cost + b.cost + 1 };
}

// ---- booleans ----------------------------------------------------------------------------------

function boolean(cx: Cx, c: Choice): Ex {
  const deep = cx.depth > 0;
  const w = (n: number) => (deep ? n : 0);
  const effects = !cx.pure && cx.mode !== "const";
  return pick(c, [
    [2, () => (cx.inCond ? constantCondition(c) : boolLiteral(c))],
    [4, () => varRead(cx, c, BOOL)],
    [w(2), () => fieldRead(cx, c, BOOL)],
    [w(1), () => elementRead(cx, c, BOOL)],
    [w(9), () => comparison(cx, c)],
    [w(1), () => boolEquality(cx, c)],
    [w(3), () => logical(cx, c)],
    [w(2), () => not(cx, c)],
    [w(2), () => refComparison(cx, c)],
    [w(cx.inCond ? 0 : 1), () => instanceOf(cx, c)],
    [w(effects ? 2 : 0), () => callExpr(cx, c, BOOL)],
    [w(1), () => ternary(cx, c, BOOL, undefined)],
    [w(effects ? 1 : 0), () => assignExpr(cx, c, BOOL)],
    [w(effects ? 1 : 0), () => valueCall(cx, c, BOOL)],
    [w(effects ? 2 : 0), () => arrayMethodExpr(cx, c, BOOL)],
    [w(2), () => stringBool(cx, c)],
    [w(1), () => optionalChain(cx, c, BOOL)],
    [w(1), () => downcast(cx, c, BOOL)],
  ]);
}

/**
 * true/false where TypeScript would see a constant condition: it takes the other branch as
 * unreachable and stops narrowing there, so it is written as a comparison instead.
 */
function constantCondition(c: Choice): Ex {
  return { t: index(c, 2) === 0 ? "(i32(0) === i32(0))" : "(i32(0) !== i32(0))", ty: BOOL, pure: true, cost: 1 };
}

const NUMERIC_PAIRS: [Ty, Ty][] = [[I32, I32], [I32, I32], [I64, I64], [F64, F64], [F64, F64], [I32, I64], [I64, I32], [I32, F64], [F64, I32]];

function comparison(cx: Cx, c: Choice): Ex {
  const [lt, rt] = NUMERIC_PAIRS[index(c, NUMERIC_PAIRS.length, 91)];
  const op = ["<", "<=", ">", ">=", "===", "!==", "==", "!="][index(c, 8, 92)];
  let [l, r] = operands(cx, c, lt, rt, undefined);
  if (op[0] === "=" || op[0] === "!") {
    // x === 5 would make TypeScript narrow x to the literal type 5 (and reject a later x === 6).
    l = deLit(l);
    r = deLit(r);
  }
  return { t: `(${l.t} ${op} ${guardLt(op, r).t})`, ty: BOOL, pure: l.pure && r.pure, cost: l.cost + r.cost + 1 };
}

/** `(a < b) === (c >= d)`: booleans compared, on values TypeScript types `boolean` (not true/false). */
function boolEquality(cx: Cx, c: Choice): Ex {
  const l = comparison(withDepth(cx, cx.depth - 1), kid(c, 0));
  const r = comparison(withDepth(cx, cx.depth - 1), kid(c, 1));
  return { t: `(${l.t} ${index(c, 2, 97) === 0 ? "===" : "!=="} ${r.t})`, ty: BOOL, pure: l.pure && r.pure, cost: l.cost + r.cost + 1 };
}

function logical(cx: Cx, c: Choice): Ex {
  const l = expr(withDepth({ ...cx, inCond: true }, cx.depth - 1), kid(c, 0), BOOL);
  const r = sub(cx, c, 1, BOOL);
  return { t: `(${l.t} ${index(c, 2, 93) === 0 ? "&&" : "||"} ${r.t})`, ty: BOOL, pure: l.pure && r.pure, cost: l.cost + r.cost + 1 };
}

function not(cx: Cx, c: Choice): Ex {
  const x = sub(cx, c, 0, BOOL);
  return { t: `!${x.t}`, ty: BOOL, pure: x.pure, cost: x.cost + 1 };
}

/** `x === null`, `x !== y` on references; never on a narrowable reference inside a condition. */
function refComparison(cx: Cx, c: Choice): Ex | null {
  const x = receiverFor(cx, c, null, false);
  if (x === null || (cx.inCond && x.ref)) return null;
  const op = index(c, 2, 94) === 0 ? "===" : "!==";
  if (index(c, 2, 95) === 0 || x.ty.k !== "class") return { t: `(${x.t} ${op} null)`, ty: BOOL, pure: x.pure, cost: x.cost + 1 };
  const y = expr(withDepth(cx, cx.depth - 1), kid(c, 1), { k: "class", c: x.ty.c, nullable: true });
  if (y.ty.k !== "class" || !related(x.ty.c, y.ty.c) || (cx.inCond && y.ref)) return null;
  // `this` has TypeScript's polymorphic this type: comparable with its class and its bases only
  // (against a subclass, TypeScript reports that the types have no overlap).
  if ((x.t === "this" && !isSubclass(x.ty.c, y.ty.c)) || (y.t === "this" && !isSubclass(y.ty.c, x.ty.c))) return null;
  return { t: `(${x.t} ${op} ${y.t})`, ty: BOOL, pure: x.pure && y.pure, cost: x.cost + y.cost + 1 };
}

function instanceOf(cx: Cx, c: Choice): Ex | null {
  const x = receiverFor(cx, c, null, false);
  if (x === null || x.ty.k !== "class") return null;
  const cls = x.ty.c;
  const candidates = cx.st.classes.filter((d) => related(d, cls));
  const d = candidates[index(c, candidates.length, 96)];
  return { t: `(${x.t} instanceof ${d.name})`, ty: BOOL, pure: x.pure, cost: x.cost + 1 };
}
