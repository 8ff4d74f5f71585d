// Shadow-stack frames: how the collector finds the references a thread holds in wasm locals
// (which it cannot read). Every function that can reach a safepoint (compiler/gc/safepoints.ts)
// gets a frame on its thread's shadow stack with one slot per reference local (parameters
// included) and per rooted temporary of the lowering; a write to such a local is also written
// to its slot. The frame is pushed at entry (slots zeroed, parameters stored) and popped at every
// return; an abort unwinding through frames is caught where the shadow stack pointer was saved.
// Objects never move, so nothing is ever read back from a slot.
import binaryen from "binaryen";
import type { Expr, Local, Loc, Stmt } from "../check/ir.js";
import { isReference } from "../check/types.js";
import { FailCode } from "../../runtime/abi.js";
import type { FunctionContext } from "../lower/context.js";
import { forEachExpr, forEachStatement } from "./walk.js";

type Ref = binaryen.ExpressionRef;

/** The runtime's thread-locals behind the shadow stack (runtime/core/gc/shadow.ts). */
export const SHADOW_TOP = "shadowTop";
export const SHADOW_LIMIT = "shadowLimit";

export class ShadowFrame {
  private readonly slots = new Map<number, number>();
  private slotCount = 0;
  /** The wasm local holding the frame's address. */
  readonly fp: number;

  constructor(private readonly fc: FunctionContext, readonly params: readonly Local[], locals: readonly Local[]) {
    for (const local of [...params, ...locals]) if (isReference(local.type)) this.slots.set(local.id, this.slotCount++);
    this.fp = fc.temp(fc.mod.ptr);
  }

  /** Whether writes to local `id` are mirrored into a slot. */
  hasSlot(id: number): boolean {
    return this.slots.has(id);
  }

  /** Mirrors the current value of local `id` (a wasm local of pointer type) into its slot. */
  mirror(id: number): Ref {
    const { m, mod } = this.fc;
    return this.store(this.slots.get(id)!, m.local.get(id, mod.ptr));
  }

  /** A fresh slot for a temporary of the lowering. */
  newSlot(): number {
    return this.slotCount++;
  }

  store(slot: number, value: Ref): Ref {
    const { mod } = this.fc;
    return mod.store({ kind: "usize" }, this.fc.m.local.get(this.fp, mod.ptr), value, slot * mod.target.pointerSize);
  }

  /** Pushes the frame: runs first in the function (built once the body is lowered). */
  prologue(loc: Loc | null): Ref[] {
    const { m, mod } = this.fc;
    const ptr = mod.ptr;
    const top = mod.threadLocal(SHADOW_TOP);
    const bytes = this.slotCount * mod.target.pointerSize;
    const fp = () => m.local.get(this.fp, ptr);
    const code: Ref[] = [
      m.local.set(this.fp, m.global.get(top, ptr)),
      m.global.set(top, mod.ptrOps.add(fp(), mod.ptrConst(bytes))),
      m.if(mod.ptrOps.gt_u(m.global.get(top, ptr), m.global.get(mod.threadLocal(SHADOW_LIMIT), ptr)), mod.fail(FailCode.StackOverflow, loc)),
    ];
    const paramSlots = new Map(this.params.filter((p) => this.slots.has(p.id)).map((p) => [this.slots.get(p.id)!, p]));
    const zeroed = this.slotCount - paramSlots.size;
    if (zeroed > 4) code.push(m.memory.fill(fp(), m.i32.const(0), mod.ptrConst(bytes)));
    for (let slot = 0; slot < this.slotCount; slot++) {
      const param = paramSlots.get(slot);
      if (param !== undefined) code.push(this.store(slot, m.local.get(param.id, ptr)));
      else if (zeroed <= 4) code.push(this.store(slot, mod.ptrConst(0)));
    }
    return code;
  }

  /** Pops the frame (before every return). */
  epilogue(): Ref {
    const { m, mod } = this.fc;
    return m.global.set(mod.threadLocal(SHADOW_TOP), m.local.get(this.fp, mod.ptr));
  }
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
