// Array methods, with JavaScript's semantics: forEach, map, filter, reduce, some, every, find,
// findIndex, indexOf, lastIndexOf, includes, slice, splice, concat, reverse, sort and fill.
// Callbacks are function values (functions.ts) that never push, pop or splice; a comparator is a
// consistent order on values that cannot be NaN, and has no effects (engines call it in different
// orders). concat only appends fresh small arrays, so repeated concats grow arrays by a bounded
// amount, not geometrically.
import { deLit } from "./arith.js";
import { type Cx, fresh, lvlBound, reach, riskOdds, visibleVars } from "./context.js";
import { exact, expr, sub } from "./expressions.js";
import { closure } from "./functions.js";
import { type Ex } from "./literals.js";
import { allFields, allSlots, arrayTy, assignable, BOOL, type FnInfo, fnInfoLeq, fnTy, hasFn, I32, sameTy, STORED, type Ty, tyName } from "./model.js";
import { type Choice, index, kid } from "./recipe.js";
import { arrayTypes, branchType, otherBranch } from "./references.js";
import { block, type Out } from "./statements.js";

type ArrTy = Extract<Ty, { k: "array" }>;

/** Elements a callback visits, as the cost estimate sees it (arrays stay short). */
const TRIPS = 8;

/** What a callback passed here may be: called by this code, so below its level bound (null: none fits). */
function callbackReq(cx: Cx, calls: number): FnInfo | null {
  const bound = lvlBound(cx);
  const lvl = bound === Number.POSITIVE_INFINITY ? 2 : bound - 1;
  const cost = Math.min(40, Math.floor((cx.budget - 4) / calls));
  if (lvl < 0 || cost < 3) return null;
  return { lvl, cost, unsafe: !cx.fn.safe };
}

interface Callback {
  t: string;
  info: FnInfo;
}

interface CallbackOpts {
  /** Parameter names, in order. */
  names: string[];
  /** Declare at least this many parameters. */
  min: number;
  /** map: the result type is the body's, unless annotated. */
  inferRet?: boolean;
  /** every, filter, find: annotated `: boolean`, so that TypeScript infers no type predicate (`x is K`). */
  annotateRet?: boolean;
}

/**
 * A callback taking `params` (a prefix of them declared) and returning `ret` (null: void): an
 * arrow or function expression, or now and then a function value whose type takes a prefix of
 * the parameters (a variable or a top-level function).
 */
function callback(cx: Cx, c: Choice, params: Ty[], ret: Ty | null, req: FnInfo, opts: CallbackOpts): Callback {
  if (index(c, 6, 801) === 0) {
    const v = callbackValue(cx, c, params, ret, req);
    if (v !== null) return v;
  }
  const made = closure(cx, c, fnTy(params, ret), req, {
    minParams: opts.min,
    names: opts.names,
    inferRet: opts.inferRet,
    // A result holding functions is annotated: it is the context of the arrows the body returns.
    annotateRet: opts.annotateRet === true || hasFn(ret),
  });
  return { t: made.t, info: made.fn! };
}

function callbackValue(cx: Cx, c: Choice, params: Ty[], ret: Ty | null, req: FnInfo): Callback | null {
  const fitsSig = (ps: Ty[], r: Ty | null) => ps.length <= params.length && ps.every((p, i) => sameTy(p, params[i])) && (ret === null || (r !== null && sameTy(r, ret)));
  const options: Callback[] = [];
  for (const v of visibleVars(cx)) {
    if (v.ty.k !== "fn" || v.ty.nullable || !fitsSig(v.ty.params, v.ty.ret)) continue;
    const info = v.info ?? STORED;
    if (fnInfoLeq(info, req)) options.push({ t: v.name, info });
  }
  for (const f of cx.st.functions) {
    if (!f.done || f.pushes || f.resizes || !fitsSig(f.params.map((p) => p.ty), f.ret)) continue;
    const info: FnInfo = { lvl: f.lvl, cost: f.cost, unsafe: !f.safe };
    if (fnInfoLeq(info, req)) options.push({ t: f.name, info });
  }
  return options.length === 0 ? null : options[index(c, options.length, 802)];
}

/** A non-null array receiver whose type passes `ok` (pure when asked). */
function receiver(cx: Cx, c: Choice, ok: (t: ArrTy) => boolean, needPure = false): Ex | null {
  const types = arrayTypes(cx, null).filter(ok);
  if (types.length === 0) return null;
  const t = types[index(c, types.length, 811)];
  const a = expr({ ...cx, depth: cx.depth - 1, pure: cx.pure || needPure }, kid(c, 3), t);
  if (a.ty.k !== "array" || (needPure && !a.pure)) return null;
  return a;
}

const POSITIONS = ["0", "1", "2", "3", "(-1)", "(-2)", "(-3)", "100", "(-100)", "2147483647", "(-2147483648)"];

/** A position argument (fromIndex, start, end): anything, negative counting from the end. */
function position(cx: Cx, c: Choice, salt: number): Ex {
  if (index(c, 3, salt) !== 0) return { t: POSITIONS[index(c, POSITIONS.length, salt + 1)], ty: I32, pure: true, cost: 1 };
  return exact(deLit(expr({ ...cx, depth: 1 }, kid(c, salt % 4), I32, I32)), I32);
}

/** Up to `max` optional position arguments. */
function positions(cx: Cx, c: Choice, max: number, salt: number): Ex[] {
  const n = index(c, max + 1, salt);
  return Array.from({ length: n }, (_, i) => position(cx, kid(c, 4 + i), salt + 2 + i * 3));
}

function methodCall(r: Ex, name: string, args: Ex[], ty: Ty, extra: number): Ex {
  return { t: `${r.t}.${name}(${args.map((a) => a.t).join(", ")})`, ty, pure: false, cost: r.cost + args.reduce((s, a) => s + a.cost, 0) + extra };
}

/** A callback for `r` (value, index, array), counted in the cost and the level of the code here. */
function elementCallback(cx: Cx, c: Choice, r: Ex, ret: Ty | null, calls: number, opts: Partial<CallbackOpts> = {}): Callback | null {
  if (r.ty.k !== "array") return null;
  const req = callbackReq(cx, calls);
  if (req === null) return null;
  const cb = callback(cx, c, [r.ty.e, I32, r.ty], ret, req, { names: ["x", "ix", "ar"], min: 0, ...opts });
  reach(cx, cb.info.lvl + 1);
  return cb;
}

/** Array methods whose result has the wanted type. */
export function arrayMethodExpr(cx: Cx, c: Choice, want: Ty): Ex | null {
  if (cx.mode !== "normal" || cx.fn.isCtor || cx.depth <= 0) return null;
  switch (want.k) {
    case "i32":
    case "i64":
    case "f64":
      return firstOf(c, 821, [() => searchIndex(cx, c), () => findIndex(cx, c), () => reduceInit(cx, c, want), () => reduceNoInit(cx, c, want)]);
    case "bool":
      return firstOf(c, 822, [() => someEvery(cx, c), () => includes(cx, c), () => findDefined(cx, c), () => reduceInit(cx, c, BOOL)]);
    case "str":
      return firstOf(c, 823, [() => reduceInit(cx, c, want), () => reduceNoInit(cx, c, want)]);
    case "class":
      return reduceNoInit(cx, c, want);
    case "array":
      return arrayResult(cx, c, want);
    default:
      return null;
  }
}

/** The production `c` picks, or the next that applies. */
function firstOf(c: Choice, salt: number, forms: (() => Ex | null)[]): Ex | null {
  const first = index(c, forms.length, salt);
  for (let k = 0; k < forms.length; k++) {
    const e = forms[(first + k) % forms.length]();
    if (e !== null) return e;
  }
  return null;
}

/** Callbacks may have effects (and are not pure in any case): not where the expression must be pure. */
function effectful(cx: Cx): boolean {
  return !cx.pure;
}

/** `a.indexOf(v, from?)`, `a.lastIndexOf(v, from?)`: identity for references, NaN never found. */
function searchIndex(cx: Cx, c: Choice): Ex | null {
  const r = receiver(cx, c, (t) => t.e.k !== "fn");
  if (r === null || r.ty.k !== "array") return null;
  const v = sub(cx, c, 1, r.ty.e, r.ty.e);
  const name = index(c, 2, 831) === 0 ? "indexOf" : "lastIndexOf";
  const args = [v, ...positions(cx, c, 1, 832)];
  return { ...methodCall(r, name, args, I32, 8), pure: r.pure && args.every((a) => a.pure) };
}

function includes(cx: Cx, c: Choice): Ex | null {
  const r = receiver(cx, c, (t) => t.e.k !== "fn");
  if (r === null || r.ty.k !== "array") return null;
  const args = [sub(cx, c, 1, r.ty.e, r.ty.e), ...positions(cx, c, 1, 833)];
  return { ...methodCall(r, "includes", args, BOOL, 8), pure: r.pure && args.every((a) => a.pure) };
}

function findIndex(cx: Cx, c: Choice): Ex | null {
  if (!effectful(cx)) return null;
  const r = receiver(cx, c, () => true);
  if (r === null) return null;
  const cb = elementCallback(cx, kid(c, 2), r, BOOL, TRIPS);
  if (cb === null) return null;
  return methodCall(r, "findIndex", [{ t: cb.t, ty: I32, pure: false, cost: 2 }], I32, TRIPS * cb.info.cost + 4);
}

function someEvery(cx: Cx, c: Choice): Ex | null {
  if (!effectful(cx)) return null;
  const r = receiver(cx, c, () => true);
  if (r === null) return null;
  const name = index(c, 2, 841) === 0 ? "some" : "every";
  const cb = elementCallback(cx, kid(c, 2), r, BOOL, TRIPS, { annotateRet: name === "every" });
  if (cb === null) return null;
  return methodCall(r, name, [{ t: cb.t, ty: BOOL, pure: false, cost: 2 }], BOOL, TRIPS * cb.info.cost + 4);
}

/** `(a.find(f) !== undefined)` on an array of class references (find's nothing is undefined, not null). */
function findDefined(cx: Cx, c: Choice): Ex | null {
  if (!effectful(cx)) return null;
  const r = receiver(cx, c, (t) => t.e.k === "class");
  if (r === null) return null;
  const cb = elementCallback(cx, kid(c, 2), r, BOOL, TRIPS, { annotateRet: true });
  if (cb === null) return null;
  return { t: `(${r.t}.find(${cb.t}) ${index(c, 2, 842) === 0 ? "!==" : "==="} undefined)`, ty: BOOL, pure: false, cost: r.cost + TRIPS * cb.info.cost + 4 };
}

/** `a.reduce(f, init)`: the accumulator is exactly `acc` (the initial value is never a bare literal, which would take the element type). */
function reduceInit(cx: Cx, c: Choice, acc: Ty): Ex | null {
  if (!effectful(cx)) return null;
  // Elements of a class without members: TypeScript takes any value for one (structural typing),
  // so it would pick the overload reduce(f, init: T): T and type the result as the element.
  const r = receiver(cx, c, (t) => t.e.k !== "class" || allFields(t.e.c).length > 0 || allSlots(t.e.c).length > 0);
  if (r === null || r.ty.k !== "array") return null;
  const req = callbackReq(cx, TRIPS);
  if (req === null) return null;
  const cb = callback(cx, kid(c, 2), [acc, r.ty.e, I32, r.ty], acc, req, { names: ["acc", "x", "ix", "ar"], min: 1 });
  reach(cx, cb.info.lvl + 1);
  let init = exact(deLit(sub(cx, c, 1, acc, acc)), acc);
  // TypeScript infers the accumulator's type from the initial value: a boolean TypeScript has
  // narrowed to true or false would make it that literal type; a comparison makes it boolean.
  if (acc.k === "bool") init = { ...init, t: `(${init.t} !== (i32(0) !== i32(0)))` };
  // A string literal (or a string narrowed to "") would be a literal type too.
  if (acc.k === "str") init = { ...init, t: `String(${init.t})` };
  return methodCall(r, "reduce", [{ t: cb.t, ty: acc, pure: false, cost: 2 }, init], acc, TRIPS * cb.info.cost + 4);
}

/**
 * `a.reduce(f)` (the element type): it fails on an empty array, so it is guarded
 * `(a.length > 0 ? a.reduce(f) : other)`, or left raw where risk allows.
 */
function reduceNoInit(cx: Cx, c: Choice, want: Ty): Ex | null {
  if (!effectful(cx)) return null;
  const odds = riskOdds(cx);
  const raw = odds > 0 && index(c, odds, 851) === 0;
  const r = receiver(cx, c, (t) => t.e.k !== "fn" && assignable(t.e, want), !raw);
  if (r === null || r.ty.k !== "array") return null;
  const e = r.ty.e;
  const req = callbackReq(cx, TRIPS);
  if (req === null) return null;
  const cb = callback(cx, kid(c, 2), [e, e, I32, r.ty], e, req, { names: ["acc", "x", "ix", "ar"], min: 1 });
  reach(cx, cb.info.lvl + 1);
  const call = methodCall(r, "reduce", [{ t: cb.t, ty: e, pure: false, cost: 2 }], e, TRIPS * cb.info.cost + 4);
  if (raw) return call;
  const other = otherBranch(cx, c, 1, want, e);
  return { t: `(${r.t}.length > 0 ? ${call.t} : ${other.t})`, ty: branchType(e, other, want), pure: false, cost: call.cost + r.cost + other.cost + 2 };
}

/** Methods that give an array of the wanted type: map, filter, slice, concat, splice, reverse, sort, fill. */
function arrayResult(cx: Cx, c: Choice, want: ArrTy): Ex | null {
  const same = (t: ArrTy) => sameTy(t.e, want.e);
  const mutating = !cx.pure && !cx.noResize;
  const forms: (() => Ex | null)[] = [
    () => {
      if (!effectful(cx)) return null;
      const r = receiver(cx, c, () => true);
      if (r === null) return null;
      const cb = elementCallback(cx, kid(c, 2), r, want.e, TRIPS, { inferRet: true });
      if (cb === null) return null;
      return methodCall(r, "map", [{ t: cb.t, ty: want, pure: false, cost: 2 }], arrayTy(want.e), TRIPS * cb.info.cost + 8);
    },
    () => {
      if (!effectful(cx)) return null;
      const r = receiver(cx, c, same);
      if (r === null) return null;
      const cb = elementCallback(cx, kid(c, 2), r, BOOL, TRIPS, { annotateRet: true });
      if (cb === null) return null;
      return methodCall(r, "filter", [{ t: cb.t, ty: want, pure: false, cost: 2 }], arrayTy(want.e), TRIPS * cb.info.cost + 8);
    },
    () => {
      const r = receiver(cx, c, same);
      if (r === null) return null;
      const args = positions(cx, c, 2, 861);
      const e = methodCall(r, "slice", args, arrayTy(want.e), 8);
      return { ...e, pure: r.pure && args.every((a) => a.pure) };
    },
    () => {
      // Fresh small arrays only: a loop of `a = a.concat(...)` grows a by a bounded amount each time.
      const r = receiver(cx, c, same);
      if (r === null) return null;
      const n = index(c, 3, 862);
      // concat's overloads give an arrow no context: arrays of functions are made with new Array<T>.
      const args = Array.from({ length: n }, (_, i) => expr({ ...cx, mode: "fresh", depth: Math.max(1, cx.depth - 1) }, kid(c, 4 + i), arrayTy(want.e), hasFn(want.e) ? undefined : arrayTy(want.e)));
      const e = methodCall(r, "concat", args, arrayTy(want.e), 8 + 4 * n);
      return { ...e, pure: r.pure && args.every((a) => a.pure) };
    },
    () => {
      if (!mutating || cx.noPush) return null;
      const r = receiver(cx, c, same);
      if (r === null) return null;
      return splice(cx, c, r);
    },
    () => {
      if (!mutating) return null;
      const r = receiver(cx, c, same);
      if (r === null) return null;
      return index(c, 2, 863) === 0 ? methodCall(r, "reverse", [], r.ty, 8) : sort(cx, c, r);
    },
    () => {
      if (!mutating) return null;
      const r = receiver(cx, c, same);
      if (r === null || r.ty.k !== "array") return null;
      const v = sub(cx, c, 1, r.ty.e, r.ty.e);
      return methodCall(r, "fill", [v, ...positions(cx, c, 2, 864)], r.ty, 8);
    },
  ];
  return firstOf(c, 865, forms);
}

function splice(cx: Cx, c: Choice, r: Ex): Ex | null {
  if (r.ty.k !== "array") return null;
  const [start, ...rest] = [position(cx, kid(c, 4), 871), ...positions(cx, c, 1, 872)];
  const items = rest.length === 0 ? [] : Array.from({ length: index(c, 4, 873) }, (_, i) => sub(cx, c, 5 + i, (r.ty as ArrTy).e, (r.ty as ArrTy).e));
  return methodCall(r, "splice", [start, ...rest, ...items], arrayTy(r.ty.e), 10 + items.length);
}

function sort(cx: Cx, c: Choice, r: Ex): Ex | null {
  if (r.ty.k !== "array") return null;
  // Without a comparator: JavaScript's order of the elements' strings (not for objects).
  const plain = ["i32", "i64", "f64", "bool", "str"].includes(r.ty.e.k);
  if (plain && index(c, 3, 864) === 0) return methodCall(r, "sort", [], r.ty, 3 * TRIPS * 8 + 8);
  const cmp = comparator(cx, kid(c, 2), r.ty.e);
  return methodCall(r, "sort", [{ t: cmp, ty: I32, pure: true, cost: 1 }], r.ty, 3 * TRIPS * 4 + 8);
}

// ---- comparators -------------------------------------------------------------------------------

function ordered(x: string, y: string): string {
  return `(${x} < ${y} ? -1 : ${x} > ${y} ? 1 : 0)`;
}

/** A total order on f64: NaN first, then by value (-0 and 0 equal). */
function orderedF64(x: string, y: string): string {
  return `(${x} !== ${x} ? (${y} !== ${y} ? 0 : -1) : ${y} !== ${y} ? 1 : ${x} < ${y} ? -1 : ${x} > ${y} ? 1 : 0)`;
}

function nullsFirst(x: string, y: string, inner: string): string {
  return `(${x} === null ? (${y} === null ? 0 : -1) : ${y} === null ? 1 : ${inner})`;
}

/** A comparison of `x` and `y` of type `t` that is a consistent order and cannot overflow or be NaN. */
function compare(c: Choice, x: string, y: string, t: Ty): string {
  switch (t.k) {
    case "i32":
      return [ordered(x, y), `(${x} & 255) - (${y} & 255)`, `(${x} >> 1) - (${y} >> 1)`, `(${x} % 7) - (${y} % 7)`][index(c, 4, 881)];
    case "i64":
      // An i32 result: the reference run's i64 values are BigInts, which sort() cannot take.
      return index(c, 2, 882) === 0 ? ordered(x, y) : `i32(${x} % 1000) - i32(${y} % 1000)`;
    case "f64":
      return orderedF64(x, y);
    case "bool":
      return `(${x} === ${y} ? 0 : ${x} ? 1 : -1)`;
    case "str":
      return ordered(x, y);
    case "class": {
      const fields = allFields(t.c).filter((f) => f.ty.k === "i32" || f.ty.k === "i64" || f.ty.k === "f64" || f.ty.k === "bool");
      const inner = fields.length === 0 ? "0" : ((f) => compare(kid(c, 1), `${x}.${f.name}`, `${y}.${f.name}`, f.ty))(fields[index(c, fields.length, 883)]);
      return t.nullable ? nullsFirst(x, y, inner) : inner;
    }
    case "array": {
      const inner = `${x}.length - ${y}.length`;
      return t.nullable ? nullsFirst(x, y, inner) : inner;
    }
    case "fn":
      return "0";
  }
}

/** `(a, b) => ...`, ascending or descending, now and then annotated or a function expression. */
function comparator(cx: Cx, c: Choice, e: Ty): string {
  const a = fresh(cx.st, "ca");
  const b = fresh(cx.st, "cb");
  const [x, y] = index(c, 2, 891) === 0 ? [a, b] : [b, a];
  const body = compare(c, x, y, e);
  const typed = (p: string) => `${p}: ${tyName(e)}`;
  switch (index(c, 6, 892)) {
    case 0:
      return `(${typed(a)}, ${typed(b)}): i32 => ${body}`;
    case 1:
      return `function (${typed(a)}, ${typed(b)}): i32 {\n${cx.ind ?? "  "}  return ${body};\n${cx.ind ?? "  "}}`;
    default:
      return `(${a}, ${b}) => ${body}`;
  }
}

// ---- statements --------------------------------------------------------------------------------

/** `a.forEach(f);`, `a.sort(cmp);`, `a.reverse();`, `a.fill(...)`, `a.splice(...)`, or `const v = a.find(f); if (v !== undefined) { ... }`. */
export function arrayMethodStmt(cx: Cx, c: Choice, ind: string): Out | null {
  if (cx.mode !== "normal" || cx.fn.isCtor) return null;
  const scx: Cx = { ...cx, depth: cx.st.opts.size === "small" ? 2 : 3, ind };
  const kind = index(c, 6, 901);
  if (kind <= 2) {
    const r = receiver(scx, c, () => true);
    if (r === null) return null;
    const cb = elementCallback(scx, kid(c, 2), r, null, TRIPS);
    if (cb === null) return null;
    return { lines: [`${ind}${r.t}.forEach(${cb.t});`], cost: r.cost + TRIPS * cb.info.cost + 4 };
  }
  if (kind === 3) return findStmt(cx, c, ind);
  if (cx.noResize) return null;
  const r = receiver(scx, c, () => true);
  if (r === null || r.ty.k !== "array") return null;
  const which = index(c, 4, 902);
  let e: Ex | null;
  if (which === 0) e = sort(scx, c, r);
  else if (which === 1) e = methodCall(r, "reverse", [], r.ty, 8);
  else if (which === 2) e = methodCall(r, "fill", [sub(scx, c, 1, r.ty.e, r.ty.e), ...positions(scx, c, 2, 903)], r.ty, 8);
  else e = cx.noPush ? null : splice(scx, c, r);
  if (e === null) return null;
  return { lines: [`${ind}${e.t};`], cost: e.cost };
}

/** `const v = a.find(f);` then `if (v !== undefined) { v narrowed }` (v is `C | undefined`: used only there). */
function findStmt(cx: Cx, c: Choice, ind: string): Out | null {
  if (cx.nest <= 0) return null;
  const scx: Cx = { ...cx, depth: cx.st.opts.size === "small" ? 2 : 3, ind };
  const r = receiver(scx, c, (t) => t.e.k === "class");
  if (r === null || r.ty.k !== "array") return null;
  const cb = elementCallback(scx, kid(c, 2), r, BOOL, TRIPS, { annotateRet: true });
  if (cb === null) return null;
  const name = fresh(cx.st, "v");
  const found = { name, ty: r.ty.e, mutable: false, frozen: true };
  const body = block({ ...cx, vars: [...cx.vars, found], nest: cx.nest - 1, noFnDecl: false }, c.k.slice(1), ind + "  ");
  const test = index(c, 2, 911) === 0 ? `${name} !== undefined` : `undefined !== ${name}`;
  return {
    lines: [`${ind}const ${name} = ${r.t}.find(${cb.t});`, `${ind}if (${test}) {`, ...body.lines, `${ind}}`],
    cost: r.cost + TRIPS * cb.info.cost + body.cost + 4,
  };
}
