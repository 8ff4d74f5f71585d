// Rooting of temporaries, on the checked IR before lowering. A reference that is computed and
// then waits on the wasm value stack while a later operand runs code that can stop for a
// collection would be invisible to the collector. Such operands are rewritten into a tee of a
// fresh local (`(t = operand)`): every reference local has a slot in the function's shadow-stack
// frame (compiler/gc/frames.ts), so the value is rooted while it waits. Objects never move, so
// the copy on the value stack stays valid.
import type { Expr, Local, Stmt } from "../check/ir.js";
import { isReference } from "../check/types.js";
import type { SafepointAnalysis } from "./safepoints.js";
import { childrenOf, mapChildren, mapStatement, operandsOf, withOperands } from "./walk.js";

/** Rewrites `body` in place of its temporaries; new locals are appended to `locals`. */
export function rootTemporaries(body: Stmt[], params: readonly Local[], locals: Local[], analysis: SafepointAnalysis): Stmt[] {
  let nextId = Math.max(params.length, ...locals.map((l) => l.id + 1));
  const rootedLocal = (e: Expr): Expr => {
    const local: Local = { name: `$root${nextId}`, type: e.type, id: nextId++ };
    locals.push(local);
    return { k: "local.set", type: e.type, loc: e.loc, local, value: e, tee: true };
  };

  const rewrite = (input: Expr): Expr => {
    const e = mapChildren(input, rewrite);
    const ops = operandsOf(e);
    if (ops.length === 0) return e;
    // These allocate after evaluating every operand: each reference operand waits across that.
    const allocatesAfter = e.k === "array.push" || e.k === "array.literal" || e.k === "new.array";
    let changed = false;
    const rooted = ops.map((op, i) => {
      if (!isReference(op.type)) return op;
      const later = ops.slice(i + 1);
      if (!allocatesAfter && !later.some((x) => analysis.exprReaches(x))) return op;
      if (isStable(op, later)) return op;
      changed = true;
      return rootedLocal(op);
    });
    return changed ? withOperands(e, rooted) : e;
  };

  const rewriteStatements = (statements: Stmt[]): Stmt[] => statements.map((s) => mapStatement(s, rewrite, rewriteStatements));
  return rewriteStatements(body);
}

/**
 * Values that are rooted anyway: constants, null, and a reference local (it has a frame slot)
 * that no later operand assigns.
 */
function isStable(op: Expr, later: Expr[]): boolean {
  if (op.k === "null" || op.k === "const") return true;
  if (op.k === "nonnull") return isStable(op.value, later);
  if (op.k !== "local.get") return false;
  return !later.some((x) => assigns(x, op.local));
}

function assigns(e: Expr, local: Local): boolean {
  return (e.k === "local.set" && e.local === local) || childrenOf(e).some((c) => assigns(c, local));
}
