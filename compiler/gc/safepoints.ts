// Which code can reach a collection. The collector stops the world at safepoints: allocation
// (when a thread's chunk runs out), loop back edges of the program's code, transaction
// boundaries, and the runtime's blocking waits. A function that can reach one must keep every
// reference it holds across it visible to the collector (compiler/gc/frames.ts); a function that
// cannot needs no shadow-stack frame at all, which is most small methods.
//
// Two refinements keep frames out of code that never stops (bench/RESULTS.md measured them at a
// fifth of richards' time):
// - a virtual call counts only the implementations of classes the program can instantiate (rapid
//   type analysis): a base class's method that only throws, in a class never made, does not make
//   every call of the method a safepoint;
// - without barriers (`--stm none`, `gil`), an innermost loop that can reach no safepoint has no
//   poll and is none: it runs to its end before its thread stops for a collection. Only one
//   thread runs the program's code at a time there (none has one thread; gil's others wait for
//   its lock, parked, which counts as stopped), so no other thread waits for such a loop; the
//   thread's own collection comes at its next allocation. With an STM algorithm every loop polls:
//   threads run together, and a transaction may even spin on what another thread writes while
//   that thread waits for the collection.
import type { ClassDecl, CheckedProgram, Expr, FunctionDecl, LoopStmt, Stmt } from "../check/ir.js";
import { childrenOf, forEachExpr, forEachStatement, nestedStatements, statementExprs } from "./walk.js";

/** Runtime functions that may stop this thread for a collection (runtime/core/gc). */
const STOPPING_RUNTIME_FUNCTIONS = ["gc_collect", "gc_unpark"];
/**
 * Runtime functions that allocate without ever collecting (runtime/core/alloc.ts alloc_quiet):
 * the errors of failed checks, raised where the compiled code keeps no frame.
 */
const QUIET_RUNTIME_FUNCTIONS = new Set(["error_fail", "error_raise"]);

export class SafepointAnalysis {
  private readonly stopping = new Set<FunctionDecl>();
  /** The program's classes that have objects: `new` somewhere, static objects, every runtime class. */
  private readonly instantiated: ReadonlySet<ClassDecl>;

  /**
   * `runtimeStopping`: the runtime's functions that can stop the thread, as found when the runtime
   * was built, for a program whose runtime bodies were not checked (CheckedProgram.runtimeBodies).
   * `everyLoopPolls`: the module has barriers (an STM algorithm), so every loop of the user's code polls.
   */
  constructor(
    private readonly program: CheckedProgram,
    runtimeStopping?: readonly string[],
    private readonly everyLoopPolls = true,
  ) {
    this.instantiated = instantiatedClasses(program);
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

  /** Whether running `statements` can (user code polls at loop back edges: loopPolls). */
  statementsReach(statements: readonly Stmt[], userCode: boolean): boolean {
    for (const s of statements) {
      if (s.k === "atomic" || (s.k === "loop" && userCode && this.loopPolls(s))) return true;
      if (statementExprs(s).some((e) => this.exprReaches(e))) return true;
      if (nestedStatements(s).some((b) => this.statementsReach(b, userCode))) return true;
    }
    return false;
  }

  /** Whether a call of vtable slot `slot` on a receiver of class `cls` can stop the thread. */
  virtualCallReaches(cls: ClassDecl, slot: number): boolean {
    return implementations(cls, slot, this.instantiated).some((fn) => this.stopping.has(fn));
  }

  /** Whether the user's loop `s` polls at its back edge (see the top of the file). */
  loopPolls(s: LoopStmt): boolean {
    if (this.everyLoopPolls) return true;
    let nested = false;
    forEachStatement(s.body, (inner) => {
      if (inner.k === "loop") nested = true;
    });
    return nested || statementExprs(s).some((e) => this.exprReaches(e)) || nestedStatements(s).some((b) => this.statementsReach(b, false));
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
        return t.kind !== "class" || this.virtualCallReaches(t.cls, e.method.slot);
      }
      case "intrinsic":
        return e.name === "task.attempt" || e.name === "finalizer.attempt";
      default:
        return false;
    }
  }
}

/**
 * The distinct implementations of vtable slot `slot` in the subtree of `cls`; with `instantiated`,
 * only those of classes that have objects (a call can reach no other).
 */
export function implementations(cls: ClassDecl, slot: number, instantiated?: ReadonlySet<ClassDecl>): FunctionDecl[] {
  const found = new Set<FunctionDecl>();
  const visit = (c: ClassDecl): void => {
    if (!c.vtable[slot].abstract && (instantiated === undefined || instantiated.has(c))) found.add(c.vtable[slot]);
    c.subclasses.forEach(visit);
  };
  visit(cls);
  return [...found];
}

/**
 * The classes that can have objects: the classes of every `new` in the program's checked code
 * (functions, module initialisers), its static objects, and every runtime class (the runtime's
 * bodies may be unchecked: what they make is not known, so all of them count).
 */
function instantiatedClasses(program: CheckedProgram): Set<ClassDecl> {
  const classes = new Set<ClassDecl>(program.staticObjects);
  for (const cls of program.classes) if (cls.runtime) classes.add(cls);
  const visit = (body: readonly Stmt[]): void =>
    forEachExpr(body, (e) => {
      if (e.k === "new") classes.add(e.cls);
    });
  for (const fn of program.functions) visit(fn.body);
  visit(program.userInit);
  return classes;
}

