// Statements and blocks. Every loop is bounded (a counter the body cannot assign, or an array
// the body cannot grow) and costs are estimated so that a program runs in milliseconds.
import { compound, opsFor } from "./arith.js";
import { type Cx, fresh, type Loop, riskOdds, visibleVars } from "./context.js";
import { arrayMethodStmt } from "./arrays.js";
import { localReq, nestedFunction, pickFnTy, valueCallStmt } from "./functions.js";
import { assignableVars, assignTo, expr, risky } from "./expressions.js";
import { type Ex, stringLiteral } from "./literals.js";
import { allFields, arrayTy, assignable, BOOL, classTy, F64, I32, I64, STR, isNumeric, isRef, isSubclass, STORED, type Ty, tyName, type Var, withNull } from "./model.js";
import { type Choice, choose, index, kid } from "./recipe.js";
import { callTargets, callWith, nonNullArrays } from "./references.js";
import { appendText, forOfString, stringCond, switchOnString } from "./strings.js";
import { aliasedName, truncate } from "./features.js";
import { tryStmt } from "./exceptions.js";

export interface Out {
  lines: string[];
  cost: number;
  /** Variables declared for the statements that follow. */
  decls?: Var[];
  /** Ends the block (return, break, continue): TypeScript does not narrow in unreachable code. */
  terminal?: boolean;
}

export interface BlockOut extends Out {
  /** The variables visible after the block's last statement. */
  vars: Var[];
}

const NONE: Out = { lines: [], cost: 0 };

/** An expression at statement level (full depth). */
export function topExpr(cx: Cx, c: Choice, ty: Ty, hint?: Ty): Ex {
  return expr({ ...cx, depth: cx.st.opts.size === "small" ? 2 : 3 }, c, ty, hint);
}

function cond(cx: Cx, c: Choice): Ex {
  return topExpr({ ...cx, inCond: true }, c, BOOL);
}

/** A type for a new variable or parameter. */
export function pickType(cx: Cx, c: Choice): Ty {
  const classes = cx.st.classes;
  const kind = choose(c, [[5, "i32"], [2, "i64"], [3, "f64"], [2, "bool"], [classes.length > 0 ? 3 : 0, "class"], [2, "array"], [1, "fn"], [2, "str"]] as const, 3);
  if (kind === "class") return classTy(classes[index(c, classes.length, 301)], index(c, 3, 302) === 0);
  if (kind === "fn") return { ...pickFnTy(cx.st, kid(c, 5)), nullable: index(c, 5, 306) === 0 };
  if (kind === "array") {
    const elem = choose<Ty | "fn" | null>(c, [[4, I32], [2, F64], [1, I64], [1, BOOL], [classes.length > 0 ? 2 : 0, null], [1, arrayTy(I32)], [1, "fn"], [1, STR]], 4);
    const e: Ty = elem === "fn" ? pickFnTy(cx.st, kid(c, 6)) : (elem ?? classTy(classes[index(c, classes.length, 303)], index(c, 2, 304) === 0));
    return arrayTy(e, index(c, 6, 305) === 0);
  }
  return { k: kind };
}

export function block(cx: Cx, cs: readonly Choice[], indent: string): BlockOut {
  const vars = [...cx.vars];
  const lines: string[] = [];
  let cost = 0;
  for (const c of cs) {
    const remaining = cx.budget - cost;
    if (remaining <= 2) break;
    const out = stmt({ ...cx, vars, budget: remaining }, c, indent);
    lines.push(...out.lines);
    cost += out.cost;
    if (out.decls) vars.push(...out.decls);
    if (out.terminal) return { lines, cost, vars, terminal: true };
  }
  return { lines, cost, vars };
}

function braces(cx: Cx, cs: readonly Choice[], indent: string, head: string, tail = "}"): Out {
  if (cx.nest <= 0) cs = [];
  const body = block({ ...cx, nest: cx.nest - 1, noFnDecl: false }, cs, indent + "  ");
  return { lines: [`${indent}${head} {`, ...body.lines, `${indent}${tail}`], cost: body.cost + 1 };
}

function stmt(cx: Cx, c: Choice, ind: string): Out {
  cx = { ...cx, ind };
  const st = cx.st;
  const nest = cx.nest > 0;
  const w = (n: number) => (nest ? n : 0);
  const normal = !cx.fn.safe && !cx.fn.isCtor;
  const odds = riskOdds(cx);
  const inLoop = cx.loops.length > 0;
  const prods: [number, () => Out | null][] = [
    [normal ? 5 : 0, () => print(cx, c, ind)],
    [6, () => declare(cx, c, ind)],
    [6, () => assign(cx, c, ind)],
    [w(3), () => ifStmt(cx, c, ind)],
    [w(3), () => forLoop(cx, c, ind)],
    [w(1), () => whileLoop(cx, c, ind)],
    [w(1), () => forOf(cx, c, ind)],
    [w(1), () => forOfString(cx, c, ind, (bcx, cs, bind, head, trips, ch) => loopBody(bcx, cs, bind, head, maybeLabel(bcx, c), trips, [{ name: ch, ty: STR, mutable: false }]))],
    [inLoop ? 2 : 0, () => breakContinue(cx, c, ind)],
    [w(1), () => switchStmt(cx, c, ind)],
    [cx.fn.isCtor ? 0 : 1, () => earlyReturn(cx, c, ind)],
    [cx.fn.isCtor ? 0 : cx.fn.isMain ? 6 : 3, () => callStmt(cx, c, ind)],
    [1, () => pushPopStmt(cx, c, ind)],
    [(normal || cx.fn.caught === true) && odds > 0 ? 1 : 0, () => throwStmt(cx, c, ind)],
    [w(cx.fn.isCtor ? 0 : 1), () => tryStmt(cx, c, ind, braces)],
    [w(cx.fn.isCtor ? 0 : 1), () => atomic(cx, c, ind)],
    [w(1), () => braces(cx, c.k, ind, "")],
    [w(2), () => nullTest(cx, c, ind)],
    [w(1), () => listWalk(cx, c, ind)],
    [cx.fn.isMain && !cx.inAtomic ? 1 : 0, () => threads(cx, c, ind)],
    [w(cx.fn.isCtor ? 0 : 1), () => nestedFunction(cx, c, ind)],
    [cx.fn.isCtor ? 0 : 2, () => valueCallStmt(cx, c, ind)],
    [cx.fn.isCtor ? 0 : 2, () => arrayMethodStmt(cx, c, ind)],
  ];
  const live = prods.filter(([wt]) => wt > 0);
  const first = choose(c, live);
  for (const f of [first, ...live.map(([, f]) => f)]) {
    const out = f();
    if (out !== null && out.cost <= cx.budget) return out;
  }
  return NONE;
}

function print(cx: Cx, c: Choice, ind: string): Out {
  const n = index(c, 5);
  const args: string[] = [];
  let cost = 1;
  if (index(c, 3, 1) !== 0) args.push(stringLiteral(kid(c, 4), cx.st.counter++));
  // Now and then print(v, (v = e), v): every argument is evaluated, in order, before the line is written.
  const vs = assignableVars(cx);
  if (vs.length > 0 && index(c, 4, 3) === 0) {
    const v = vs[index(c, vs.length, 5)];
    const a = assignTo({ ...cx, depth: 2 }, kid(c, 5), v);
    if (a !== null) return { lines: [`${ind}print(${[...args, v.name, a.t, v.name].join(", ")});`], cost: a.cost + 1 };
  }
  for (let i = 0; i < n; i++) {
    const ty = [I32, I64, F64, BOOL, F64, I32, STR, STR][index(kid(c, i), 8, 2)];
    const e = topExpr(cx, kid(c, i), ty);
    args.push(e.t);
    cost += e.cost;
  }
  return { lines: [`${ind}print(${args.join(", ")});`], cost };
}

function declare(cx: Cx, c: Choice, ind: string): Out {
  const ty = pickType(cx, kid(c, 1));
  const name = fresh(cx.st, "v");
  // A function value in a local may be more than one in a parameter or field (it is called here).
  const e = topExpr(ty.k === "fn" ? { ...cx, fnReq: localReq(cx) } : cx, kid(c, 0), ty, ty);
  const isConst = index(c, 4, 11) === 0;
  // Without an annotation the variable takes the initialiser's type; a const literal would get a literal type.
  const bare = !isRef(ty) && ty.k !== "bool" && ty.k !== "str" && !e.lit && index(c, 2, 12) === 0;
  const declTy = bare ? e.ty : ty;
  const v: Var = { name, ty: declTy, mutable: !isConst, info: ty.k === "fn" ? (isConst ? e.fn : localReq(cx)) : undefined };
  return { lines: [`${ind}${isConst ? "const" : "let"} ${name}${bare ? "" : `: ${aliasedName(ty, c, 13)}`} = ${e.t};`], cost: e.cost + 1, decls: [v] };
}

/** A target to store to: a variable, a field or (guarded) an element. */
function assign(cx: Cx, c: Choice, ind: string): Out | null {
  const st = cx.st;
  const form = index(c, 4, 21);
  let target: string;
  let ty: Ty;
  let pure = true;
  let guard = "";
  let cost = 1;
  const kind = index(c, 5, 22);
  let vcx = cx;
  if (kind <= 2) {
    const vs = visibleVars(cx).filter((v) => v.mutable && !v.frozen);
    if (vs.length === 0) return null;
    const v = vs[index(c, vs.length, 23)];
    target = v.name;
    ty = v.ty;
    // A function-typed variable takes only values as known as it (its FnInfo).
    if (ty.k === "fn") vcx = { ...cx, fnReq: v.info ?? STORED };
  } else if (kind === 3) {
    const options: { cls: (typeof st.classes)[number]; f: string; ty: Ty }[] = [];
    for (const cls of st.classes) for (const f of cls.fields) if (!f.readonly || (cx.fn.isCtor && cx.fn.cls === cls && f.accessor === undefined)) options.push({ cls, f: f.name, ty: f.ty });
    if (options.length === 0) return null;
    const o = options[index(c, options.length, 24)];
    const thisOk = cx.fn.cls !== null && isSubclass(cx.fn.cls, o.cls) && (!cx.fn.isCtor || index(c, 2, 25) === 0);
    const recv = thisOk ? { t: "this", pure: true, cost: 1 } : cx.fn.isCtor ? null : expr({ ...cx, depth: 1 }, kid(c, 2), classTy(o.cls));
    if (recv === null) return null;
    target = `${recv.t}.${o.f}`;
    ty = o.ty;
    pure = recv.pure;
    cost += recv.cost;
  } else {
    const odds = riskOdds(cx);
    const raw = odds > 0 && index(c, odds, 26) === 0;
    const a = nonNullArrays({ ...cx, depth: 1 }, kid(c, 2), null, !raw);
    if (a === null || a.ty.k !== "array") return null;
    const i = expr({ ...cx, depth: 1, pure: !raw }, kid(c, 3), I32, I32);
    ty = a.ty.e;
    cost += a.cost + i.cost;
    if (raw) {
      target = `${a.t}[${i.t}]`;
      pure = false;
    } else {
      target = `${a.t}[(${i.t} & 2147483647) % ${a.t}.length]`;
      guard = `if (${a.t}.length > 0) `;
    }
  }
  const value = topExpr(vcx, kid(c, 0), ty, ty);
  cost += value.cost;
  if (form >= 1 && isNumeric(ty)) {
    const incOk = (st.opts.i32Overflow || ty.k !== "i32") && (st.opts.i64Large || ty.k !== "i64");
    if (form === 3 && incOk) return { lines: [`${ind}${guard}${target}${index(c, 2, 27) === 0 ? "++" : "--"};`], cost };
    const ops = opsFor(ty, st.opts);
    const text = compound(target, ty, ops[index(c, ops.length, 28)], value, st.opts, index(c, 2, 29) === 0, risky(cx, c, 30));
    // A normalised compound assignment names its target twice: only for a target without effects.
    if (text !== null && (pure || !text.startsWith(`${target} = `))) return { lines: [`${ind}${guard}${text};`], cost };
  }
  // Not on an element whose array or index has a call: the reference run rejects
  // `a.slice(0)[0] += "w"` and `a[i32(0)] += "w"` (Invalid left-hand side in assignment; a known difference).
  if (form >= 2 && ty.k === "str" && (kind !== 4 || (/^[\w$]+\[/.test(target) && !/[\w$]\(/.test(target)))) {
    const a = appendText(cx, kid(c, 0), target);
    return { lines: [`${ind}${guard}${a.t};`], cost: cost + a.cost };
  }
  if (!assignable(value.ty, ty)) return null;
  return { lines: [`${ind}${guard}${target} = ${value.t};`], cost };
}

function ifStmt(cx: Cx, c: Choice, ind: string): Out {
  const e = index(c, 10, 32) === 0 ? stringCond(cx, kid(c, 0)) : cond(cx, kid(c, 0));
  const rest = c.k.slice(1);
  const split = index(c, rest.length + 1, 31);
  const then = braces(cx, rest.slice(0, split), ind, `if (${e.t})`);
  if (split === rest.length) return { lines: then.lines, cost: then.cost + e.cost };
  const other = braces(cx, rest.slice(split), ind, "");
  const lines = [...then.lines.slice(0, -1), `${ind}} else {`, ...other.lines.slice(1)];
  return { lines, cost: Math.max(then.cost, other.cost) + e.cost + 1 };
}

function maybeLabel(cx: Cx, c: Choice): string | null {
  return index(c, 4, 41) === 0 ? fresh(cx.st, "L") : null;
}

/** The body of a loop: the counter frozen, the loop on the stack, the budget divided. */
function loopBody(cx: Cx, cs: readonly Choice[], ind: string, head: string, label: string | null, trips: number, frozen: Var[], extra: string[] = [], noPush = false): Out {
  const inner: Cx = {
    ...cx,
    vars: [...cx.vars, ...frozen],
    loops: [...cx.loops, { label, isSwitch: false }],
    budget: Math.floor((cx.budget - 2) / Math.max(trips, 1)),
    noPush: cx.noPush || noPush,
  };
  const body = braces(inner, cs, ind, `${label === null ? "" : `${label}: `}${head}`);
  body.lines.splice(1, 0, ...extra.map((l) => `${ind}  ${l}`));
  return { lines: body.lines, cost: body.cost * Math.max(trips, 1) + 2 };
}

function forLoop(cx: Cx, c: Choice, ind: string): Out | null {
  const max = cx.st.opts.size === "small" ? 4 : 6;
  const trips = index(c, max + 1, 42);
  if ((cx.budget - 2) / Math.max(trips, 1) < 4) return null;
  const i = fresh(cx.st, "j");
  const ty = index(c, 5, 43) === 0 ? I64 : I32;
  const decl = ty.k === "i64" ? `let ${i}: i64` : `let ${i}`;
  const head = [
    `for (${decl} = 0; ${i} < ${trips}; ${i}++)`,
    `for (${decl} = ${trips}; ${i} > 0; ${i}--)`,
    `for (${decl} = 0; ${i} < ${trips * 2}; ${i} += 2)`,
  ][index(c, 3, 44)];
  return loopBody(cx, c.k, ind, head, maybeLabel(cx, c), trips, [{ name: i, ty, mutable: true, frozen: true }]);
}

function whileLoop(cx: Cx, c: Choice, ind: string): Out | null {
  const trips = 1 + index(c, cx.st.opts.size === "small" ? 3 : 5, 51);
  if ((cx.budget - 4) / trips < 4) return null;
  const w = fresh(cx.st, "w");
  const counter: Var = { name: w, ty: I32, mutable: true, frozen: true };
  const inner = { ...cx, vars: [...cx.vars, counter] };
  const e = cond(inner, kid(c, 0));
  const label = maybeLabel(cx, c);
  const test = index(c, 2, 52) === 0 ? `${w} < ${trips}` : `${w} < ${trips} && ${e.t}`;
  const doWhile = index(c, 3, 53) === 0;
  const body = loopBody(doWhile ? { ...cx, noBareReturn: true } : cx, c.k.slice(1), ind, doWhile ? "do" : `while (${test})`, label, trips, [counter], [`${w}++;`]);
  if (doWhile) body.lines[body.lines.length - 1] = `${ind}} while (${test});`;
  return { lines: [`${ind}let ${w} = 0;`, ...body.lines], cost: body.cost + e.cost * trips + 2, decls: [{ name: w, ty: I32, mutable: true }] };
}

function forOf(cx: Cx, c: Choice, ind: string): Out | null {
  const a = nonNullArrays({ ...cx, depth: 2 }, kid(c, 0), null);
  if (a === null || a.ty.k !== "array") return null;
  const trips = 8; // an estimate: arrays are short (fill lengths below 8, bounded pushes)
  if ((cx.budget - a.cost - 2) / trips < 4) return null;
  const x = fresh(cx.st, "x");
  const out = loopBody(cx, c.k.slice(1), ind, `for (const ${x} of ${a.t})`, maybeLabel(cx, c), trips, [{ name: x, ty: a.ty.e, mutable: false }], [], true);
  return { lines: out.lines, cost: out.cost + a.cost };
}

function breakContinue(cx: Cx, c: Choice, ind: string): Out | null {
  const loops = cx.loops;
  const labeled = loops.filter((l) => l.label !== null);
  const isBreak = index(c, 2, 61) === 0;
  let target: Loop | null = null;
  if (index(c, 2, 62) === 0 && labeled.length > 0) target = labeled[index(c, labeled.length, 63)];
  if (!isBreak && target === null && !loops.some((l) => !l.isSwitch)) return null;
  if (!isBreak && target !== null && target.isSwitch) return null;
  const word = `${isBreak ? "break" : "continue"}${target === null ? "" : ` ${target.label}`};`;
  if (index(c, 3, 64) === 0) return { lines: [`${ind}${word}`], cost: 1, terminal: true };
  const e = cond(cx, kid(c, 0));
  return { lines: [`${ind}if (${e.t}) ${word}`], cost: e.cost + 1 };
}

function switchStmt(cx: Cx, c: Choice, ind: string): Out {
  const ty = index(c, 4, 71) === 0 ? I64 : I32;
  const onString = index(c, 4, 76) === 0 ? switchOnString(cx, kid(c, 0)) : null;
  const d = onString === null ? topExpr(cx, kid(c, 0), ty) : { t: "", cost: onString.cost };
  // A bare variable would be narrowed to the case's literal type inside the case.
  const shape = index(c, 3, 72);
  const disc = shape === 0 ? `${d.t} & 7` : shape === 1 ? `${d.t} % 5` : ty.k === "i32" ? `${d.t} | 0` : `${d.t} + 0`;
  const discText = onString !== null ? onString.disc : ty.k === "i64" && shape === 0 && !cx.st.opts.i64Bits ? `${d.t} % 8` : disc;
  const usedText = new Set<string>();
  const inner: Cx = { ...cx, loops: [...cx.loops, { label: null, isSwitch: true }], nest: cx.nest - 1, noFnDecl: true };
  const lines = [`${ind}switch (${discText}) {`];
  const used = new Set<number>();
  let cost = d.cost + 1;
  const cases = c.k.slice(1);
  const defaultAt = index(c, cases.length + 2, 73);
  cases.forEach((k, i) => {
    let label = (k.q % 6) - 1;
    while (used.has(label)) label++;
    used.add(label);
    const labelText = onString !== null ? onString.label(k, usedText) : String(label);
    lines.push(i === defaultAt ? `${ind}  default:` : `${ind}  case ${labelText}:`);
    const body = block(inner, k.k, ind + "    ");
    const scoped = body.lines.length > 0 && index(k, 2, 74) === 0;
    lines.push(...(scoped ? [`${ind}    {`, ...body.lines.map((l) => "  " + l), `${ind}    }`] : body.lines));
    if (index(k, 4, 75) !== 0) lines.push(`${ind}    break;`);
    cost += body.cost + 1;
  });
  lines.push(`${ind}}`);
  return { lines, cost };
}

function returnText(cx: Cx, c: Choice): { text: string; cost: number } {
  const ret = cx.inAtomic ? null : cx.fn.ret;
  if (ret === null) return { text: "return;", cost: 1 };
  const e = topExpr(cx, kid(c, 1), ret, ret);
  return { text: `return ${e.t};`, cost: e.cost + 1 };
}

function earlyReturn(cx: Cx, c: Choice, ind: string): Out {
  const r = returnText(cx, c);
  // A bare return only in a nested block: at a body's top level it would end the body there; never
  // in a do-while body (cx.noBareReturn).
  if (index(c, 5, 81) === 0 && ind.length > 2 && cx.noBareReturn !== true) return { lines: [`${ind}${r.text}`], cost: r.cost, terminal: true };
  const e = cond(cx, kid(c, 0));
  return { lines: [`${ind}if (${e.t}) ${r.text}`], cost: e.cost + r.cost };
}

function callStmt(cx: Cx, c: Choice, ind: string): Out | null {
  const targets = callTargets({ ...cx, depth: 2 }, null);
  if (targets.length === 0) return null;
  const call = callWith({ ...cx, depth: 2 }, c, targets[index(c, targets.length, 91)]);
  return { lines: [`${ind}${call.t};`], cost: call.cost };
}

function pushPopStmt(cx: Cx, c: Choice, ind: string): Out | null {
  const push = index(c, 2, 101) === 0 && !cx.noPush;
  const a = nonNullArrays({ ...cx, depth: 1 }, kid(c, 1), null, !push);
  if (a === null || a.ty.k !== "array") return null;
  if (!push && !cx.noResize && a.pure && index(c, 5, 105) === 0) return truncate(cx, c, ind, a);
  if (push) {
    const v = topExpr(cx, kid(c, 0), a.ty.e, a.ty.e);
    return { lines: [`${ind}${a.t}.push(${v.t});`], cost: a.cost + v.cost + 2 };
  }
  const odds = riskOdds(cx);
  if (cx.noResize) return null;
  if (odds > 0 && index(c, odds, 102) === 0) return { lines: [`${ind}${a.t}.pop();`], cost: a.cost + 1 };
  return { lines: [`${ind}if (${a.t}.length > 0) ${a.t}.pop();`], cost: a.cost * 2 + 2 };
}

function throwStmt(cx: Cx, c: Choice, ind: string): Out {
  const text = `throw new Error(${index(c, 6, 111) === 0 ? "" : stringLiteral(kid(c, 1), cx.st.counter++)});`;
  const e = cond(cx, kid(c, 0));
  return { lines: [`${ind}if (${e.t}) ${text}`], cost: e.cost + 1 };
}

/** Narrowed references are not narrowed inside an arrow (and may not be assigned there). */
export function unnarrowed(vars: Var[]): Var[] {
  const out: Var[] = [];
  const originals = new Map<string, Var>();
  for (const v of vars) {
    const first = originals.get(v.name);
    if (first === undefined) originals.set(v.name, v);
    out.push(first !== undefined && isRef(first.ty) && first.ty.nullable ? { ...first, frozen: true, unusable: v.unusable } : v);
  }
  return out;
}

function atomic(cx: Cx, c: Choice, ind: string): Out {
  const inner: Cx = { ...cx, vars: unnarrowed(cx.vars), loops: [], inAtomic: true };
  const body = braces(inner, c.k, ind, "transaction.atomic(() =>", "});");
  return { lines: body.lines, cost: body.cost + 2 };
}

/** `if (v !== null) { v narrowed } else { v unusable }` and its variants, on a local or parameter. */
function nullTest(cx: Cx, c: Choice, ind: string): Out | null {
  const vs = visibleVars(cx).filter((v) => !v.global && !v.frozen && isRef(v.ty) && v.ty.nullable);
  if (vs.length === 0) return null;
  const v = vs[index(c, vs.length, 121)];
  const narrowed: Var = { ...v, ty: withNull(v.ty, false), frozen: true };
  const gone: Var = { ...v, unusable: true };
  const rest = c.k.slice(1);
  const split = index(c, rest.length + 1, 122);
  let shape = index(c, 4, 123);
  // `if (f)` on a function TypeScript has narrowed by assignment is an error (it is always defined).
  if (shape === 2 && v.ty.k === "fn") shape = 0;
  const early = shape === 3 && !cx.inAtomic;
  if (early) {
    // if (v === null) return ...;  then v is narrowed for the rest of the block.
    const r = returnText({ ...cx, vars: [...cx.vars, gone] }, c);
    return { lines: [`${ind}if (${v.name} === null) ${r.text}`], cost: r.cost + 1, decls: [narrowed] };
  }
  const [test, first, second] = shape === 0 ? [`${v.name} !== null`, narrowed, gone] : shape === 1 ? [`${v.name} === null`, gone, narrowed] : [v.name, narrowed, gone];
  const a = braces({ ...cx, vars: [...cx.vars, first] }, rest.slice(0, split), ind, `if (${test})`);
  const b = braces({ ...cx, vars: [...cx.vars, second] }, rest.slice(split), ind, "");
  return { lines: [...a.lines.slice(0, -1), `${ind}} else {`, ...b.lines.slice(1)], cost: Math.max(a.cost, b.cost) + 1 };
}

/** Walks a linked list through a self-typed nullable field. */
function listWalk(cx: Cx, c: Choice, ind: string): Out | null {
  const options: { cls: (typeof cx.st.classes)[number]; f: string }[] = [];
  for (const cls of cx.st.classes) {
    for (const f of allFields(cls)) if (f.ty.k === "class" && f.ty.nullable && isSubclass(f.ty.c, cls) && !f.readonly) options.push({ cls, f: f.name });
  }
  if (options.length === 0) return null;
  const o = options[index(c, options.length, 131)];
  const trips = 8;
  if ((cx.budget - 4) / trips < 4) return null;
  const start = topExpr(cx, kid(c, 0), classTy(o.cls, true), classTy(o.cls, true));
  const cur = fresh(cx.st, "c");
  const node = fresh(cx.st, "x");
  const n = fresh(cx.st, "n");
  // The next node is fetched first: a break or continue in the body cannot skip it.
  const inBody: Var[] = [{ name: cur, ty: classTy(o.cls, true), mutable: true }, { name: node, ty: classTy(o.cls), mutable: false }, { name: n, ty: I32, mutable: true, frozen: true }];
  const head = [`${n}++;`, `const ${node}: ${o.cls.name} = ${cur};`, `${cur} = ${cur}.${o.f};`];
  const body = loopBody(cx, c.k.slice(1), ind, `while (${cur} !== null && ${n} < ${trips})`, null, trips, inBody, head);
  return {
    lines: [`${ind}let ${cur}: ${tyName(classTy(o.cls, true))} = ${start.t};`, `${ind}let ${n} = 0;`, ...body.lines],
    cost: body.cost + start.cost + 2,
    decls: [{ name: n, ty: I32, mutable: true }],
  };
}

function threads(cx: Cx, c: Choice, ind: string): Out {
  if (index(c, 3, 141) === 0) return { lines: [`${ind}transaction.run();`], cost: 2 };
  const n = 1 + index(c, 3, 142);
  return { lines: [`${ind}transaction.setNumThreads(${n});`, `${ind}print("threads", transaction.getNumThreads());`], cost: 2 };
}

