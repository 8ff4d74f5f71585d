// Which references hold objects the running transaction allocated (barrier kind `fresh`): such
// objects are private to it until it commits, so their accesses need no barrier at all.
//
// Within a function's transactional clone: a local that only ever holds `new` results (objects,
// arrays, array literals) or null, and `this` in a constructor. Across calls: a parameter of a
// directly called function (free function, static method, constructor) whose every call site
// passes such a value. The caller and the callee then run in the same transaction, except where
// the call sits in an atomic block of plain code (it starts a transaction, and what the caller
// allocated before it is shared): those call sites never pass fresh values. A greatest fixpoint:
// every parameter starts fresh and loses it at the first call site that cannot prove it.
// Methods are reached through virtual calls and task records (whose arguments are fields of the
// record, never fresh), so their parameters are never fresh. Call sites in functions whose clone
// never runs (code only main's plain path reaches) do not count.
import type { CheckedProgram, Expr, FunctionDecl, Local, Stmt } from "../check/ir.js";
import { isReference } from "../check/types.js";
import { childrenOf, forEachExpr, nestedStatements, statementExprs } from "../gc/walk.js";
import { calleesOf } from "./effects.js";

export class ProgramFreshness {
  private readonly freshParams = new Map<FunctionDecl, Set<Local>>();

  constructor(program: CheckedProgram) {
    for (const fn of program.functions) {
      if (fn.kind !== "function" && fn.kind !== "static" && fn.kind !== "constructor") continue;
      const first = fn.kind === "constructor" ? 1 : 0;
      this.freshParams.set(fn, new Set(fn.params.slice(first).filter((p) => isReference(p.type))));
    }
    const transactional = transactionalClones(program);
    for (let changed = true; changed; ) {
      changed = false;
      for (const fn of program.functions) {
        const runsTransactionally = transactional.has(fn);
        const fresh = this.freshLocals(fn);
        forEachCallSite(fn.body, (callee, params, args, inAtomic) => {
          const candidates = this.freshParams.get(callee);
          if (candidates === undefined || !(runsTransactionally || inAtomic)) return;
          args.forEach((arg, i) => {
            const param = params[i];
            if (param !== undefined && candidates.has(param) && (inAtomic || !isFreshValue(arg, fresh))) {
              candidates.delete(param);
              changed = true;
            }
          });
        });
      }
    }
    // Module initialisation runs outside transactions: nothing it passes is fresh.
    forEachCallSite(program.userInit, (callee, params) => params.forEach((p) => this.freshParams.get(callee)?.delete(p)));
  }

  /** The references in `fn`'s transactional clone that only ever hold objects its transaction allocated. */
  freshLocals(fn: FunctionDecl): Set<Local> {
    const candidates = new Set<Local>(fn.locals.filter((l) => isReference(l.type)));
    for (const p of fn.params) candidates.delete(p);
    this.freshParams.get(fn)?.forEach((p) => candidates.add(p));
    if (fn.kind === "constructor") candidates.add(fn.params[0]);
    forEachExpr(fn.body, (e) => {
      if (e.k === "local.set" && !isAllocation(e.value)) candidates.delete(e.local);
    });
    return candidates;
  }
}

/**
 * The functions whose transactional clone can run: methods (the runtime calls tasks' `run` and
 * dispatch reaches any override), what atomic blocks call, and everything these call. Only their
 * call sites bind parameters of transactional clones.
 */
function transactionalClones(program: CheckedProgram): Set<FunctionDecl> {
  const reached = new Set<FunctionDecl>();
  const work: FunctionDecl[] = [];
  const reach = (fn: FunctionDecl): void => {
    if (reached.has(fn)) return;
    reached.add(fn);
    work.push(fn);
  };
  for (const fn of program.functions) {
    if (fn.kind === "method" || fn.kind === "thunk") reach(fn);
    forEachCallSite(fn.body, (callee, _params, _args, inAtomic) => {
      if (inAtomic) reach(callee);
    });
  }
  while (work.length > 0) {
    forEachExpr(work.pop()!.body, (e) => calleesOf(e).forEach(reach));
  }
  return reached;
}

function isAllocation(e: Expr): boolean {
  return e.k === "new" || e.k === "new.array" || e.k === "array.literal" || e.k === "null";
}

/** Whether `e` is a new object or (a null check of) a fresh local. */
export function isFreshValue(e: Expr, fresh: Set<Local>): boolean {
  if (e.k === "nonnull") return isFreshValue(e.value, fresh);
  return isAllocation(e) || (e.k === "local.get" && fresh.has(e.local));
}

type CallSite = (callee: FunctionDecl, params: readonly Local[], args: readonly Expr[], inAtomic: boolean) => void;

/** Every direct call and `new` in `body`, with the parameters its arguments bind. */
function forEachCallSite(body: readonly Stmt[], visit: CallSite, inAtomic = false): void {
  const walk = (e: Expr): void => {
    if (e.k === "call") visit(e.fn, e.fn.params, e.args, inAtomic);
    else if (e.k === "new" && (e.ctor ?? e.cls.constructorFn) !== null) visit((e.ctor ?? e.cls.constructorFn)!, (e.ctor ?? e.cls.constructorFn)!.params.slice(1), e.args, inAtomic);
    childrenOf(e).forEach(walk);
  };
  for (const s of body) {
    statementExprs(s).forEach(walk);
    for (const nested of nestedStatements(s)) forEachCallSite(nested, visit, inAtomic || s.k === "atomic");
  }
}
