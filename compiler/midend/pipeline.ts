// The mid-end: the passes between checking and wasm emission, run here in their order, each on
// what the ones before it produced. Lowering (lower/module.ts) reads their results and decides
// nothing of its own: a function's wasm follows from its plan.
//   1. safepoints  which functions, statements and expressions can stop the thread for a
//                  collection (gc/safepoints.ts);
//   2. roots       a reference that waits on the value stack across such a point becomes a tee
//                  of a new local, which the shadow-stack frame roots (gc/roots.ts): the one pass
//                  that rewrites the checked IR, each body replaced before any later pass reads it;
//   3. frames      whether a function needs a shadow-stack frame, and whether only its loops'
//                  polls push it (gc/frames.ts);
//   4. young this  a constructor's first stores into `this`, which need no write barrier of the
//                  collector (gc/young.ts);
//   5. barriers    for the user's code under an STM algorithm, the barrier of each shared access
//                  of its transactional clone and of its atomic blocks (barriers/select.ts), from
//                  facts about the whole program (effects.ts, fresh.ts).
// Devirtualisation is decided where a call is emitted (lower/objects.ts), from the class
// hierarchy alone. `stmc compile --emit ir` prints the result (print.ts).
import type { CheckedProgram, Expr, FunctionDecl, Stmt } from "../check/ir.js";
import { SafepointAnalysis } from "../gc/safepoints.js";
import { rootTemporaries } from "../gc/roots.js";
import { needsFrame } from "../gc/frames.js";
import { YoungThis } from "../gc/young.js";
import { asStatements, forEachExpr, forEachStatement } from "../gc/walk.js";
import { selectBarriers, type BarrierPlan, type ProgramFacts } from "../barriers/select.js";
import { ProgramEffects } from "../barriers/effects.js";
import { ProgramFreshness } from "../barriers/fresh.js";

/** What the mid-end decided for one function. */
export interface FunctionPlan {
  readonly fn: FunctionDecl;
  /** The user's code (not the runtime's): it gets barriers, loop polls and source locations. */
  readonly user: boolean;
  /** Whether it gets a shadow-stack frame, and whether only its loops' polls push it. */
  readonly frame: boolean;
  readonly lazy: boolean;
  /** The barriers of its plain version's atomic blocks, and of its transactional clone (null: none). */
  readonly plainBarriers: BarrierPlan | null;
  readonly cloneBarriers: BarrierPlan | null;
  /** Stores into a constructor's young `this` that skip the collector's write barrier (gc/young.ts). */
  readonly youngStores: ReadonlySet<Expr>;
  /** A loop of its calls other code: the optimizer never inlines it (link/link.ts says why). */
  readonly drivesCalls: boolean;
}

export interface MidEnd {
  readonly safepoints: SafepointAnalysis;
  /** Facts about the whole program's code for barrier selection (null without barriers). */
  readonly facts: ProgramFacts | null;
  readonly plans: ReadonlyMap<FunctionDecl, FunctionPlan>;
}

export interface MidEndOptions {
  /** The functions whose code this part of the module lowers (the runtime's, or the program's). */
  readonly functions: readonly FunctionDecl[];
  /** The runtime's functions that can stop the thread, when the runtime comes prebuilt (its bodies are empty). */
  readonly runtimeStopping?: readonly string[];
  /** The algorithm has barriers; whether it writes in place (barriers/algorithms.ts). */
  readonly barriers: { readonly writesInPlace: boolean } | null;
  /** The program's transactional clones exist (every user function has one). */
  readonly clones: boolean;
}

export function runMidEnd(program: CheckedProgram, options: MidEndOptions): MidEnd {
  const safepoints = new SafepointAnalysis(program, options.runtimeStopping, options.barriers !== null);
  for (const fn of options.functions) fn.body = rootTemporaries(fn.body, fn.params, fn.locals, safepoints);
  if (options.functions.some((fn) => !fn.runtime)) program.userInit = rootTemporaries(program.userInit, [], program.initLocals, safepoints);
  const facts = options.barriers === null ? null : { effects: new ProgramEffects(program), freshness: new ProgramFreshness(program), writesInPlace: options.barriers.writesInPlace };
  const young = new YoungThis(program, safepoints);
  const plans = new Map<FunctionDecl, FunctionPlan>();
  for (const fn of options.functions) {
    if (fn.kind === "host") continue;
    const user = !fn.runtime;
    const userFacts = user ? facts : null;
    plans.set(fn, {
      fn,
      user,
      frame: needsFrame(safepoints.functionReaches(fn), fn.params, fn.locals, fn.body),
      // A catch puts the shadow stack back where its try found it: the frame must be pushed by then.
      lazy: !safepoints.statementsReach(fn.body, false) && !containsStatement(fn.body, "try"),
      // The plain version runs transactional code only in its atomic blocks, whose transaction may
      // have started before objects it allocated earlier: nothing there counts as fresh.
      plainBarriers: userFacts !== null && containsStatement(fn.body, "atomic") ? selectBarriers(fn, userFacts, false) : null,
      cloneBarriers: userFacts !== null && options.clones ? selectBarriers(fn, userFacts, true) : null,
      youngStores: young.stores(fn),
      drivesCalls: user && loopCalls(fn.body),
    });
  }
  return { safepoints, facts, plans };
}

/** Whether a loop of `body` calls a function of the program (a loop that drives other code, not a kernel). */
function loopCalls(body: readonly Stmt[]): boolean {
  let calls = false;
  forEachStatement(body, (s) => {
    if (s.k !== "loop" || calls) return;
    forEachExpr([...s.body, ...asStatements([...(s.cond === null ? [] : [s.cond]), ...s.update])], (e) => {
      if (e.k === "call" || e.k === "call.virtual") calls = true;
    });
  });
  return calls;
}

export function containsStatement(body: readonly Stmt[], kind: Stmt["k"]): boolean {
  let found = false;
  forEachStatement(body, (s) => {
    if (s.k === kind) found = true;
  });
  return found;
}
