// The elaborator: a ProgramRecipe in, the text of a well-typed, terminating, deterministic stmc
// program out. Declarations first (classes, globals, signatures), then bodies in rank order so
// that a body only calls what is already written (no recursion), then tasks and main.
import type { GenOptions } from "../options.js";
import { callable, classText, declareClasses, params, returnType } from "./classes.js";
import { type Cx, type FnCtx, fresh, type State } from "./context.js";
import { expr } from "./expressions.js";
import { zero } from "./literals.js";
import { BOOL, STR, type Callable, F64, hasFn, I32, I64, STORED, type Ty, tyName, type Var } from "./model.js";
import { type Choice, index, kid, type ProgramRecipe, type TaskRecipe } from "./recipe.js";
import { block, pickType, topExpr } from "./statements.js";
import { captured } from "./functions.js";
import { addDefaults, ENUM_LINES, PARAM_LINES, paramText, SHAPE_LINES } from "./features.js";
import { COLLECTION_LINES, GENERIC_LINES, usesCollections } from "./generics.js";

const HELPERS: Record<string, string[]> = {
  toI32: ["function toI32(x: f64): i32 {", "  if (x !== x) return 0;", "  if (x >= 2147483647.0) return 2147483647;", "  if (x <= -2147483648.0) return -2147483648;", "  return i32(x);", "}"],
  toI32L: ["function toI32L(x: i64): i32 {", "  return i32(x % 2147483648);", "}"],
  toI64: ["function toI64(x: f64): i64 {", "  if (x !== x) return 0;", "  if (x >= 4503599627370496.0) return 4503599627370496;", "  if (x <= -4503599627370496.0) return -4503599627370496;", "  return i64(x);", "}"],
};

export function baseCx(st: State, fn: FnCtx, vars: Var[], budget: number): Cx {
  const small = st.opts.size === "small";
  return { st, fn, vars, depth: small ? 2 : 3, inCond: false, pure: false, mode: "normal", budget, inAtomic: false, noPush: false, loops: [], nest: small ? 2 : 3, noNew: false };
}

interface Task {
  fn: Callable;
  recipe: TaskRecipe;
  /** Its declaration (written at the top level, or nested in main). */
  lines: string[];
  nested: boolean;
  trips: number;
  slots: string;
  slotTy: Ty;
  sum: string;
  sumTy: Ty;
}

/** The program's text; `lib` when it is split in two files (the entry imports "./%LIB%"). */
export interface ProgramText {
  text: string;
  lib?: string;
}

export const LIB_PLACEHOLDER = "%LIB%";

export function buildProgram(r: ProgramRecipe, opts: GenOptions, title: string, allowSplit = false): ProgramText {
  const small = opts.size === "small";
  const st: State = { opts, classes: [], functions: [], statics: [], slots: [], globals: [], risk: [0, 0, 1, 2, 3][index(r.head, 5, 1)], helpers: new Set(), counter: 0 };
  const plans = declareClasses(st, r.classes);
  const globalLines = declareGlobals(st, r.globals);

  // Signatures, then a rank for every body: a body calls only lower ranks.
  const bodies = new Map<Callable, Choice[]>();
  for (const f of r.functions) {
    const fn = callable(st, fresh(st, "fn"), params(st, kid(f.sig, 0), 4, (c) => pickType({ st } as Cx, c)), returnType(st, f.sig), index(f.sig, 2, 2) === 0);
    addDefaults(kid(f.sig, 4), fn.params, (ps) => ({ ...baseCx(st, { callable: null, rank: -1, ret: null, cls: null, safe: true, isMain: false, isCtor: false }, ps.map((p) => ({ name: p.name, ty: p.ty, mutable: false })), 20), mode: "const", pure: true }));
    st.functions.push(fn);
    bodies.set(fn, f.body);
  }
  for (const plan of plans) for (const m of plan.methods) bodies.set(m.impl, m.body);
  const order = [...bodies.keys()].map((fn, i) => ({ fn, key: (bodies.get(fn)![0]?.p ?? 0) % 1009, i }));
  order.sort((a, b) => a.key - b.key || a.i - b.i);
  order.forEach((o, rank) => (o.fn.rank = rank));

  const written = new Map<Callable, string[]>();
  for (const { fn } of order) written.set(fn, writeBody(st, fn, bodies.get(fn)!, small ? 150 : 400));

  // One program in four (when allowed) puts main alone in the entry file and imports the rest.
  const split = allowSplit && index(r.head, 4, 9) === 0;
  const tasks = r.tasks.map((t, i) => declareTask(st, t, i, order.length));
  for (const t of tasks) {
    t.lines = writeTask(st, t);
    // A task may be a function nested in main (not when split: it assigns the sum, which main imports read-only).
    t.nested = !split && index(t.recipe.spawn, 4, 7) === 0;
  }
  const taskLines = tasks.filter((t) => !t.nested).flatMap((t) => t.lines);
  const mainLines = writeMain(st, r, tasks, small ? 6000 : 30000, split);

  const classLines = plans.flatMap((plan) => [...classText(st, plan, written), ""]);
  const out = [`// ${title}`, 'import { i32, i64, f64, print, transaction } from "stmc";', ""];
  for (const h of ["toI32", "toI32L", "toI64"]) if (st.helpers.has(h)) out.push(...HELPERS[h], "");
  out.push(...ENUM_LINES, ...PARAM_LINES, ...SHAPE_LINES, ...GENERIC_LINES);
  const generated = [...mainLines, ...taskLines, ...[...written.values()].flat()];
  if (usesCollections(generated)) out.push(...COLLECTION_LINES);
  out.push(...classLines);
  if (classLines.some((l) => l.includes("finalized++"))) out.push("let finalized: i32 = 0;");
  out.push(...globalLines);
  for (const t of tasks) out.push(`const ${t.slots} = new Array<${tyName(t.slotTy)}>(${2 * t.trips}).fill(${zero(t.slotTy)});`, `let ${t.sum}: ${tyName(t.sumTy)} = 0;`);
  out.push("");
  for (const fn of st.functions) out.push(...signature(fn, `function ${fn.name}`), ...written.get(fn)!, "}", "");
  out.push(...taskLines);
  if (!split) return { text: [...out, ...mainLines].join("\n") + "\n" };
  const lib = out.join("\n").replace(/^(abstract class|class|function|let|const enum|const|enum|type|interface) /gm, "export $1 ") + "\n";
  const names = [...lib.matchAll(/^export (?:abstract class|class|function|let|const enum|const|enum|type|interface) (\w+)/gm)].map((m) => m[1]);
  const entry = [out[0], out[1], `import { ${names.join(", ")} } from "./${LIB_PLACEHOLDER}";`, "", ...mainLines];
  return { text: entry.join("\n") + "\n", lib };
}

function signature(fn: Callable, head: string): string[] {
  return [`${head}(${fn.params.map(paramText).join(", ")}): ${fn.ret === null ? "void" : tyName(fn.ret)} {`];
}

/** Module-level variables: initialised in order, from literals and earlier variables only. */
function declareGlobals(st: State, cs: Choice[]): string[] {
  const lines: string[] = [];
  for (const c of cs) {
    const ty = pickType({ st } as Cx, kid(c, 1));
    const name = fresh(st, "g");
    const isConst = index(c, 3, 1) === 0;
    const cx: Cx = { ...baseCx(st, { callable: null, rank: -1, ret: null, cls: null, safe: false, isMain: false, isCtor: false }, [...st.globals], 100), mode: "const" };
    const e = expr(cx, kid(c, 0), ty, ty);
    lines.push(`${isConst ? "const" : "let"} ${name}: ${tyName(ty)} = ${e.t};`);
    // A function value in a module variable: main may store any stored-kind value there later.
    st.globals.push({ name, ty, mutable: !isConst, global: true, info: ty.k === "fn" ? (isConst && e.fn !== undefined ? e.fn : { ...STORED, unsafe: true }) : undefined });
  }
  return lines;
}

function fnCtx(fn: Callable, isMain = false): FnCtx {
  return {
    callable: fn,
    rank: fn.rank,
    ret: fn.ret,
    cls: fn.owner !== undefined && fn.slot !== undefined ? fn.owner : null,
    safe: fn.safe,
    isMain,
    isCtor: false,
    lvlBound: Number.POSITIVE_INFINITY,
    lvlAcc: { max: 0 },
  };
}

/** A function's or method's body; sets its cost and whether it pushes. */
function writeBody(st: State, fn: Callable, cs: Choice[], budget: number): string[] {
  const vars: Var[] = [...st.globals, ...fn.params.map((p) => ({ name: p.name, ty: p.ty, mutable: true }))];
  const cx = baseCx(st, fnCtx(fn), vars, budget);
  const body = block(cx, cs, "  ");
  const lines = [...body.lines];
  let cost = body.cost + 1;
  if (fn.ret !== null && !body.terminal) {
    const e = topExpr({ ...cx, vars: body.vars, budget: Math.max(budget - cost, 0) }, kid(cs[0] ?? { p: 0, q: 0, k: [] }, 7), fn.ret, fn.ret);
    lines.push(`  return ${e.t};`);
    cost += e.cost;
  }
  fn.cost = cost;
  fn.lvl = cx.fn.lvlAcc!.max;
  const text = lines.join("\n");
  const done = [...st.functions, ...st.statics, ...st.slots.flatMap((s) => s.impls)].filter((f) => f.done);
  const calls = (f: Callable) => new RegExp(`\\b${f.name}\\(`).test(text);
  // splice can insert (a push) and remove (a pop).
  fn.pushes = text.includes(".push(") || text.includes(".splice(") || done.some((f) => f.pushes && calls(f));
  fn.resizes = text.includes(".pop()") || text.includes(".splice(") || text.includes(".length = ") || done.some((f) => f.resizes && calls(f));
  fn.done = true;
  return lines;
}

function declareTask(st: State, t: TaskRecipe, i: number, rank: number): Task {
  // No function-typed parameters: their values would be made in main (and could reach its state).
  const extra = params(st, kid(t.sig, 0), 2, (c) => {
    const ty = pickType({ st } as Cx, c);
    return hasFn(ty) ? I32 : ty;
  });
  const fn = callable(st, `task${i}`, [{ name: "k", ty: I32 }, ...extra], null, true);
  fn.rank = rank;
  const slotTy = [I32, I64, F64, BOOL, STR][index(t.sig, 5, 1)];
  return { fn, recipe: t, lines: [], nested: false, trips: 1 + index(t.sig, st.opts.size === "small" ? 4 : 6, 2), slots: `slots${i}`, slotTy, sum: `sum${i}`, sumTy: index(t.sig, 2, 3) === 0 ? I32 : I64 };
}

/**
 * A task: task-safe code, then a store to its own slot and a commutative update of its sum (so
 * the outcome is the same in every order), then maybe a child task with a slot of its own.
 */
function writeTask(st: State, t: Task): string[] {
  const fn = t.fn;
  const vars: Var[] = fn.params.map((p, i) => ({ name: p.name, ty: p.ty, mutable: true, frozen: i === 0 }));
  const cx = baseCx(st, fnCtx(fn), vars, 300);
  const body = block(cx, t.recipe.body, "  ");
  const after: Cx = { ...cx, vars: body.vars };
  const slotValue = topExpr(after, kid(t.recipe.spawn, 0), t.slotTy, t.slotTy);
  let amount = topExpr(after, kid(t.recipe.spawn, 1), t.sumTy, t.sumTy).t;
  let update = `${t.sum} += ${amount};`;
  if (t.sumTy.k === "i32" && !st.opts.i32Overflow) update = `${t.sum} = (${t.sum} + ${amount}) | 0;`;
  if (t.sumTy.k === "i64" && !st.opts.i64Large) update = `${t.sum} += ${(amount = `(${amount} % 1000000)`)};`;
  const store = [`${t.slots}[k] = ${slotValue.t};`, update];
  const lines = [...signature(fn, `function ${fn.name}`), ...body.lines];
  if (index(t.recipe.spawn, 3, 1) === 0) lines.push("  transaction.atomic(() => {", ...store.map((l) => `    ${l}`), "  });");
  else lines.push(...store.map((l) => `  ${l}`));
  if (index(t.recipe.spawn, 2, 2) === 0) {
    // The child as a function and its arguments, or as a closure that calls it (its arguments made when it runs).
    const asClosure = index(t.recipe.spawn, 3, 11) === 0;
    const acx: Cx = asClosure ? { ...after, vars: captured(after), mode: "fresh", pure: true } : { ...after, mode: "fresh" };
    const args = fn.params.slice(1).map((p, i) => expr(acx, kid(kid(t.recipe.spawn, 2), i), p.ty, p.ty).t);
    const add = asClosure ? `() => ${fn.name}(${[`k + ${t.trips}`, ...args].join(", ")})` : [fn.name, `k + ${t.trips}`, ...args].join(", ");
    lines.push(`  if (k < ${t.trips}) transaction.add(${add});`);
  }
  lines.push("}", "");
  return lines;
}

function taskSection(cx: Cx, t: Task, ind: string): string[] {
  const i = fresh(cx.st, "j");
  const inner: Cx = { ...cx, vars: [...cx.vars, { name: i, ty: I32, mutable: true, frozen: true }], mode: "fresh" };
  const lines = t.nested ? t.lines.map((l) => (l === "" ? l : `${ind}${l}`)) : [];
  // transaction.add(task, i, args), or a closure: transaction.add(() => task(i, args)), its
  // arguments made when the task runs (so task-safe: pure, no module variables), maybe counting
  // in a variable of main that every task adds to (a commutative sum).
  const asClosure = index(t.recipe.spawn, 3, 8) === 0;
  const acx: Cx = asClosure ? { ...inner, vars: captured(inner), fn: { ...cx.fn, safe: true, caught: false }, pure: true, depth: 2 } : { ...inner, depth: 2 };
  const args = t.fn.params.slice(1).map((p, n) => expr(acx, kid(kid(t.recipe.spawn, 4), n), p.ty, p.ty).t);
  const call = `${t.fn.name}(${[i, ...args].join(", ")})`;
  const counter = asClosure && index(t.recipe.spawn, 2, 10) === 0 ? fresh(cx.st, "tc") : null;
  if (counter !== null) lines.push(`${ind}let ${counter} = 0;`);
  const task = !asClosure ? [t.fn.name, i, ...args].join(", ") : counter === null ? `() => ${call}` : `() => {\n${ind}    ${call};\n${ind}    ${counter} += ${i};\n${ind}  }`;
  const add = `for (let ${i} = 0; ${i} < ${t.trips}; ${i}++) transaction.add(${task});`;
  lines.push(...(index(t.recipe.spawn, 3, 5) === 0 ? [`${ind}transaction.atomic(() => {`, `${ind}  ${add}`, `${ind}});`] : [`${ind}${add}`]));
  lines.push(`${ind}transaction.run();`);
  const slots = Array.from({ length: 2 * t.trips }, (_, n) => `${t.slots}[${n}]`);
  lines.push(`${ind}print("${t.fn.name}", ${t.sum}, ${counter === null ? "" : `${counter}, `}${slots.join(", ")});`);
  return lines;
}

function writeMain(st: State, r: ProgramRecipe, tasks: Task[], budget: number, split: boolean): string[] {
  const returnsI32 = index(r.head, 3, 3) === 0;
  const fn = callable(st, "main", [], returnsI32 ? I32 : null, false);
  fn.rank = Number.POSITIVE_INFINITY;
  // Imported module variables cannot be assigned (import bindings are read-only).
  let cx = baseCx(st, fnCtx(fn, true), split ? st.globals.map((g) => ({ ...g, mutable: false })) : [...st.globals], budget);
  const lines = [`export function main(): ${returnsI32 ? "i32" : "void"} {`];
  // Each task's section goes at a point of main picked by the task's recipe.
  const at = tasks.map((t) => index(t.recipe.spawn, r.main.length + 1, 6));
  let used = 0;
  for (let pos = 0; pos <= r.main.length; pos++) {
    tasks.forEach((t, n) => {
      if (at[n] === pos) lines.push(...taskSection(cx, t, "  "));
    });
    if (pos === r.main.length) break;
    const out = block({ ...cx, budget: budget - used }, [r.main[pos]], "  ");
    lines.push(...out.lines);
    used += out.cost;
    cx = { ...cx, vars: out.vars };
    if (out.terminal) {
      lines.push("}");
      return lines;
    }
  }
  if (returnsI32) lines.push(`  return ${topExpr(cx, kid(r.head, 0), I32, I32).t};`);
  lines.push("}");
  return lines;
}

