// Accesses to a location the transaction has already written need no barrier: the write locked
// the location's stripe and logged its old value, and the transaction holds the lock until it
// commits or aborts (an abort unwinds the whole transaction). A later read sees the
// transaction's own value in place; a later write changes a stripe already logged. So a read or
// write of a field or module variable that a write of the same location dominates is "owned".
//
// Locations are `local.field` (a local with a non-nullable declared type, not assigned in
// between) and module variables. A write dominates what follows it in the same statement list
// (a break, continue or return skips the rest of the list, never part of it); what a branch, a
// loop body or a block learns is not carried past it. Atomic blocks start with nothing known:
// outside a transaction a write takes no lock.
// A read dominated only by a read is not owned (the stripe is not locked: a second plain load
// could see another transaction's newer value); repeats.ts reuses the first read's value instead.
import type { Expr, Local, Stmt } from "../check/ir.js";
import { isNullable } from "../check/types.js";
import { asStatements, assignedLocals, forEachExpr, loopStatements, nestedStatements, statementExprs } from "../gc/walk.js";
import type { BarrierPlan } from "./select.js";

type Known = Set<string>;

export function markOwnedAccesses(plan: BarrierPlan, body: readonly Stmt[]): void {
  visitList(plan, body, new Set());
}

function visitList(plan: BarrierPlan, statements: readonly Stmt[], entry: Known): void {
  const known = new Set(entry);
  for (const s of statements) visitStatement(plan, s, known);
}

function visitStatement(plan: BarrierPlan, s: Stmt, known: Known): void {
  if (s.k === "loop") {
    // The back edge: a local assigned anywhere in the loop may differ from the first time round,
    // for the body and for the test and update that follow it.
    forget(known, assignedLocals(loopStatements(s)));
    for (const e of statementExprs(s)) markOwned(plan, e, known);
    visitList(plan, s.body, known);
    return;
  }
  const assigned = assignedLocals(asStatements(statementExprs(s)));
  // A local the statement assigns may name another object before or after any access in it.
  const usable = withoutBases(known, assigned);
  for (const e of statementExprs(s)) markOwned(plan, e, usable);
  switch (s.k) {
    case "expr": {
      forget(known, assigned);
      const key = writtenLocation(s.expr);
      if (key !== null) known.add(key);
      return;
    }
    case "if":
      forget(known, assigned);
      visitList(plan, s.then, known);
      visitList(plan, s.else, known);
      forget(known, assignedLocals([...s.then, ...s.else]));
      return;
    case "block":
      visitList(plan, s.body, known);
      forget(known, assignedLocals(s.body));
      return;
    case "switch":
      forget(known, assigned);
      for (const clause of s.clauses) visitList(plan, clause.body, new Set());
      for (const clause of s.clauses) forget(known, assignedLocals(clause.body));
      return;
    case "atomic":
      visitList(plan, s.body, new Set());
      forget(known, assignedLocals(s.body));
      return;
    case "try":
      // An error may leave the body anywhere: nothing the body learnt holds in the handler or after.
      for (const b of nestedStatements(s)) visitList(plan, b, new Set());
      known.clear();
      return;
    default:
      forget(known, assigned);
      return;
  }
}

/** Marks the field and variable accesses of `e` whose location is known to be written. */
function markOwned(plan: BarrierPlan, e: Expr, known: Known): void {
  if (known.size === 0) return;
  forEachExpr(asStatements([e]), (x) => {
    if (x.k !== "field.get" && x.k !== "field.set" && x.k !== "global.get" && x.k !== "global.set") return;
    const key = locationKey(x);
    const kind = plan.kind(x, "value");
    if (key !== null && known.has(key) && (kind === "read" || kind === "write")) plan.set(x, "value", "owned", "");
  });
}

/** The location a statement-level assignment writes (not one inside a condition or operand). */
function writtenLocation(e: Expr): string | null {
  return e.k === "field.set" || e.k === "global.set" ? locationKey(e) : null;
}

function locationKey(e: Extract<Expr, { k: "field.get" | "field.set" | "global.get" | "global.set" }>): string | null {
  if (e.k === "global.get" || e.k === "global.set") {
    return e.global.threadLocal === undefined && e.global.constant === undefined ? `g:${e.global.name}` : null;
  }
  const o = e.object;
  return o.k === "local.get" && !isNullable(o.local.type) ? `l${o.local.id}.${e.field.owner.name}.${e.field.name}` : null;
}

function withoutBases(known: Known, locals: Set<Local>): Known {
  if (locals.size === 0) return known;
  const kept = new Set(known);
  forget(kept, locals);
  return kept;
}

/** Drops the locations whose base is one of `locals`. */
function forget(known: Known, locals: Set<Local>): void {
  for (const local of locals) {
    const prefix = `l${local.id}.`;
    for (const key of [...known]) if (key.startsWith(prefix)) known.delete(key);
  }
}
