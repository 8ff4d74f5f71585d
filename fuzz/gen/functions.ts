// Function values: arrow functions, function expressions, nested function declarations and
// top-level functions used as values, and calls through them. Calls through values end: a
// value's body calls values of a lower level only, and functions of a level not above its own
// (FnInfo in model.ts), so no chain of calls comes back to where it started. Only a value held by
// a local may push, pop or splice (a for…of body or an array method's callback does not call it).
import { type Cx, type FnCtx, fnReq, fresh, lvlBound, producible, reach, type State, visibleVars } from "./context.js";
import { exact, expr, pick, sub, ternary } from "./expressions.js";
import type { Ex } from "./literals.js";
import {
  assignable,
  BOOL,
  STR,
  classTy,
  F64,
  type FnInfo,
  fnInfoLeq,
  type FnTy,
  fnTy,
  hasFn,
  I32,
  I64,
  isRef,
  sameTy,
  STORED,
  type Ty,
  tyName,
  tyNameParen,
  type Var,
  withNull,
} from "./model.js";
import { type Choice, choose, index, kid } from "./recipe.js";
import { arrayTypes, callTargets, callWith, elementRead, fieldRead, guardedNonNull, objectOf, orNull } from "./references.js";
import { block, type Out, topExpr, unnarrowed } from "./statements.js";

/** A function type for a new variable, parameter, field or element: mostly a few common ones, so that values fit. */
export function pickFnTy(st: State, c: Choice): FnTy {
  const classes = st.classes;
  const prim = (k: Choice, salt: number): Ty => [I32, I32, F64, I64, BOOL, STR][index(k, 6, salt)];
  switch (index(c, 10, 701)) {
    case 0:
    case 1:
    case 2:
      return fnTy([I32], I32);
    case 3:
      return fnTy([I32], BOOL);
    case 4:
      return fnTy([], I32);
    case 5:
      return fnTy([I32], null);
    case 6:
      return fnTy([F64], F64);
    case 7:
      return classes.length > 0 ? fnTy([classTy(classes[index(c, classes.length, 702)])], prim(c, 703)) : fnTy([I32, I32], I32);
    default: {
      const n = index(c, 3, 704);
      const ps = Array.from({ length: n }, (_, i) => prim(kid(c, i), 705));
      return fnTy(ps, index(c, 5, 706) === 0 ? null : prim(kid(c, 3), 707));
    }
  }
}

/** What a function value held by a new local may be: called here, so below this code's bound. */
export function localReq(cx: Cx): FnInfo {
  const bound = lvlBound(cx);
  return { lvl: bound === Number.POSITIVE_INFINITY ? 2 : Math.max(0, bound - 1), cost: Math.max(4, Math.min(100, Math.floor(cx.budget / 2))), unsafe: !cx.fn.safe, resizes: true };
}

/** The variables a function value's body sees: narrowing does not reach into it, and captured references stay as they are. */
export function captured(cx: Cx): Var[] {
  return unnarrowed(cx.vars).map((v) => (isRef(v.ty) && !v.global && !v.frozen ? { ...v, frozen: true } : v));
}

/** A value of function type `want` (the context's requirement, fnReq, bounds what it may be). */
export function fnExpr(cx: Cx, c: Choice, want: FnTy, hint: Ty | undefined): Ex {
  const req = fnReq(cx);
  const sig = withNull(want, false) as FnTy;
  if (cx.mode === "const") return closure(cx, c, sig, req);
  const deep = cx.depth > 0;
  const w = (n: number) => (deep ? n : 0);
  const stored = fnInfoLeq(STORED, req);
  const effects = !cx.pure;
  return pick(c, [
    // Without a contextual type (hint), an arrow's parameters are annotated.
    [4, () => closure(cx, c, sig, req, { noContext: cx.noContext === true || hint === undefined })],
    [5, () => fnVarRead(cx, c, want)],
    [2, () => namedFunction(cx, c, sig)],
    [w(stored ? 1 : 0), () => fieldRead(cx, c, want)],
    [w(stored ? 1 : 0), () => elementRead(cx, c, want)],
    [w(stored && effects ? 1 : 0), () => valueCall(cx, c, want)],
    [w(1), () => ternary(cx, c, want, hint)],
    [w(want.nullable ? 1 : 0), () => orNull(cx, c, want, hint)],
    [w(cx.noContext ? 0 : 1), () => guardedNonNull(cx, c, want)],
  ]);
}

function fnVarRead(cx: Cx, c: Choice, want: FnTy): Ex | null {
  const req = fnReq(cx);
  const vs = visibleVars(cx).filter((v) => assignable(v.ty, want) && fnInfoLeq(v.info ?? STORED, req));
  if (vs.length === 0) return null;
  const v = vs[index(c, vs.length, 721)];
  return { t: v.name, ty: v.ty, ref: true, pure: true, cost: 1, fn: v.info ?? STORED };
}

/** A top-level function as a value: it may take fewer parameters than the type, and any result where the type's is void. */
function namedFunction(cx: Cx, c: Choice, want: FnTy): Ex | null {
  const req = fnReq(cx);
  const fits = cx.st.functions.filter(
    (f) =>
      f.done &&
      !f.pushes &&
      !f.resizes &&
      f.params.length <= want.params.length &&
      f.params.every((p) => p.dflt === undefined) &&
      f.params.every((p, i) => sameTy(p.ty, want.params[i])) &&
      (want.ret === null || (f.ret !== null && sameTy(f.ret, want.ret))) &&
      fnInfoLeq({ lvl: f.lvl, cost: f.cost, unsafe: !f.safe }, req),
  );
  if (fits.length === 0) return null;
  const f = fits[index(c, fits.length, 731)];
  return { t: f.name, ty: want, pure: true, cost: 1, fn: { lvl: f.lvl, cost: f.cost, unsafe: !f.safe } };
}

export interface ClosureOpts {
  /** No contextual type (a callee): annotate the parameters and the result. */
  noContext?: boolean;
  /** The result comes from the body (map's callback): annotate it unless the body has exactly that type. */
  inferRet?: boolean;
  /** Declare at least this many parameters (fewer than the type has are allowed). */
  minParams?: number;
  /** Parameter name prefixes (default "a"). */
  names?: string[];
  /** A nested function declaration of this name (a block body). */
  declName?: string;
  /** Always annotate the result. */
  annotateRet?: boolean;
}

/**
 * An arrow function, function expression or nested function declaration of type `sig` whose body
 * keeps to `req`; its FnInfo is in the result's `fn`.
 */
export function closure(cx: Cx, c: Choice, sig: FnTy, req: FnInfo, opts: ClosureOpts = {}): Ex {
  const st = cx.st;
  const constMode = cx.mode === "const";
  // 0: (a) => e   1: (a: T): R => e   2: (a: T): R => { ... }   3: function (a: T): R { ... }
  let form: number = choose(c, [[5, 0], [2, 1], [2, 2], [1, 3]] as const, 711);
  if (opts.declName !== undefined) form = 3;
  else if (constMode || cx.nest <= 0) form = form >= 2 ? 1 : form;
  if (opts.noContext && form === 0) form = 1;
  const n = sig.params.length;
  const min = Math.min(opts.minParams ?? 0, n);
  let declared = n;
  // Fewer parameters than the type has (the rest are ignored); a callee or a declaration takes all.
  if (opts.declName === undefined && !opts.noContext && index(c, opts.minParams !== undefined ? 3 : 8, 712) === 0) declared = min + index(c, n - min + 1, 713);
  const names = Array.from({ length: declared }, (_, i) => fresh(st, opts.names?.[i] ?? "a"));
  const annotate = form === 1 || form === 3 || opts.noContext === true || (form === 2 && index(c, 2, 714) === 0);
  const safe = constMode || cx.fn.safe || !req.unsafe || index(c, 2, 715) === 0;
  // A value held by a local may push or pop (then a for…of body or a callback does not call it).
  const resizes = !constMode && req.resizes === true && index(c, 2, 717) === 0;
  const fn: FnCtx = {
    callable: null,
    rank: cx.fn.rank,
    ret: sig.ret,
    cls: form !== 3 && !cx.fn.isCtor && !constMode ? cx.fn.cls : null,
    safe,
    isMain: false,
    isCtor: false,
    lvlBound: req.lvl,
    lvlAcc: { max: 0 },
    closure: true,
  };
  const params: Var[] = names.map((name, i) => ({ name, ty: sig.params[i], mutable: true }));
  const ind = cx.ind ?? "  ";
  const body: Cx = {
    ...cx,
    fn,
    vars: [...captured(cx), ...params],
    depth: Math.max(1, cx.depth - 1),
    inCond: false,
    pure: false,
    mode: constMode ? "const" : "normal",
    budget: Math.max(3, req.cost - 1),
    inAtomic: false,
    noPush: !resizes,
    noResize: !resizes,
    noBareReturn: false,
    loops: [],
    nest: Math.max(0, cx.nest - 1),
    fnReq: undefined,
    noContext: undefined,
    ind: ind + "  ",
    noFnDecl: false,
  };
  const retName = sig.ret === null ? "void" : tyNameParen(sig.ret);
  const paramText = (annot: boolean) => `(${names.map((x, i) => (annot ? `${x}: ${tyName(sig.params[i])}` : x)).join(", ")})`;
  let text: string;
  let cost: number;
  if (form <= 1 && sig.ret !== null) {
    const e = expr(body, kid(c, 2), sig.ret, sig.ret);
    // map infers the result from the body: a literal, a subclass or an empty [] would give another type.
    const needRet = form === 1 || opts.annotateRet === true || (opts.inferRet === true && (isRef(sig.ret) || !sameTy(e.ty, sig.ret) || (e.lit === true && sig.ret.k !== "i32")));
    text = `${paramText(annotate)}${needRet ? `: ${retName}` : ""} => ${e.t}`;
    cost = e.cost + 1;
  } else if (form <= 1 || constMode) {
    // A void function with an expression body: an assignment or a call (or an empty block).
    const e = constMode ? null : voidExpr(body, kid(c, 2));
    // Annotated void, the body must be void too: an assignment or a call with a result goes in braces.
    const annotRet = form === 1 || opts.annotateRet === true;
    text = `${paramText(annotate)}${annotRet ? ": void" : ""} => ${e === null ? "{}" : annotRet ? `{ ${e.t}; }` : e.t}`;
    cost = (e?.cost ?? 0) + 1;
  } else {
    const count = index(c, 4, 716);
    const cs = Array.from({ length: count }, (_, i) => kid(c, 3 + i));
    const out = block(body, cs, ind + "  ");
    const lines = [...out.lines];
    cost = out.cost + 1;
    if (sig.ret !== null && !out.terminal) {
      const e = topExpr({ ...body, vars: out.vars, budget: Math.max(body.budget - cost, 1) }, kid(c, 2), sig.ret, sig.ret);
      lines.push(`${ind}  return ${e.t};`);
      cost += e.cost;
    }
    const annotRet = annotate || opts.annotateRet === true || opts.inferRet === true;
    const head =
      form === 3
        ? `function${opts.declName === undefined ? " " : ` ${opts.declName}`}${paramText(true)}: ${sig.ret === null ? "void" : tyName(sig.ret)}`
        : `${paramText(annotate)}${annotRet ? `: ${retName}` : ""} =>`;
    text = `${head} {\n${lines.join("\n")}${lines.length > 0 ? "\n" : ""}${ind}}`;
  }
  const info: FnInfo = { lvl: fn.lvlAcc!.max, cost: Math.max(1, cost), unsafe: !safe, resizes };
  return { t: text, ty: sig, pure: false, cost: 2, fn: info };
}

/** An expression statement's expression for a void arrow: a call or an assignment (null: none here). */
function voidExpr(cx: Cx, c: Choice): Ex | null {
  if (index(c, 3, 741) === 0) {
    const v = valueCall(cx, c, null);
    if (v !== null) return v;
  }
  if (!cx.fn.safe && index(c, 2, 742) === 0) {
    const e = topExpr(cx, kid(c, 1), I32);
    return { t: `print(${e.t})`, ty: I32, pure: false, cost: e.cost + 1 };
  }
  const targets = callTargets({ ...cx, depth: 2 }, null);
  if (targets.length > 0 && index(c, 2, 743) === 0) return callWith({ ...cx, depth: 2 }, c, targets[index(c, targets.length, 744)]);
  const vs = visibleVars(cx).filter((x) => x.mutable && !x.frozen && !isRef(x.ty) && x.ty.k !== "bool");
  if (vs.length === 0) return null;
  const x = vs[index(c, vs.length, 745)];
  const e = sub(cx, c, 0, x.ty, x.ty);
  return { t: `(${x.name} = ${e.t})`, ty: x.ty, pure: false, cost: e.cost + 1 };
}

/** `function nf(...) { ... }` in a block: a local holding a function value, usable after it. */
export function nestedFunction(cx: Cx, c: Choice, ind: string): Out | null {
  if (cx.noFnDecl || cx.mode !== "normal" || cx.fn.isCtor || cx.nest <= 0) return null;
  const sig = pickFnTy(cx.st, kid(c, 1));
  const name = fresh(cx.st, "nf");
  const made = closure({ ...cx, ind }, c, sig, localReq(cx), { declName: name });
  const v: Var = { name, ty: sig, mutable: false, info: made.fn };
  return { lines: [`${ind}${made.t}`], cost: 2, decls: [v] };
}

/** Can code here call a value that is `info`? */
function callableValue(cx: Cx, info: FnInfo): boolean {
  return info.lvl < lvlBound(cx) && info.cost <= cx.budget && !(cx.fn.safe && info.unsafe) && !(info.resizes === true && (cx.noPush || cx.noResize === true));
}

function argsFor(cx: Cx, c: Choice, params: Ty[], from: number): Ex[] {
  const acx: Cx = { ...cx, fnReq: undefined, noContext: undefined };
  return params.map((p, i) => exact(sub(acx, c, from + i, p, p), p));
}

/**
 * A call through a function value whose result fits `want` (null: any, void included): a
 * variable, a field, an array element (guarded), a function's result, or an arrow called where
 * it is written.
 */
export function valueCall(cx: Cx, c: Choice, want: Ty | null): Ex | null {
  if (cx.pure || cx.mode !== "normal" || cx.fn.isCtor || cx.depth <= 0) return null;
  const fits = (t: Ty | null): t is FnTy => t !== null && t.k === "fn" && !t.nullable && (want === null || (t.ret !== null && assignable(t.ret, want)));
  const call = (callee: string, sig: FnTy, info: FnInfo, cost: number): Ex => {
    const args = argsFor(cx, c, sig.params, 4);
    reach(cx, info.lvl + 1);
    return { t: `${callee}(${args.map((a) => a.t).join(", ")})`, ty: sig.ret ?? I32, pure: false, cost: cost + info.cost + args.reduce((s, a) => s + a.cost, 1), fn: sig.ret?.k === "fn" ? STORED : undefined };
  };
  const forms: (() => Ex | null)[] = [
    () => {
      // `f?.(args) ?? d` through a variable that may hold null.
      const prim = (t: Ty | null): boolean => t !== null && ["i32", "i64", "f64", "bool", "str"].includes(t.k);
      const vs = visibleVars(cx).filter((v) => v.ty.k === "fn" && v.ty.nullable && !v.unusable && prim(v.ty.ret) && want !== null && assignable(v.ty.ret!, want) && callableValue(cx, v.info ?? STORED));
      if (vs.length === 0) return null;
      const v = vs[index(c, vs.length, 757)];
      const sig = v.ty as FnTy;
      const args = argsFor(cx, c, sig.params, 4);
      const d = exact(sub(cx, c, 3, sig.ret!, sig.ret!), sig.ret!);
      reach(cx, (v.info ?? STORED).lvl + 1);
      return { t: `(${v.name}?.(${args.map((a) => a.t).join(", ")}) ?? ${d.t})`, ty: sig.ret!, pure: false, cost: (v.info ?? STORED).cost + d.cost + args.reduce((s, a) => s + a.cost, 2) };
    },
    () => {
      const vs = visibleVars(cx).filter((v) => fits(v.ty) && callableValue(cx, v.info ?? STORED));
      if (vs.length === 0) return null;
      const v = vs[index(c, vs.length, 751)];
      return call(v.name, v.ty as FnTy, v.info ?? STORED, 1);
    },
    () => {
      if (!callableValue(cx, STORED)) return null;
      const fs = cx.st.classes.filter((k) => producible(cx, k)).flatMap((cls) => cls.fields.filter((f) => fits(f.ty)).map((f) => ({ cls, name: f.name, ty: f.ty })));
      if (fs.length === 0) return null;
      const f = fs[index(c, fs.length, 752)];
      const o = objectOf(cx, kid(c, 0), f.cls);
      return call(`${o.t}.${f.name}`, f.ty as FnTy, STORED, o.cost);
    },
    () => {
      if (!callableValue(cx, STORED)) return null;
      const ts = callTargets({ ...cx, depth: Math.max(1, cx.depth - 1) }, null).filter((t) => fits(t.ret) && t.cost + STORED.cost <= cx.budget);
      if (ts.length === 0) return null;
      const first = callWith({ ...cx, depth: Math.max(1, cx.depth - 1) }, kid(c, 1), ts[index(c, ts.length, 753)]);
      return call(first.t, first.ty as FnTy, STORED, first.cost);
    },
    () => {
      // (a.length > 0 ? a[i](args) : other): an element called, guarded.
      if (want === null || !callableValue(cx, STORED)) return null;
      const types = arrayTypes(cx, null).filter((t) => fits(t.e));
      if (types.length === 0) return null;
      const t = types[index(c, types.length, 754)];
      const a = expr({ ...cx, pure: true, depth: Math.max(0, cx.depth - 1) }, kid(c, 2), t);
      if (!a.pure) return null;
      const i = exact(sub({ ...cx, pure: true }, c, 3, I32, I32), I32);
      if (!i.pure) return null;
      const inner = call(`${a.t}[(${i.t} & 2147483647) % ${a.t}.length]`, t.e as FnTy, STORED, a.cost * 3 + i.cost);
      const other = sub(cx, c, 1, want, hasFn(want) ? undefined : inner.ty);
      const ty = assignable(other.ty, inner.ty) ? inner.ty : assignable(inner.ty, other.ty) ? other.ty : want;
      return { t: `(${a.t}.length > 0 ? ${inner.t} : ${other.t})`, ty, pure: false, cost: inner.cost + other.cost + 2 };
    },
    () => {
      // ((a: i32): i32 => ...)(args): made and called at once.
      const bound = lvlBound(cx);
      const lvl = Math.min(bound - 1, 2);
      if (lvl < 0 || cx.budget < 8) return null;
      const ret = want ?? (index(c, 3, 755) === 0 ? null : [I32, F64, BOOL][index(c, 3, 756)]);
      if (ret !== null && ret.k === "fn") return null;
      const sig = fnTy(Array.from({ length: index(c, 3, 757) }, (_, i) => [I32, F64, I64][index(kid(c, i), 3, 758)]), ret);
      const made = closure({ ...cx, noContext: true }, kid(c, 5), sig, { lvl, cost: Math.min(40, Math.floor(cx.budget / 2)), unsafe: !cx.fn.safe, resizes: !cx.noPush && !cx.noResize }, { noContext: true });
      return call(`(${made.t})`, sig, made.fn!, 2);
    },
  ];
  // The arrow called where it is written always applies: only when picked, not as a fallback.
  const first = index(c, forms.length + 3, 759) % (forms.length + 3);
  if (first === forms.length - 1) return forms[first]();
  const through = forms.slice(0, -1);
  for (let k = 0; k < through.length; k++) {
    const e = through[(first + k) % through.length]();
    if (e !== null) return e;
  }
  return null;
}

/** A call through a function value as a statement (an element: `if (a.length > 0) a[i](...)`). */
export function valueCallStmt(cx: Cx, c: Choice, ind: string): Out | null {
  const e = valueCall({ ...cx, depth: 2 }, c, null);
  if (e === null) return null;
  return { lines: [`${ind}${e.t};`], cost: e.cost };
}
