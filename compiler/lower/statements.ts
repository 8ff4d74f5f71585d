import binaryen from "#binaryen";
import type { Expr, Loc, LoopStmt, Stmt, SwitchStmt, TryStmt } from "../check/ir.js";
import { isReference } from "../check/types.js";
import { SHADOW_TOP } from "../gc/frames.js";
import { assignedLocals } from "../gc/walk.js";
import { ABORT_TAG, ERROR_TAG, type FunctionContext } from "./context.js";
import { dropValue, lowerExpr, rootedLocal, rootedSpill, spill } from "./expressions.js";
import { sharedLoad, validatesAfterCollection } from "../barriers/barriers.js";
import type { Hoist } from "../barriers/select.js";
import { I32, USIZE } from "../check/types.js";

type Ref = binaryen.ExpressionRef;

export function lowerStatements(fc: FunctionContext, statements: readonly Stmt[]): Ref[] {
  return statements.map((s) => lowerStatement(fc, s));
}

function block(fc: FunctionContext, statements: readonly Stmt[], name: string | null = null): Ref {
  return fc.m.block(name, lowerStatements(fc, statements), binaryen.none);
}

export function lowerStatement(fc: FunctionContext, s: Stmt): Ref {
  const ref = lowerStatementCode(fc, s);
  const loc = statementLocation(s);
  return loc === null ? ref : fc.located(ref, loc);
}

function statementLocation(s: Stmt): Loc | null {
  switch (s.k) {
    case "expr":
      return s.expr.loc;
    case "if":
      return s.cond.loc;
    case "return":
      return s.value?.loc ?? null;
    case "switch":
      return s.discriminant.loc;
    case "throw":
    case "atomic":
      return s.loc;
    default:
      return null;
  }
}

function lowerStatementCode(fc: FunctionContext, s: Stmt): Ref {
  const { m, mod } = fc;
  switch (s.k) {
    case "expr":
      return dropValue(fc, lowerExpr(fc, s.expr));
    case "block":
      return block(fc, s.body, s.label === null ? null : fc.breakName(s.label));
    case "if":
      return m.if(lowerExpr(fc, s.cond), block(fc, s.then), s.else.length > 0 ? block(fc, s.else) : undefined);
    case "loop":
      return lowerLoop(fc, s);
    case "break":
      return m.br(fc.breakName(s.target));
    case "continue":
      return m.br(fc.continueName(s.target));
    case "return":
      return lowerReturn(fc, s.value);
    case "switch":
      return lowerSwitch(fc, s);
    case "throw":
      return mod.raise(s.message, s.loc);
    case "atomic":
      return lowerAtomic(fc, s);
    case "try":
      return lowerTry(fc, s);
  }
}

/**
 *   saved = shadowTop
 *   try { body } catch error(e) { shadowTop = saved; handler }            (with a handler)
 *   try { ^ } catch error(p) { shadowTop = saved; finalizer; throw p }    (with a finalizer)
 *   finalizer
 * An error unwinds through shadow-stack frames without popping them: a catch puts the stack
 * pointer back (the function's own frame is pushed at entry when it has a try: module.ts).
 */
function lowerTry(fc: FunctionContext, s: TryStmt): Ref {
  const { m, mod } = fc;
  const saved = spill(fc, m.global.get(mod.threadLocal(SHADOW_TOP), mod.ptr), mod.ptr);
  // A new node per use: Binaryen expressions must not be shared between two places in a tree.
  const restore = (): Ref => m.global.set(mod.threadLocal(SHADOW_TOP), saved.get());
  let code = block(fc, s.body);
  if (s.handler !== null) {
    const caught = m.block(null, [m.local.set(s.handler.local.id, mod.popPointer()), restore(), block(fc, s.handler.body)], binaryen.none);
    code = m.try(`try${saved.index}`, code, [ERROR_TAG], [caught]);
  }
  if (s.finalizer !== null && s.pending !== null) {
    const pending = s.pending.id;
    const rethrow = m.block(null, [m.local.set(pending, mod.popPointer()), restore(), block(fc, s.finalizer), m.throw(ERROR_TAG, [m.local.get(pending, mod.ptr)])], binaryen.none);
    code = m.block(null, [m.try(`finally${saved.index}`, code, [ERROR_TAG], [rethrow]), block(fc, s.finalizer)], binaryen.none);
  }
  return m.block(null, [saved.set, code], binaryen.none);
}

/** A return pops the function's shadow-stack frame first. */
function lowerReturn(fc: FunctionContext, value: Expr | null): Ref {
  const { m, mod } = fc;
  const frame = fc.frame;
  if (frame === null) return m.return(value === null ? undefined : lowerExpr(fc, value));
  if (value === null) return m.block(null, [frame.epilogue(), m.return()], binaryen.unreachable);
  const result = spill(fc, lowerExpr(fc, value), mod.wasmType(value.type));
  return m.block(null, [result.set, frame.epilogue(), m.return(result.get())], binaryen.unreachable);
}

/**
 * The safepoint poll of a loop back edge in the program's code: a thread in a long loop that
 * does not allocate still stops promptly when another thread wants to collect.
 */
function safepointPoll(fc: FunctionContext): Ref {
  const { m, mod } = fc;
  const requested = m.i32.atomic.load(0, mod.ptrConst(mod.runtimeGlobalAddress("gcRequested")));
  // Transactional code re-validates after a collection (runtime/core/stm/transaction.ts tx_safepoint).
  const stop = m.call(mod.runtimeFunction(validatesAfterCollection(fc) ? "tx_safepoint" : "gc_safepoint").name, [], binaryen.none);
  return m.if(requested, fc.frame === null ? stop : fc.frame.pollSlowPath(stop));
}

/**
 *   block $break { loop $loop { [poll] [test] block $continue { body } update; [test]; br $loop } }
 */
function lowerLoop(fc: FunctionContext, s: LoopStmt): Ref {
  const hoists = fc.transactional ? fc.plan?.hoists.get(s) : undefined;
  if (hoists === undefined) return lowerLoopItself(fc, s);
  const outer = new Map(fc.hoisted);
  const before = hoistReads(fc, hoists);
  const loop = lowerLoopItself(fc, s);
  fc.hoisted.clear();
  outer.forEach((locals, key) => fc.hoisted.set(key, locals));
  return fc.m.block(null, [...before, loop], binaryen.none);
}

/**
 * Reads the loop's invariant locations once, with their barriers, into locals the loop's
 * accesses use (compiler/barriers/select.ts says which and why that is valid); reads an
 * enclosing loop already hoisted are reused. Returns the code that reads them.
 */
function hoistReads(fc: FunctionContext, hoists: readonly Hoist[]): Ref[] {
  const { m, mod } = fc;
  const before: Ref[] = [];
  for (const h of hoists) {
    const existing = fc.hoisted.get(h.key);
    if (h.header ? existing?.length !== undefined : existing?.value !== undefined) continue;
    if (!h.header) {
      const value = fc.temp(mod.wasmType(h.expr.type));
      before.push(m.local.set(value, lowerExpr(fc, h.expr)));
      fc.hoisted.set(h.key, { ...existing, value });
      continue;
    }
    const array = spill(fc, lowerExpr(fc, h.expr), mod.ptr);
    const length = fc.temp(binaryen.i32);
    const store = fc.temp(mod.ptr);
    const access = { kind: "read" as const, loc: h.expr.loc };
    before.push(array.set);
    before.push(m.local.set(length, sharedLoad(fc, I32, array.get(), mod.layout.arrayLengthOffset, access)));
    before.push(m.local.set(store, sharedLoad(fc, USIZE, array.get(), mod.layout.arrayDataOffset, access)));
    fc.hoisted.set(h.key, { ...fc.hoisted.get(h.key), length, store });
  }
  return before;
}

function lowerLoopItself(fc: FunctionContext, s: LoopStmt): Ref {
  const { m } = fc;
  const breakName = fc.breakName(s.label);
  const loopName = fc.loopName(s.label);
  const inner: Ref[] = [];
  if (fc.userCode && fc.mod.safepoints.loopPolls(s)) inner.push(safepointPoll(fc));
  if (s.testFirst && s.cond !== null) inner.push(m.br(breakName, m.i32.eqz(lowerExpr(fc, s.cond))));
  inner.push(block(fc, s.body, fc.continueName(s.label)));
  for (const u of s.update) inner.push(dropValue(fc, lowerExpr(fc, u)));
  if (!s.testFirst && s.cond !== null) inner.push(m.br(loopName, lowerExpr(fc, s.cond)));
  else inner.push(m.br(loopName));
  return m.block(breakName, [m.loop(loopName, m.block(null, inner, binaryen.none))], binaryen.none);
}

/**
 * Clauses fall through, so each body follows the block its case branches out of:
 *   block $break { block $c2 { block $c1 { block $c0 { dispatch } body0 } body1 } body2 }
 */
function lowerSwitch(fc: FunctionContext, s: SwitchStmt): Ref {
  const { m, mod } = fc;
  const breakName = fc.breakName(s.label);
  const type = mod.wasmType(s.discriminant.type);
  const ops = (s.discriminant.type.kind === "i64" ? m.i64 : m.i32) as typeof m.i32;
  const isString = s.discriminant.type.kind === "string";
  const d = isString ? rootedSpill(fc, lowerExpr(fc, s.discriminant)) : spill(fc, lowerExpr(fc, s.discriminant), type);
  // Strings match by content (=== on strings).
  const equals = (a: Ref, b: Ref): Ref => (isString ? m.call(mod.runtimeFunction("string_equals").name, [a, b], binaryen.i32) : ops.eq(a, b));
  const n = s.clauses.length;
  if (n === 0) return dropValue(fc, d.set);
  const clauseName = (i: number) => (i === n ? breakName : `${breakName}_case${i}`);
  const dispatch: Ref[] = [d.set];
  s.clauses.forEach((clause, i) => {
    for (const v of clause.values) dispatch.push(m.br(clauseName(i), equals(d.get(), lowerExpr(fc, v))));
  });
  const defaultIndex = s.clauses.findIndex((c) => c.isDefault);
  dispatch.push(m.br(defaultIndex >= 0 ? clauseName(defaultIndex) : breakName));
  let current = m.block(clauseName(0), dispatch, binaryen.none);
  s.clauses.forEach((clause, i) => {
    current = m.block(clauseName(i + 1), [current, ...lowerStatements(fc, clause.body)], binaryen.none);
  });
  return current;
}

/**
 * transaction.atomic(() => body): the outermost block is a transaction, retried until it
 * commits; a nested one joins the enclosing transaction (an abort unwinds to the outermost).
 *
 *   attempt = 0; save the locals the body assigns
 *   loop $retry
 *     outer = atomic_enter(attempt)
 *     try  { block $exit { body }; outer ? tx_commit() : atomic_leave_nested() }
 *     catch abort { if !outer rethrow; restore the locals; tx_backoff(++attempt); br $retry }
 */
function lowerAtomic(fc: FunctionContext, s: Extract<Stmt, { k: "atomic" }>): Ref {
  const { m, mod } = fc;
  const runtime = (name: string, args: Ref[], result: binaryen.Type = binaryen.none) => m.call(mod.runtimeFunction(name).name, args, result);
  // atomic_enter and tx_commit are transaction boundaries: safepoints.
  const stopping = (name: string, args: Ref[], result: binaryen.Type = binaryen.none) => m.block(null, [...(fc.frame?.spills() ?? []), runtime(name, args, result)], result);
  const attempt = spill(fc, m.i32.const(0), binaryen.i32);
  const outer = fc.temp(binaryen.i32);
  // Saved references stay rooted: a retry puts them back.
  const saved = [...assignedLocals(s.body)].map((local) => {
    const value = m.local.get(local.id, mod.wasmType(local.type));
    return { local, copy: isReference(local.type) ? rootedSpill(fc, value) : spill(fc, value, mod.wasmType(local.type)) };
  });
  // An abort unwinds through frames without popping them: the handler restores the stack pointer.
  const shadowTop = spill(fc, m.global.get(mod.threadLocal(SHADOW_TOP), mod.ptr), mod.ptr);
  const tryName = `atomic${outer}`;
  const retry = `retry${outer}`;
  const wasTransactional = fc.transactional;
  fc.transactional = true;
  // An error thrown out of the block ends it as JavaScript would (what it wrote stays: the
  // transaction commits), then goes on from after the commit.
  const pendingError = rootedLocal(fc);
  const atomicBody = m.try(`error${outer}`, block(fc, s.body, fc.breakName(s.exit)), [ERROR_TAG], [
    m.block(null, [m.local.set(pendingError.index, mod.popPointer()), m.global.set(mod.threadLocal(SHADOW_TOP), shadowTop.get())], binaryen.none),
  ]);
  fc.transactional = wasTransactional;
  const body = m.block(null, [
    atomicBody,
    m.if(m.local.get(outer, binaryen.i32), stopping("tx_commit", []), runtime("atomic_leave_nested", [])),
  ], binaryen.none);
  const handler = m.block(null, [
    m.if(m.i32.eqz(m.local.get(outer, binaryen.i32)), m.rethrow(tryName)),
    m.global.set(mod.threadLocal(SHADOW_TOP), shadowTop.get()),
    ...saved.map(({ local, copy }) => m.local.set(local.id, copy.get())),
    m.local.set(attempt.index, m.i32.add(attempt.get(), m.i32.const(1))),
    runtime("tx_backoff", [attempt.get()]),
    m.br(retry),
  ], binaryen.none);
  return m.block(null, [
    attempt.set,
    shadowTop.set,
    ...saved.map(({ copy }) => copy.set),
    m.loop(retry, m.block(null, [
      m.local.set(pendingError.index, mod.ptrConst(0)),
      m.local.set(outer, stopping("atomic_enter", [attempt.get()], binaryen.i32)),
      m.try(tryName, body, [ABORT_TAG], [handler]),
    ], binaryen.none)),
    m.if(mod.ptrOps.eqz(pendingError.get()), m.nop(), m.throw(ERROR_TAG, [pendingError.get()])),
  ], binaryen.none);
}
