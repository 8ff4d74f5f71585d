// Stores the collector's write barrier can skip (runtime/core/gc/generations.ts): a
// constructor's first stores into `this`. `new` evaluates its arguments, then allocates the
// object and calls the constructor at once (lower/objects.ts), so `this` is young when a
// constructor starts that only `new` calls, and stays young until something can stop the thread
// for a collection: a reference stored into it before then cannot make an old object refer to a
// young one. Only the user's constructors: the runtime is built without the program, whose
// classes may extend the runtime's (a `super(...)` call may stop before it reaches them).
import type { CheckedProgram, Expr, FunctionDecl } from "../check/ir.js";
import type { SafepointAnalysis } from "./safepoints.js";
import { forEachExpr } from "./walk.js";

export class YoungThis {
  /** Constructors something other than `new` calls: a subclass's `super(...)`, a default-parameter thunk. */
  private readonly calledOtherwise = new Set<FunctionDecl>();

  constructor(program: CheckedProgram, private readonly safepoints: SafepointAnalysis) {
    const visit = (e: Expr): void => {
      if (e.k === "call" && e.fn.kind === "constructor") this.calledOtherwise.add(e.fn);
    };
    for (const fn of program.functions) forEachExpr(fn.body, visit);
    forEachExpr(program.userInit, visit);
  }

  /** The `this.field = value` expressions among `fn`'s first statements that need no write barrier. */
  stores(fn: FunctionDecl): ReadonlySet<Expr> {
    const young = new Set<Expr>();
    const owner = fn.owner;
    if (fn.kind !== "constructor" || fn.runtime || owner === null || owner.lastDescendantId !== owner.id || this.calledOtherwise.has(fn)) return young;
    const self = fn.params[0];
    for (const s of fn.body) {
      if (s.k === "expr" && s.expr.k === "field.set" && s.expr.object.k === "local.get" && s.expr.object.local === self && !this.safepoints.exprReaches(s.expr.value)) {
        young.add(s.expr);
        continue;
      }
      if (this.safepoints.statementsReach([s], true)) break;
    }
    return young;
  }
}
