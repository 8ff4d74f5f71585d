// Repeated reads: a read of a field (`local.field`) or module variable that an earlier read of
// the same location in the same transaction dominates, with no write to that location in
// between, reuses the earlier value instead of paying a second barrier.
//
// Valid under opacity for the same reason hoisting is (select.ts): the first read is in the read
// set, so every later snapshot extension and the commit re-validate it; reusing its value is
// reading the snapshot the transaction already committed to. "No write in between" covers this
// transaction's own writes, through any object (`b.f = 1` may change `a.f`: a write to field f
// anywhere forgets every known read of f) and through everything a call may write
// (ProgramEffects), and the local the location is reached from must not be assigned.
//
// Dominance is by statement order, as for owned locations (owned.ts): a statement's reads that
// it always evaluates (not in a `&&`/`||` operand or `?:` branch after the first) are known to
// the statements after it in the same list; branches, loop bodies, blocks and clauses start from
// what is known before them and carry nothing out. A loop starts from what it does not write.
// Reads are not reused within one statement (the order of its own writes and reads would
// matter), and atomic blocks start with nothing known. (Exception handlers, when the language
// has them, must start with nothing known too: a throw can leave a statement half evaluated.)
import type { Expr, Local, Stmt } from "../check/ir.js";
import { asStatements, assignedLocals, childrenOf, loopStatements, nestedStatements, statementExprs } from "../gc/walk.js";
import type { Effects, ProgramEffects } from "./effects.js";
import type { BarrierPlan } from "./select.js";

type Read = Extract<Expr, { k: "field.get" | "global.get" }>;
/** Location key -> the read whose value later reads of it reuse. */
type Known = Map<string, Read>;

export function markRepeatedReads(plan: BarrierPlan, body: readonly Stmt[], effects: ProgramEffects): void {
  visitList(plan, body, new Map(), effects);
}

function visitList(plan: BarrierPlan, statements: readonly Stmt[], entry: Known, effects: ProgramEffects): void {
  const known = new Map(entry);
  for (const s of statements) visitStatement(plan, s, known, effects);
}

function visitStatement(plan: BarrierPlan, s: Stmt, known: Known, effects: ProgramEffects): void {
  const exprs = statementExprs(s);
  if (s.k === "loop") {
    // What the loop writes anywhere may change between iterations.
    forgetWrites(known, writesOf(loopStatements(s), effects), assignedLocals(loopStatements(s)));
    for (const e of exprs) markRepeats(plan, e, known);
    visitList(plan, s.body, known, effects);
    return;
  }
  // The statement's own expressions: what they write may happen before any of their reads.
  const own = asStatements(exprs);
  const written = writesOf(own, effects);
  const assigned = assignedLocals(own);
  const usable = new Map(known);
  forgetWrites(usable, written, assigned);
  for (const e of exprs) markRepeats(plan, e, usable);
  forgetWrites(known, written, assigned);
  // Its unconditional reads are known from here on, to its branches too (a condition is
  // evaluated before them), unless it wrote them itself.
  for (const e of exprs) {
    forEachUnconditionalRead(e, (read) => {
      const key = locationKey(read);
      if (key === null || known.has(key) || plan.kind(read, "value") !== "read") return;
      if (!isWritten(read, written) && !reachedThrough(read, assigned)) known.set(key, read);
    });
  }
  const nested = s.k === "if" ? [...s.then, ...s.else] : s.k === "block" || s.k === "atomic" ? s.body : s.k === "switch" ? s.clauses.flatMap((c) => c.body) : [];
  switch (s.k) {
    case "if":
      visitList(plan, s.then, known, effects);
      visitList(plan, s.else, known, effects);
      break;
    case "block":
      visitList(plan, s.body, known, effects);
      break;
    case "switch":
      for (const clause of s.clauses) visitList(plan, clause.body, known, effects);
      break;
    case "atomic":
      visitList(plan, s.body, new Map(), effects);
      break;
    case "try":
      // An error may leave the body anywhere: the handler and what follows know nothing of it.
      for (const b of nestedStatements(s)) visitList(plan, b, new Map(), effects);
      known.clear();
      return;
    default:
      break;
  }
  // What the nested statements may write or assign is not known after them.
  if (nested.length > 0) forgetWrites(known, writesOf(nested, effects), assignedLocals(nested));
}

/** Marks the reads of `e` whose location is known. */
function markRepeats(plan: BarrierPlan, e: Expr, known: Known): void {
  if (known.size === 0) return;
  const walk = (x: Expr): void => {
    if ((x.k === "field.get" || x.k === "global.get") && plan.kind(x, "value") === "read") {
      const key = locationKey(x);
      const first = key === null ? undefined : known.get(key);
      if (first !== undefined && first !== x) plan.reuse(x, first);
    }
    childrenOf(x).forEach(walk);
  };
  walk(e);
}

/** The reads `e` always evaluates: not those in a `&&`/`||` right operand or a `?:` branch. */
function forEachUnconditionalRead(e: Expr, visit: (read: Read) => void): void {
  if (e.k === "field.get" || e.k === "global.get") visit(e);
  if (e.k === "logical") {
    forEachUnconditionalRead(e.left, visit);
    return;
  }
  if (e.k === "cond") {
    forEachUnconditionalRead(e.cond, visit);
    return;
  }
  for (const child of childrenOf(e)) forEachUnconditionalRead(child, visit);
}

function writesOf(statements: readonly Stmt[], effects: ProgramEffects): Effects {
  const into: Effects = { fields: new Set(), globals: new Set(), resizes: false };
  effects.ofStatements(statements, into);
  return into;
}

function isWritten(read: Read, written: Effects): boolean {
  return read.k === "field.get" ? written.fields.has(read.field) : written.globals.has(read.global);
}

function forgetWrites(known: Known, written: Effects, assigned: Set<Local>): void {
  for (const [key, read] of [...known]) {
    if (isWritten(read, written) || reachedThrough(read, assigned)) known.delete(key);
  }
}

/** Whether `read` reaches its object through one of `locals`. */
function reachedThrough(read: Read, locals: Set<Local>): boolean {
  const local = baseLocal(read);
  return local !== null && locals.has(local);
}

/** The local a field read reaches its object through (looking through null checks), or null. */
function baseLocal(e: Read): Local | null {
  if (e.k !== "field.get") return null;
  let o = e.object;
  while (o.k === "nonnull") o = o.value;
  return o.k === "local.get" ? o.local : null;
}

/**
 * `l<id>.<class>.<field>` or `g:<name>`. A nullable local is fine: the first read succeeded, so
 * the local held an object then, and it has not been assigned since.
 */
function locationKey(e: Read): string | null {
  if (e.k === "global.get") return e.global.threadLocal === undefined && e.global.constant === undefined ? `g:${e.global.name}` : null;
  const local = baseLocal(e);
  return local === null ? null : `l${local.id}.${e.field.owner.name}.${e.field.name}`;
}
