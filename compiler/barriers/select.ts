// Barrier selection: decides, for every shared access of a function's transactional code, which
// barrier it needs, before lowering (docs/design.md, "Barrier selection"). Lowering only emits
// what the plan says.
//
// An access has up to three parts: the value (field, element, module variable), and for array
// accesses the array's length (bounds check) and store pointer. Each part gets a kind:
//   read / write   the STM's barrier (inline own-allocation test, then the runtime's slow path);
//   fresh          the object was allocated by the running transaction (fresh.ts: a local or
//                  parameter that only ever holds new objects, `this` in a constructor): private,
//                  no barrier;
//   immutable      a readonly field, or one no code writes after construction; a module
//                  variable only its initialiser writes; an array's length and store pointer
//                  when no code resizes an array of its type: no conflict;
//   hoisted        a loop-invariant read, done once (with its barrier) before the loop;
//   owned          a location a dominating write of this transaction already locked (owned.ts);
//   repeat         a location a dominating read of this transaction already read, not written
//                  since: its value is reused (repeats.ts).
// Hoisting is valid under opacity: the hoisted read is in the read set from then on, so every
// later snapshot extension and the commit re-validate it exactly as if it were read again; a
// value that changed makes the transaction abort before it can act on a stale copy.
import type { Expr, FunctionDecl, Local, Loc, LoopStmt, Stmt } from "../check/ir.js";
import { isNullable } from "../check/types.js";
import { assignedLocals, forEachExpr, forEachStatement, loopStatements } from "../gc/walk.js";
import type { Effects, ProgramEffects } from "./effects.js";
import { markOwnedAccesses } from "./owned.js";
import { markRepeatedReads } from "./repeats.js";
import { isFreshValue, type ProgramFreshness } from "./fresh.js";

/** What barrier selection knows about the whole program. */
export interface ProgramFacts {
  readonly effects: ProgramEffects;
  readonly freshness: ProgramFreshness;
  /**
   * Whether the algorithm writes in place, holding what it wrote until it ends (etl): then a
   * location the transaction wrote is read and written again without a barrier (owned.ts).
   * With a redo log (tl2, norec) the transaction's own value is in the log, not in memory.
   */
  readonly writesInPlace: boolean;
}

export type BarrierKind = "read" | "write" | "fresh" | "immutable" | "hoisted" | "owned" | "repeat";
export type AccessPart = "value" | "length" | "store";

/** A loop-invariant read done before the loop: a value (field, module variable) or an array's header. */
export interface Hoist {
  readonly key: string;
  readonly expr: Expr;
  /** true: the array's length and store pointer; false: the value of `expr`. */
  readonly header: boolean;
}

export interface Decision {
  readonly loc: Loc;
  readonly what: string;
  readonly kind: BarrierKind;
}

export class BarrierPlan {
  private readonly parts = new Map<Expr, Partial<Record<AccessPart, BarrierKind>>>();
  readonly hoists = new Map<LoopStmt, Hoist[]>();
  readonly decisions: Decision[] = [];

  /** A repeated read -> the earlier read whose value it reuses (repeats.ts). */
  readonly reused = new Map<Expr, Expr>();
  /** The reads whose value a later read reuses: lowering keeps it in a local. */
  readonly firstReads = new Set<Expr>();

  reuse(e: Expr, first: Expr): void {
    this.set(e, "value", "repeat", "");
    this.reused.set(e, first);
    this.firstReads.add(first);
  }

  kind(e: Expr, part: AccessPart): BarrierKind | undefined {
    return this.parts.get(e)?.[part];
  }

  private readonly decisionIndex = new Map<Expr, Partial<Record<AccessPart, number>>>();

  set(e: Expr, part: AccessPart, kind: BarrierKind, what: string): void {
    const entry = this.parts.get(e) ?? {};
    entry[part] = kind;
    this.parts.set(e, entry);
    this.note(e, part, kind, what);
  }

  /**
   * Records a decision for the report only. A hoisted part keeps its barrier kind for lowering:
   * the read before the loop is lowered from the same expression, with its barrier, and the
   * loop's accesses find the copy through FunctionContext.hoisted.
   */
  note(e: Expr, part: AccessPart, kind: BarrierKind, what: string): void {
    const indices = this.decisionIndex.get(e) ?? {};
    const index = indices[part];
    if (index === undefined) {
      indices[part] = this.decisions.length;
      this.decisionIndex.set(e, indices);
      this.decisions.push({ loc: e.loc, what, kind });
    } else {
      this.decisions[index] = { ...this.decisions[index], kind };
    }
  }
}

/**
 * The plan for `fn`'s transactional code: the whole body of its transactional clone (`clone`),
 * or the atomic blocks of its plain version, which runs outside transactions.
 */
export function selectBarriers(fn: FunctionDecl, facts: ProgramFacts, clone: boolean): BarrierPlan {
  const { effects } = facts;
  const plan = new BarrierPlan();
  const fresh = clone ? facts.freshness.freshLocals(fn) : new Set<Local>();
  decide(plan, fn.body, fresh, effects);
  if (facts.writesInPlace) markOwnedAccesses(plan, fn.body);
  markRepeatedReads(plan, fn.body, effects);
  hoistLoops(plan, fn.body, effects, fresh);
  return plan;
}

function decide(plan: BarrierPlan, body: readonly Stmt[], fresh: Set<Local>, effects: ProgramEffects): void {
  forEachExpr(body, (e) => {
    switch (e.k) {
      case "field.get":
      case "field.set": {
        const write = e.k === "field.set";
        const kind = isFreshValue(e.object, fresh) ? "fresh" : !write && effects.immutable(e.field) ? "immutable" : write ? "write" : "read";
        plan.set(e, "value", kind, `field ${e.field.owner.name}.${e.field.name} ${write ? "write" : "read"}`);
        break;
      }
      case "global.get":
      case "global.set":
        if (e.global.threadLocal === undefined) {
          const kind = e.k === "global.set" ? "write" : effects.globalImmutable(e.global) ? "immutable" : "read";
          plan.set(e, "value", kind, `variable ${e.global.name} ${e.k === "global.set" ? "write" : "read"}`);
        }
        break;
      case "index.get":
      case "index.set":
      case "array.length":
      case "array.push":
      case "array.pop":
      case "array.fill": {
        const own = isFreshValue(e.array, fresh);
        const writes = e.k === "index.set" || e.k === "array.push" || e.k === "array.fill";
        const resizes = e.k === "array.push" || e.k === "array.pop";
        const header = own ? "fresh" : resizes ? "write" : effects.headerImmutable(e.array.type) ? "immutable" : "read";
        if (e.k !== "array.fill") plan.set(e, "length", header, "length");
        if (e.k !== "array.length") {
          plan.set(e, "store", header === "write" ? "read" : header, "store pointer");
          plan.set(e, "value", own ? "fresh" : writes ? "write" : "read", `element ${writes ? "write" : "read"}`);
        }
        break;
      }
      default:
        break;
    }
  });
}

// ---- loop-invariant reads ------------------------------------------------------------------

/**
 * A key naming a loop-invariant location whose read can be hoisted: a field of a base, or a
 * module variable; as a base (`asBase`), also a local. A base must have a non-nullable declared
 * type all the way, so the read before the loop cannot fail where the loop's own read would not
 * run (a local narrowed to non-null inside the loop may still be null before it).
 */
export function invariantKey(e: Expr, asBase = false): string | null {
  switch (e.k) {
    case "local.get":
      return asBase && !isNullable(e.local.type) ? `l${e.local.id}` : null;
    case "global.get":
      if (e.global.threadLocal !== undefined || e.global.constant !== undefined || (asBase && isNullable(e.global.type))) return null;
      return `g:${e.global.name}`;
    case "field.get": {
      const base = invariantKey(e.object, true);
      if (base === null || (asBase && isNullable(e.field.type))) return null;
      return `${base}.${e.field.owner.name}.${e.field.name}`;
    }
    default:
      return null;
  }
}

interface LoopFacts {
  readonly assigned: Set<Local>;
  readonly writes: Effects;
}

function hoistLoops(plan: BarrierPlan, body: readonly Stmt[], effects: ProgramEffects, fresh: Set<Local>): void {
  forEachStatement(body, (s) => {
    if (s.k !== "loop") return;
    const facts = loopFacts(s, effects);
    const hoists = new Map<string, Hoist>();
    const consider = (e: Expr): void => {
      if ((e.k === "field.get" || e.k === "global.get") && plan.kind(e, "value") === "read") {
        const key = invariantKey(e);
        if (key !== null && invariant(e, facts)) {
          hoists.set(key, { key, expr: e, header: false });
          plan.note(e, "value", "hoisted", "");
        }
      }
      if ((e.k === "index.get" || e.k === "index.set" || e.k === "array.length") && plan.kind(e, "length") === "read" && !facts.writes.resizes) {
        const key = invariantKey(e.array, true);
        if (key !== null && invariant(e.array, facts)) {
          hoists.set(`${key}#header`, { key, expr: e.array, header: true });
          plan.note(e, "length", "hoisted", "length");
          if (e.k !== "array.length") plan.note(e, "store", "hoisted", "store pointer");
          if (e.array.k !== "local.get" && !hoists.has(key)) hoists.set(key, { key, expr: e.array, header: false });
        }
      }
    };
    forEachExpr(loopStatements(s), consider);
    if (hoists.size > 0) {
      // Shorter keys first: a field's object is read before the field.
      const ordered = [...hoists.values()].sort((a, b) => a.key.length - b.key.length || Number(a.header) - Number(b.header));
      plan.hoists.set(s, ordered);
      for (const h of ordered) {
        const kind = h.header ? "read" : (plan.kind(h.expr, "value") ?? "read");
        plan.decisions.push({ loc: h.expr.loc, what: `before the loop: ${h.header ? "length and store pointer" : "value"}`, kind });
      }
    }
  });
}

function loopFacts(s: LoopStmt, effects: ProgramEffects): LoopFacts {
  const statements = loopStatements(s);
  const writes: Effects = { fields: new Set(), globals: new Set(), resizes: false };
  effects.ofStatements(statements, writes);
  return { assigned: assignedLocals(statements), writes };
}

/** Whether every location `e` reads stays the same while the loop runs. */
function invariant(e: Expr, facts: LoopFacts): boolean {
  switch (e.k) {
    case "local.get":
      return !facts.assigned.has(e.local);
    case "global.get":
      return !facts.writes.globals.has(e.global);
    case "field.get":
      return !facts.writes.fields.has(e.field) && invariant(e.object, facts);
    default:
      return false;
  }
}
