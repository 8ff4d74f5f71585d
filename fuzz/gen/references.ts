// References (objects and arrays), field and element reads, and calls of functions and methods.
import { deLit, fixLit } from "./arith.js";
import { type Cx, fnReq, lvlBound, producible, reach, riskOdds, visibleVars, withDepth } from "./context.js";
import { assignableVars, assignTo, exact, expr, pick, sub, ternary, varRead } from "./expressions.js";
import type { Ex } from "./literals.js";
import {
  allFields,
  allSlots,
  arrayTy,
  assignable,
  BOOL,
  type Callable,
  type ClassDef,
  classTy,
  fnInfoLeq,
  hasFn,
  STORED,
  I32,
  isRef,
  isSubclass,
  join,
  type MethodSlot,
  type Param,
  reachableImpls,
  sameTy,
  subclasses,
  type Ty,
  tyName,
  withNull,
  implFor,
} from "./model.js";
import { type Choice, index, kid } from "./recipe.js";
import { arrayMethodExpr } from "./arrays.js";
import { valueCall } from "./functions.js";
import { argCount, arrayFrom, spreadArray } from "./features.js";

export function classExpr(cx: Cx, c: Choice, want: Extract<Ty, { k: "class" }>, hint: Ty | undefined): Ex {
  if (cx.mode === "fresh") return newObject(cx, c, want.c)!;
  const deep = cx.depth > 0;
  const w = (n: number) => (deep ? n : 0);
  const effects = !cx.pure && cx.mode !== "const";
  const odds = riskOdds(cx);
  return pick(c, [
    [2, () => newObject(cx, c, want.c)],
    [6, () => varRead(cx, c, want)],
    [3, () => thisRef(cx, want)],
    [w(2), () => fieldRead(cx, c, want)],
    [w(1), () => elementRead(cx, c, want)],
    [w(effects ? 2 : 0), () => callExpr(cx, c, want)],
    [w(1), () => ternary(cx, c, want, hint)],
    [w(odds > 0 ? 1 : 0), () => assertNonNull(cx, c, want)],
    [w(1), () => guardedNonNull(cx, c, want)],
    [w(want.nullable ? 2 : 0), () => orNull(cx, c, want, hint)],
    [w(effects ? 1 : 0), () => valueCall(cx, c, want)],
    [w(effects ? 1 : 0), () => arrayMethodExpr(cx, c, want)],
  ]);
}

export function arrayExpr(cx: Cx, c: Choice, want: Extract<Ty, { k: "array" }>, hint: Ty | undefined): Ex {
  const deep = cx.depth > 0;
  const w = (n: number) => (deep ? n : 0);
  const effects = !cx.pure && cx.mode !== "const";
  const literalOk = hint !== undefined && sameTy(withNull(hint, false), withNull(want, false));
  if (cx.mode === "fresh") return literalOk && index(c, 2, 101) === 0 ? arrayLiteral(cx, c, want) : newArray(cx, c, want);
  const odds = riskOdds(cx);
  return pick(c, [
    [2, () => newArray(cx, c, want)],
    [6, () => varRead(cx, c, want)],
    [w(2), () => fieldRead(cx, c, want)],
    [w(1), () => elementRead(cx, c, want)],
    [literalOk ? 2 : 0, () => arrayLiteral(cx, c, want)],
    [w(effects ? 2 : 0), () => callExpr(cx, c, want)],
    [w(1), () => ternary(cx, c, want, hint)],
    [w(odds > 0 ? 1 : 0), () => assertNonNull(cx, c, want)],
    [w(want.nullable ? 2 : 0), () => orNull(cx, c, want, hint)],
    [w(effects ? 1 : 0), () => valueCall(cx, c, want)],
    [w(3), () => arrayMethodExpr(cx, c, want)],
    [w(literalOk ? 2 : 0), () => spreadArray(cx, c, want)],
    [w(1), () => arrayFrom(cx, c, want)],
  ]);
}

function thisRef(cx: Cx, want: Extract<Ty, { k: "class" }>): Ex | null {
  const cls = cx.fn.cls;
  if (cls === null || cx.fn.isCtor || !isSubclass(cls, want.c)) return null;
  return { t: "this", ty: classTy(cls), ref: true, pure: true, cost: 1 };
}

/** The constructor parameters of `c` (its own, or its base's when it declares none). */
export function ctorParams(c: ClassDef): Param[] {
  if (c.ownCtor || c.parent === null) return c.ctorParams;
  return ctorParams(c.parent);
}

export function ctorCost(c: ClassDef): number {
  return allFields(c).length + 2 + (c.parent === null ? 0 : ctorCost(c.parent));
}

/** `new D(args)` for D the class or one of its subclasses. */
export function newObject(cx: Cx, c: Choice, cls: ClassDef): Ex | null {
  if (cx.noNew) return null;
  // Deep down, the class itself: its constructor's class parameters are of earlier classes, so this ends.
  const options = cx.depth > 0 ? subclasses(cls) : [cls];
  const d = options[index(c, options.length, 111)];
  const args = ctorParams(d).map((p, i) => sub(cx, c, i, p.ty, p.ty));
  return { t: `new ${d.name}(${args.map((a) => a.t).join(", ")})`, ty: classTy(d), pure: args.every((a) => a.pure), cost: ctorCost(d) + args.reduce((s, a) => s + a.cost, 0) };
}

function newArray(cx: Cx, c: Choice, want: Extract<Ty, { k: "array" }>): Ex {
  const odds = riskOdds(cx);
  let n: Ex = { t: String(index(c, 7, 123)), ty: I32, pure: true, cost: 1 };
  if (odds > 0 && cx.st.opts.badArrayLength && index(c, odds, 121) === 0) {
    const e = sub(cx, c, 0, I32);
    n = { ...e, t: `(${e.t} % 8)` }; // may be negative: invalid array length
  } else if (index(c, 3, 122) === 0 && cx.depth > 0) {
    const e = sub({ ...cx, pure: true }, c, 0, I32);
    n = { ...e, t: `(${e.t} & 7)` };
  }
  const v = sub(cx, c, 1, want.e, want.e);
  return { t: `new Array<${tyName(want.e)}>(${n.t}).fill(${v.t})`, ty: arrayTy(want.e), pure: n.pure && v.pure, cost: n.cost + v.cost + 8 };
}

function arrayLiteral(cx: Cx, c: Choice, want: Extract<Ty, { k: "array" }>): Ex {
  const n = index(c, 5, 131);
  const elems: Ex[] = [];
  for (let i = 0; i < n; i++) elems.push(sub(cx, c, i, want.e, want.e));
  return { t: `[${elems.map((e) => e.t).join(", ")}]`, ty: arrayTy(want.e), pure: elems.every((e) => e.pure), cost: elems.reduce((s, e) => s + e.cost, 2) };
}

/** `x!` on a nullable expression: fails with `null dereference` when it is null. */
export function assertNonNull(cx: Cx, c: Choice, want: Ty): Ex | null {
  if (!isRef(want)) return null;
  const x = sub(cx, c, 0, withNull(want, true));
  if (!isRef(x.ty) || !x.ty.nullable) return null;
  return { t: `${x.t}!`, ty: withNull(x.ty, false), pure: x.pure, cost: x.cost + 1 };
}

/** `(v !== null ? v : other)`: TypeScript narrows the local `v`. */
export function guardedNonNull(cx: Cx, c: Choice, want: Ty): Ex | null {
  const vs = visibleVars(cx).filter((v) => isRef(v.ty) && v.ty.nullable && assignable(v.ty, withNull(want, true)) && (v.ty.k !== "fn" || fnInfoLeq(v.info ?? STORED, fnReq(cx))));
  if (vs.length === 0) return null;
  const v = vs[index(c, vs.length, 141)];
  // `want` types a literal there, but is no contextual type for an arrow (there may be none).
  const other = sub(without(cx, v.name), c, 1, withNull(want, false), hasFn(want) ? undefined : want);
  const ty = withNull(v.ty, false);
  if (!assignable(other.ty, ty) && !assignable(ty, other.ty)) return null;
  return { t: `(${v.name} !== null ? ${v.name} : ${other.t})`, ty: assignable(other.ty, ty) ? ty : other.ty, pure: other.pure, cost: other.cost + 2 };
}

/** In the other branch of `v !== null ? ... : ...`, TypeScript has narrowed v to null: leave it alone. */
function without(cx: Cx, name: string): Cx {
  const v = cx.vars.find((x) => x.name === name)!;
  return { ...cx, vars: [...cx.vars, { ...v, unusable: true }] };
}

/**
 * `(cond ? null : e)`: a `C | null` value that TypeScript does not narrow to null. `e` has the
 * conditional's own contextual type (`hint`), if any: an empty `[]` without one is `never[]`.
 */
export function orNull(cx: Cx, c: Choice, want: Ty, hint: Ty | undefined): Ex | null {
  const cond = expr(withDepth({ ...cx, inCond: true }, cx.depth - 1), kid(c, 0), BOOL);
  const e = sub(cx, c, 1, withNull(want, false), hint);
  const swap = index(c, 2, 151) === 0;
  return { t: swap ? `(${cond.t} ? ${e.t} : null)` : `(${cond.t} ? null : ${e.t})`, ty: withNull(e.ty, true), pure: cond.pure && e.pure, cost: cond.cost + e.cost + 1 };
}

/** Fields (of any class) whose type fits `want`, with the class declaring them. */
function fieldsOfType(cx: Cx, want: Ty): { cls: ClassDef; name: string; ty: Ty }[] {
  const out: { cls: ClassDef; name: string; ty: Ty }[] = [];
  for (const cls of cx.st.classes) {
    if (!producible(cx, cls)) continue;
    for (const f of cls.fields) if (assignable(f.ty, want)) out.push({ cls, name: f.name, ty: f.ty });
  }
  return out;
}

/** A non-null expression of class `cls` (or a subclass), to read a field or call a method on. */
export function objectOf(cx: Cx, c: Choice, cls: ClassDef): Ex {
  return expr(withDepth(cx, cx.depth - 1), c, classTy(cls));
}

export function fieldRead(cx: Cx, c: Choice, want: Ty): Ex | null {
  const fs = fieldsOfType(cx, want);
  if (fs.length === 0) return null;
  const f = fs[index(c, fs.length, 161)];
  const o = objectOf(cx, kid(c, 0), f.cls);
  return { t: `${o.t}.${f.name}`, ty: f.ty, ref: o.ref, pure: o.pure, cost: o.cost + 1 };
}

/** `(v !== null ? v.f : other)` on a nullable local or parameter. */
export function guardedFieldRead(cx: Cx, c: Choice, want: Ty): Ex | null {
  const options: { v: string; f: string; ty: Ty }[] = [];
  for (const v of visibleVars(cx)) {
    if (v.ty.k !== "class" || !v.ty.nullable) continue;
    for (const f of allFields(v.ty.c)) if (assignable(f.ty, want)) options.push({ v: v.name, f: f.name, ty: f.ty });
  }
  if (options.length === 0) return null;
  const o = options[index(c, options.length, 171)];
  const other = otherBranch(without(cx, o.v), c, 1, want, o.ty);
  return { t: `(${o.v} !== null ? ${o.v}.${o.f} : ${other.t})`, ty: branchType(o.ty, other, want), pure: other.pure, cost: other.cost + 2 };
}

/** Array types the program uses whose elements fit `want` (any when null). */
export function arrayTypes(cx: Cx, elem: Ty | null): Extract<Ty, { k: "array" }>[] {
  const out: Extract<Ty, { k: "array" }>[] = [];
  const add = (t: Ty) => {
    if (t.k !== "array") return;
    const base = arrayTy(t.e);
    const ok = !cx.noNew || !hasClass(base);
    if (ok && base.k === "array" && (elem === null || assignable(base.e, elem)) && !out.some((o) => sameTy(o, base))) out.push(base);
    add(t.e);
  };
  for (const v of visibleVars(cx)) add(v.ty);
  for (const cls of cx.st.classes) for (const f of cls.fields) add(f.ty);
  return out;
}

function hasClass(t: Ty): boolean {
  return t.k === "class" || (t.k === "array" && hasClass(t.e));
}

/** A non-null array expression with elements fitting `elem`; pure when asked. */
export function nonNullArrays(cx: Cx, c: Choice, elem: Ty | null, needPure = false): Ex | null {
  const types = arrayTypes(cx, elem);
  if (types.length === 0) return null;
  const t = types[index(c, types.length, 181)];
  const a = expr(withDepth(needPure ? { ...cx, pure: true } : cx, cx.depth - 1), kid(c, 3), t);
  return needPure && !a.pure ? null : a;
}

/** An array receiver (for push/pop/length) or, with `arrays` false, any class-typed value. */
export function receiverFor(cx: Cx, c: Choice, elem: Ty | null, arrays: boolean): Ex | null {
  if (arrays) return nonNullArrays(cx, c, elem, true);
  const classes = cx.st.classes.filter((k) => producible(cx, k));
  if (classes.length === 0) return null;
  const cls = classes[index(c, classes.length, 191)];
  return expr(withDepth(cx, cx.depth - 1), kid(c, 0), classTy(cls, index(c, 2, 192) === 0));
}

/** `a[i]`: guarded so that it cannot fail, or raw where risk allows. */
export function elementRead(cx: Cx, c: Choice, want: Ty): Ex | null {
  const odds = riskOdds(cx);
  const raw = odds > 0 && index(c, odds, 201) === 0;
  const a = nonNullArrays(cx, c, want, !raw);
  if (a === null || a.ty.k !== "array") return null;
  const elemTy = a.ty.e;
  if (raw) {
    const i = sub(cx, c, 1, I32, I32);
    return { t: `${a.t}[${i.t}]`, ty: elemTy, pure: a.pure && i.pure, cost: a.cost + i.cost + 1 };
  }
  const i = deLit(sub({ ...cx, pure: true }, c, 1, I32, I32));
  if (!i.pure) return null;
  const other = otherBranch(cx, c, 2, want, elemTy);
  return {
    t: `(${a.t}.length > 0 ? ${a.t}[(${i.t} & 2147483647) % ${a.t}.length] : ${other.t})`,
    ty: branchType(elemTy, other, want),
    pure: other.pure,
    cost: a.cost * 3 + i.cost + other.cost + 3,
  };
}

/** The other branch of a guard whose first branch has type `first`: a literal is typed by `first`. */
export function otherBranch(cx: Cx, c: Choice, i: number, want: Ty, first: Ty): Ex {
  return fixLit(sub(cx, c, i, want, hasFn(want) ? undefined : isRef(first) ? want : first), first);
}

export function branchType(first: Ty, other: Ex, want: Ty): Ty {
  if (isRef(first)) return assignable(other.ty, first) ? first : want;
  return join(first, other.ty) ?? want;
}

// ---- calls -------------------------------------------------------------------------------------

export interface CallTarget {
  callee: string;
  params: Param[];
  ret: Ty | null;
  cost: number;
  /** The level it reaches (FnInfo). */
  lvl: number;
  /** A method: the receiver's class. */
  recv?: ClassDef;
}

function callable(cx: Cx, f: Callable): boolean {
  return f.done && f.rank < cx.fn.rank && (!cx.fn.safe || f.safe) && f.cost <= cx.budget && (!cx.noPush || !f.pushes) && (!cx.noResize || !f.resizes) && f.lvl <= lvlBound(cx);
}

function slotCallable(cx: Cx, slot: MethodSlot, recv: ClassDef): Callable[] | null {
  const impls = reachableImpls(slot, recv);
  return impls.length > 0 && impls.every((m) => callable(cx, m)) ? impls : null;
}

/** Everything callable here whose result fits `want` (null: any, void included). */
export function callTargets(cx: Cx, want: Ty | null): CallTarget[] {
  if (cx.fn.isCtor || cx.mode !== "normal" || cx.pure) return [];
  const fits = (ret: Ty | null) => (want === null ? true : ret !== null && assignable(ret, want));
  const out: CallTarget[] = [];
  for (const f of [...cx.st.functions, ...cx.st.statics]) {
    if (!callable(cx, f) || !fits(f.ret)) continue;
    out.push({ callee: f.owner ? `${f.owner.name}.${f.name}` : f.name, params: f.params, ret: f.ret, cost: f.cost, lvl: f.lvl });
  }
  for (const slot of cx.st.slots) {
    if (!fits(slot.ret)) continue;
    const impls = slotCallable(cx, slot, slot.cls);
    if (impls === null) continue;
    out.push({ callee: slot.name, params: slot.params, ret: slot.ret, cost: Math.max(...impls.map((m) => m.cost)) + 1, recv: slot.cls, lvl: Math.max(...impls.map((m) => m.lvl)) });
  }
  // super.m(...) from a method of a derived class.
  const self = cx.fn.callable;
  if (self?.owner?.parent && self.slot !== undefined && cx.fn.closure !== true) {
    for (const slot of allSlots(self.owner.parent)) {
      const impl = implFor(slot, self.owner.parent);
      if (impl === undefined || !callable(cx, impl) || !fits(slot.ret)) continue;
      out.push({ callee: `super.${slot.name}`, params: slot.params, ret: slot.ret, cost: impl.cost + 1, lvl: impl.lvl });
    }
  }
  return out;
}

export function callWith(cx: Cx, c: Choice, t: CallTarget): Ex {
  let prefix = "";
  let cost = t.cost;
  let pure = false;
  if (t.recv !== undefined) {
    const thisOk = cx.fn.cls !== null && !cx.fn.isCtor && isSubclass(cx.fn.cls, t.recv) && index(c, 3, 211) === 0;
    const o = thisOk ? { t: "this", cost: 1 } : objectOf(cx, kid(c, 0), t.recv);
    prefix = `${o.t}.`;
    cost += o.cost;
  }
  reach(cx, t.lvl);
  const acx: Cx = cx.fnReq === undefined && cx.noContext === undefined ? cx : { ...cx, fnReq: undefined, noContext: undefined };
  const params = t.params.slice(0, argCount(kid(c, 7), t.params));
  const args = sharedVariableArgs(acx, c, params) ?? params.map((p, i) => exact(sub(acx, c, i + 1, p.ty, p.ty), p.ty));
  cost += args.reduce((s, a) => s + a.cost, 0);
  return { t: `${prefix}${t.callee}(${args.map((a) => a.t).join(", ")})`, ty: t.ret ?? I32, pure, cost, fn: t.ret?.k === "fn" ? STORED : undefined };
}

/** Now and then f(c, c++, c): one argument assigns a variable the arguments around it read. */
function sharedVariableArgs(cx: Cx, c: Choice, params: Param[]): Ex[] | null {
  const vs = assignableVars(cx);
  if (vs.length === 0 || index(c, 4, 212) !== 0) return null;
  const v = vs[index(c, vs.length, 213)];
  const fits = params.map((p) => assignable(v.ty, p.ty));
  if (fits.filter(Boolean).length < 2) return null;
  const middle = fits.indexOf(true, fits.indexOf(true) + 1);
  const change = assignTo(cx, kid(c, 6), v);
  if (change === null) return null;
  return params.map((p, i) => exact(!fits[i] ? sub(cx, c, i + 1, p.ty, p.ty) : i === middle ? change : { t: v.name, ty: v.ty, pure: true, cost: 1 }, p.ty));
}

export function callExpr(cx: Cx, c: Choice, want: Ty): Ex | null {
  const targets = callTargets(cx, want);
  if (targets.length === 0) return null;
  return callWith(cx, c, targets[index(c, targets.length, 221)]);
}
