// Which code can reach a collection. The collector stops the world at safepoints: allocation
// (when a thread's chunk runs out), loop back edges of the program's code, transaction
// boundaries, and the runtime's blocking waits. A function that can reach one must keep every
// reference it holds across it visible to the collector (compiler/gc/frames.ts); a function that
// cannot needs no shadow-stack frame at all, which is most small methods.
import type { ClassDecl, CheckedProgram, Expr, FunctionDecl, Stmt } from "../check/ir.js";
import { childrenOf, nestedStatements, statementExprs } from "./walk.js";

/** Runtime functions that may stop this thread for a collection (runtime/core/gc). */
const STOPPING_RUNTIME_FUNCTIONS = ["gc_collect", "gc_unpark"];
/**
 * Runtime functions that allocate without ever collecting (runtime/core/alloc.ts alloc_quiet):
 * the errors of failed checks, raised where the compiled code keeps no frame.
 */
const QUIET_RUNTIME_FUNCTIONS = new Set(["error_fail", "error_raise"]);

export class SafepointAnalysis {
  private readonly stopping = new Set<FunctionDecl>();

  /**
   * `runtimeStopping`: the runtime's functions that can stop the thread, as found when the runtime
   * was built, for a program whose runtime bodies were not checked (CheckedProgram.runtimeBodies).
   */
  constructor(private readonly program: CheckedProgram, runtimeStopping?: readonly string[]) {
    if (!program.runtimeBodies) {
      if (runtimeStopping === undefined) throw new Error("the runtime's bodies were not checked and its safepoint facts are missing");
      const known = new Set(runtimeStopping);
      for (const fn of program.functions) if (fn.runtime && known.has(fn.name)) this.stopping.add(fn);
    }
    for (const name of STOPPING_RUNTIME_FUNCTIONS) {
      const fn = program.runtime.functions.get(name);
      if (fn !== undefined) this.stopping.add(fn);
    }
    // Least fixpoint over the call graph (calls, virtual calls, tasks).
    for (let changed = true; changed; ) {
      changed = false;
      for (const fn of program.functions) {
        if (fn.runtime && !program.runtimeBodies) continue;
        if (fn.runtime && QUIET_RUNTIME_FUNCTIONS.has(fn.name)) continue;
        if (!this.stopping.has(fn) && this.statementsReach(fn.body, !fn.runtime)) {
          this.stopping.add(fn);
          changed = true;
        }
      }
    }
  }

  /** The runtime's functions that can stop the thread (kept with the prebuilt runtime). */
  runtimeStopping(): string[] {
    return [...this.stopping].filter((fn) => fn.runtime).map((fn) => fn.name).sort();
  }

  /** Whether a call of `fn` can stop the calling thread for a collection. */
  functionReaches(fn: FunctionDecl): boolean {
    return this.stopping.has(fn);
  }

  /** Whether evaluating `e` can stop the thread for a collection. */
  exprReaches(e: Expr): boolean {
    return this.direct(e) || childrenOf(e).some((c) => this.exprReaches(c));
  }

  /** Whether running `statements` can (user code polls at loop back edges). */
  statementsReach(statements: readonly Stmt[], userCode: boolean): boolean {
    for (const s of statements) {
      if (s.k === "atomic" || (s.k === "loop" && userCode)) return true;
      if (statementExprs(s).some((e) => this.exprReaches(e))) return true;
      if (nestedStatements(s).some((b) => this.statementsReach(b, userCode))) return true;
    }
    return false;
  }

  private direct(e: Expr): boolean {
    switch (e.k) {
      case "new":
      case "new.array":
      case "array.literal":
      case "array.push":
        return true;
      case "call":
        return this.stopping.has(e.fn);
      case "call.virtual": {
        const t = e.receiver.type;
        if (t.kind !== "class") return true;
        return implementations(t.cls, e.method.slot).some((fn) => this.stopping.has(fn));
      }
      case "intrinsic":
        return e.name === "task.attempt" || e.name === "finalizer.attempt";
      default:
        return false;
    }
  }
}

/** The distinct implementations of vtable slot `slot` in the subtree of `cls`. */
export function implementations(cls: ClassDecl, slot: number): FunctionDecl[] {
  const found = new Set<FunctionDecl>();
  const visit = (c: ClassDecl): void => {
    if (!c.vtable[slot].abstract) found.add(c.vtable[slot]);
    c.subclasses.forEach(visit);
  };
  visit(cls);
  return [...found];
}

