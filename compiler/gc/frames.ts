// Shadow-stack frames: how the collector finds the references a thread holds in wasm locals
// (which it cannot read). A function that can reach a safepoint (compiler/gc/safepoints.ts) and
// holds references gets a frame on its thread's shadow stack with one slot per reference local
// (parameters included) and per rooted temporary of the lowering. Right before each call that
// may stop for a collection, every such local is stored into its slot; between safepoints the
// slots are not kept up to date (objects never move, so nothing is read back). A function whose
// only safepoints are its loops' polls pushes its frame lazily, in the poll's slow path, and
// pays nothing on the fast path. An abort unwinding through frames is caught where the shadow
// stack pointer was saved (atomic blocks, task and finalizer attempts).
import binaryen from "#binaryen";
import type { Expr, Local, Stmt } from "../check/ir.js";
import { isReference } from "../check/types.js";
import { FailCode } from "../../runtime/abi.js";
import type { FunctionContext } from "../lower/context.js";
import { forEachExpr, forEachStatement } from "./walk.js";

type Ref = binaryen.ExpressionRef;

/** The runtime's thread-locals behind the shadow stack (runtime/core/gc/safepoint.ts). */
export const SHADOW_TOP = "shadowTop";
export const SHADOW_LIMIT = "shadowLimit";

export class ShadowFrame {
  /** Slot i holds wasm local locals[i]. */
  private readonly locals: number[] = [];
  /** The wasm local holding the frame's address. */
  private readonly fp: number;
  /** Spill sites, filled by finish() once every slot is known. */
  private readonly sites: Ref[] = [];
  private finished = false;

  constructor(
    private readonly fc: FunctionContext,
    params: readonly Local[],
    locals: readonly Local[],
    /** Pushed only in a poll's slow path (the function has no other safepoint). */
    readonly lazy: boolean,
  ) {
    for (const local of [...params, ...locals]) if (isReference(local.type) && !this.locals.includes(local.id)) this.locals.push(local.id);
    this.fp = fc.temp(fc.mod.ptr);
  }

  /** Gives wasm local `index` (a reference the lowering holds across safepoints) a slot. */
  addRoot(index: number): void {
    if (this.finished) throw new Error("frame slot added after the frame was laid out");
    this.locals.push(index);
  }

  /**
   * The code before a call that may stop: stores every reference local into its slot. Slots
   * added later (roots of code lowered after this site) are included: the block is filled by
   * finish(), so no slot is ever scanned before this frame wrote it.
   */
  spills(): Ref[] {
    if (this.lazy) return [];
    return [this.site()];
  }

  /** Pushes the frame: first thing in the function. Call after the body is lowered. */
  prologue(): Ref[] {
    this.finish();
    return this.lazy ? [] : this.push();
  }

  /** Pops the frame (before every return). */
  epilogue(): Ref {
    const { m, mod } = this.fc;
    return this.lazy ? m.nop() : m.global.set(mod.threadLocal(SHADOW_TOP), m.local.get(this.fp, mod.ptr));
  }

  /** A loop's safepoint, taken when a collection is requested (`call` stops the thread). */
  pollSlowPath(call: Ref): Ref {
    const { m, mod } = this.fc;
    if (!this.lazy) return m.block(null, [this.site(), call], binaryen.none);
    const pop = m.global.set(mod.threadLocal(SHADOW_TOP), m.local.get(this.fp, mod.ptr));
    return m.block(null, [...this.push(), this.site(), call, pop], binaryen.none);
  }

  private site(): Ref {
    const block = this.fc.m.block(null, [], binaryen.none);
    this.sites.push(block);
    return block;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    const { m, mod } = this.fc;
    const append = (binaryen as unknown as { Block: { appendChild(block: Ref, child: Ref): number } }).Block.appendChild;
    for (const site of this.sites) {
      this.locals.forEach((local, slot) => append(site, mod.store({ kind: "usize" }, m.local.get(this.fp, mod.ptr), m.local.get(local, mod.ptr), slot * mod.target.pointerSize)));
    }
  }

  private push(): Ref[] {
    const { m, mod } = this.fc;
    const ptr = mod.ptr;
    const top = mod.threadLocal(SHADOW_TOP);
    const bytes = this.locals.length * mod.target.pointerSize;
    return [
      m.local.set(this.fp, m.global.get(top, ptr)),
      m.global.set(top, mod.ptrOps.add(m.local.get(this.fp, ptr), mod.ptrConst(bytes))),
      m.if(mod.ptrOps.gt_u(m.global.get(top, ptr), m.global.get(mod.threadLocal(SHADOW_LIMIT), ptr)), mod.fail(FailCode.StackOverflow, null)), // located at the call that overflowed, from the stack
    ];
  }
}

/**
 * A call that may stop for a collection: its arguments are evaluated into locals, the frame's
 * slots are written, then the call is made (`make` builds it from the arguments).
 */
export function stoppingCall(fc: FunctionContext, args: Ref[], make: (args: Ref[]) => Ref): Ref {
  const { m } = fc;
  const spills = fc.frame?.spills() ?? [];
  if (spills.length === 0) return make(args);
  const types = args.map((a) => binaryen.getExpressionType(a));
  if (types.some((t) => t === binaryen.unreachable || t === binaryen.none)) return make(args);
  const temps = args.map((a, i) => {
    const index = fc.temp(types[i]);
    return { set: m.local.set(index, a), get: () => m.local.get(index, types[i]) };
  });
  const call = make(temps.map((t) => t.get()));
  return m.block(null, [...temps.map((t) => t.set), ...spills, call], binaryen.getExpressionType(call));
}

/**
 * Whether `fn` needs a frame: it can reach a safepoint and holds references in locals or in
 * temporaries the lowering roots (new objects, arrays under construction, atomic blocks' saved locals).
 */
export function needsFrame(reachesSafepoint: boolean, params: readonly Local[], locals: readonly Local[], body: readonly Stmt[]): boolean {
  if (!reachesSafepoint) return false;
  if ([...params, ...locals].some((l) => isReference(l.type))) return true;
  let roots = false;
  forEachExpr(body, (e: Expr) => {
    if (e.k === "new" || e.k === "new.array" || e.k === "array.literal") roots = true;
  });
  forEachStatement(body, (s) => {
    if (s.k === "atomic") roots = true;
  });
  return roots;
}
