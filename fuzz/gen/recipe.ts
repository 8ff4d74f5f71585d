// The random input of the generator: fast-check produces (and shrinks) a tree of choices, and
// the elaborator (program.ts) turns it into a well-typed program. Each node's `p` picks a
// production, `q` a value (a literal, a variable, an operator), `k` are the sub-choices; a
// missing sub-choice reads as LEAF, the simplest production. Any tree elaborates to a valid
// program, so every shrink step fast-check tries is a valid program too.
import fc from "fast-check";
import type { GenOptions } from "../options.js";

export interface Choice {
  p: number;
  q: number;
  k: Choice[];
}

export const LEAF: Choice = { p: 0, q: 0, k: [] };

/**
 * The i-th sub-choice. One the tree does not hold is derived from the node's own numbers (so a
 * small tree still gives a varied program), except under a node shrunk to 0/0: there it is LEAF.
 */
export function kid(c: Choice, i: number): Choice {
  const k = c.k[i];
  if (k !== undefined) return k;
  if (c.p === 0 && c.q === 0) return LEAF;
  return { p: mix(c.p * 31 + i * 7 + 1) % (1 << 20), q: mix(c.q ^ (i * 0x45d9f3b + 0x27d4eb2d)) | 0, k: [] };
}

function mix(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Picks among weighted productions by `c.p` (the first production is what shrinking tends to). */
export function choose<T>(c: Choice, options: readonly (readonly [number, T])[], salt = 0): T {
  let total = 0;
  for (const [w] of options) total += w;
  let r = (c.p + salt * 7919) % total;
  for (const [w, v] of options) {
    if (r < w) return v;
    r -= w;
  }
  return options[0][1];
}

/** `c.q` reduced to 0..n-1. */
export function index(c: Choice, n: number, salt = 0): number {
  return n <= 0 ? 0 : Math.abs((c.q ^ (salt * 0x9e3779b1)) | 0) % n;
}

function choiceTree(maxKids: number, maxDepth: number): fc.Arbitrary<Choice> {
  // Unbiased: fast-check's bias towards small numbers would make every pick the first production.
  const p = fc.noBias(fc.nat({ max: 1 << 20 }));
  const q = fc.noBias(fc.integer());
  const { node } = fc.letrec<{ node: Choice }>((tie) => ({
    node: fc.oneof(
      { maxDepth, depthIdentifier: "choice", withCrossShrink: true },
      fc.record({ p, q, k: fc.constant<Choice[]>([]) }),
      fc.record({ p, q, k: fc.array(tie("node"), { maxLength: maxKids, depthIdentifier: "choice" }) }),
    ),
  }));
  return node;
}

export interface ClassRecipe {
  /** Picks the parent class (or none) and field/method counts. */
  head: Choice;
  fields: Choice[];
  methods: FunctionRecipe[];
  ctor: Choice;
}

export interface FunctionRecipe {
  sig: Choice;
  body: Choice[];
}

export interface TaskRecipe {
  sig: Choice;
  body: Choice[];
  spawn: Choice;
}

export interface ProgramRecipe {
  /** Program-wide choices: main's return type, how often risky operations appear. */
  head: Choice;
  classes: ClassRecipe[];
  globals: Choice[];
  functions: FunctionRecipe[];
  tasks: TaskRecipe[];
  main: Choice[];
}

export function programRecipe(options: GenOptions): fc.Arbitrary<ProgramRecipe> {
  const medium = options.size === "medium";
  const tree = choiceTree(3, 4);
  const stmts = (n: number) => fc.array(tree, { maxLength: n });
  return fc.record({
    head: tree,
    classes: fc.array(fc.record({ head: tree, fields: stmts(4), methods: fc.array(fc.record({ sig: tree, body: stmts(medium ? 6 : 4) }), { maxLength: 3 }), ctor: tree }), {
      maxLength: medium ? 5 : 3,
    }),
    globals: stmts(medium ? 6 : 4),
    functions: fc.array(fc.record({ sig: tree, body: stmts(medium ? 8 : 5) }), { maxLength: medium ? 6 : 4 }),
    tasks: fc.array(fc.record({ sig: tree, body: stmts(medium ? 5 : 3), spawn: tree }), { maxLength: 2 }),
    main: stmts(medium ? 16 : 10),
  });
}
