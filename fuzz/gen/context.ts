// What the elaborator knows while it writes one piece of code: the program so far (State) and
// the position inside a body (Cx): visible variables, the enclosing function, loops, and the
// restrictions of the place (a condition, a pure expression, task-safe code, an initialiser).
import type { GenOptions } from "../options.js";
import { type Callable, type ClassDef, type FnInfo, isSubclass, type MethodSlot, STORED, type Ty, type Var } from "./model.js";

export interface State {
  opts: GenOptions;
  classes: ClassDef[];
  functions: Callable[];
  statics: Callable[];
  slots: MethodSlot[];
  globals: Var[];
  /** 0: no operation that can fail at run time; higher: more of them. */
  risk: number;
  /** Helper functions the program uses (written before the user functions). */
  helpers: Set<string>;
  counter: number;
}

export interface FnCtx {
  /** The body being written (null for main and initialisers). */
  callable: Callable | null;
  /** Calls may only go to callables ranked below this (Infinity: main, which comes last). */
  rank: number;
  ret: Ty | null;
  /** `this`'s class in a method or constructor. */
  cls: ClassDef | null;
  safe: boolean;
  isMain: boolean;
  /** A constructor: only parameters, literals and field stores. */
  isCtor: boolean;
  /**
   * The highest level (FnInfo) the code may reach: it calls functions of at most this level and
   * values of a lower one (Infinity in functions, methods, tasks and main; a function value's bound
   * in its body).
   */
  lvlBound?: number;
  /** The level the code has reached so far (calls made). */
  lvlAcc?: { max: number };
  /** The body of a function value (no `super`). */
  closure?: boolean;
  /**
   * Inside a `try` whose `catch` takes every error (fuzz/gen/exceptions.ts): task-safe code may
   * fail here too. Not inherited by the bodies of function values written here.
   */
  caught?: boolean;
}

/** Notes a call of something of level `lvl` (a value call: its value's level plus one). */
export function reach(cx: Cx, lvl: number): void {
  const acc = cx.fn.lvlAcc;
  if (acc !== undefined && lvl > acc.max) acc.max = lvl;
}

export function lvlBound(cx: Cx): number {
  return cx.fn.lvlBound ?? Number.POSITIVE_INFINITY;
}

export interface Loop {
  label: string | null;
  /** A switch takes `break` but not `continue`. */
  isSwitch: boolean;
}

export interface Cx {
  st: State;
  fn: FnCtx;
  vars: Var[];
  /** Expression nesting left. */
  depth: number;
  /** Part of a condition: nothing that makes TypeScript narrow a reference (to null). */
  inCond: boolean;
  /** No side effects (the expression may be evaluated twice or reordered). */
  pure: boolean;
  /** "const": a module-level initialiser; "fresh": references must be newly created (task arguments). */
  mode: "normal" | "const" | "fresh";
  /** Cost the expression or statement may still spend on calls and loops. */
  budget: number;
  inAtomic: boolean;
  /** Inside for…of: no push to arrays that could be the one iterated. */
  noPush: boolean;
  /**
   * Inside a do-while body: no bare `return` (the body always runs once, so TypeScript would take
   * what follows the loop as unreachable and stop narrowing there).
   */
  noBareReturn?: boolean;
  loops: Loop[];
  /** Statement nesting left. */
  nest: number;
  /** A constructor or field initialiser: no `new` (it could construct its own class again). */
  noNew: boolean;
  /** What a function value written here may be (STORED when absent); reset below other types. */
  fnReq?: FnInfo;
  /**
   * Inside an array method's callback (or a function value a callback may call): no pop or splice,
   * and no sort, reverse or fill in place written here.
   */
  noResize?: boolean;
  /** A function value written here has no contextual type (a callee): annotate its parameters. */
  noContext?: boolean;
  /** The indentation of the statement being written (for function bodies inside expressions). */
  ind?: string;
  /** In a switch case's statements: no nested function declaration. */
  noFnDecl?: boolean;
}

export function fnReq(cx: Cx): FnInfo {
  return cx.fnReq ?? STORED;
}

export function fresh(st: State, prefix: string): string {
  return `${prefix}${st.counter++}`;
}

/** The variables visible here (the innermost declaration of each name), usable ones only. */
export function visibleVars(cx: Cx): Var[] {
  const seen = new Set<string>();
  const out: Var[] = [];
  for (let i = cx.vars.length - 1; i >= 0; i--) {
    const v = cx.vars[i];
    if (seen.has(v.name)) continue;
    seen.add(v.name);
    if (v.unusable) continue;
    if (v.global && (cx.fn.safe || cx.fn.isCtor)) continue;
    out.push(v);
  }
  return out;
}

/** Can a non-null object of `cls` be written here (under noNew only through a variable)? */
export function producible(cx: Cx, cls: ClassDef): boolean {
  if (!cx.noNew) return true;
  return visibleVars(cx).some((v) => v.ty.k === "class" && !v.ty.nullable && isSubclass(v.ty.c, cls));
}

export function withDepth(cx: Cx, depth: number): Cx {
  return depth === cx.depth ? cx : { ...cx, depth };
}

/** The code risky operations come out raw (unguarded) in, one in `1/p`; 0 means never. */
export function riskOdds(cx: Cx): number {
  if ((cx.fn.safe && cx.fn.caught !== true) || cx.mode !== "normal" || cx.st.risk === 0) return 0;
  return [0, 60, 25, 10][cx.st.risk] ?? 10;
}
