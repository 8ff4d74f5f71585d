// Decides, per shared access, whether it needs an STM barrier, and emits the access.
//
// Shared data is every object field, array element and array header word, and every
// module-level variable in memory. An access needs a barrier when the program is built for a
// scalable STM (etl) and the code is the user's (the runtime synchronizes its own state), except:
//   - `readonly` fields: written only while the object is being constructed (still private to
//     its transaction) and never after, so no transaction can conflict on them;
//   - locals and the runtime's thread-locals, which are private to a thread.
// Barriers exist only in the transactional clones of the program's functions (code outside
// transactions runs the plain clones). Their fast path is emitted inline: a range test (did the
// running transaction allocate this object?), then the plain access; only the rest calls the
// runtime's slow path (runtime/core/stm/transaction.ts).
import binaryen from "binaryen";
import type { Loc } from "../check/ir.js";
import type { Type } from "../check/types.js";
import type { FunctionContext } from "../lower/context.js";
import { spill } from "../lower/expressions.js";

type Ref = binaryen.ExpressionRef;

/** runtime/core/stm/etl.ts UNDO_REF. */
const UNDO_REF = 16;

export interface Access {
  /** No conflict is possible (readonly field). */
  readonly immutable?: boolean;
  readonly loc: Loc;
}

function barrierSuffix(t: Type): string {
  if (t.kind === "i32" || t.kind === "bool") return "i32";
  if (t.kind === "i64" || t.kind === "f64") return t.kind;
  return "usize";
}

export function needsBarrier(fc: FunctionContext, access: Access): boolean {
  return fc.mod.barriers && fc.transactional && fc.tracksLocations && !access.immutable;
}

/** Reads a value of type `t` at `ptr + offset`. */
export function sharedLoad(fc: FunctionContext, t: Type, ptr: Ref, offset: number, access: Access): Ref {
  const { m, mod } = fc;
  if (!needsBarrier(fc, access)) return mod.load(t, ptr, offset);
  const type = mod.wasmType(t);
  const address = spill(fc, offset === 0 ? ptr : mod.ptrOps.add(ptr, mod.ptrConst(offset)), mod.ptr);
  const slow = m.call(mod.runtimeFunction(`read_${barrierSuffix(t)}_slow`).name, [address.get(), m.i32.const(mod.locationId(access.loc))], type);
  return m.block(null, [address.set, m.if(ownAllocation(fc, address.get), mod.load(t, address.get()), slow)], type);
}

/** Writes `value` of type `t` at `ptr + offset`. */
export function sharedStore(fc: FunctionContext, t: Type, ptr: Ref, value: Ref, offset: number, access: Access): Ref {
  const { m, mod } = fc;
  if (!needsBarrier(fc, access)) return mod.store(t, ptr, value, offset);
  const address = spill(fc, offset === 0 ? ptr : mod.ptrOps.add(ptr, mod.ptrConst(offset)), mod.ptr);
  const v = spill(fc, value, mod.wasmType(t));
  // References are flagged (runtime/core/stm/etl.ts UNDO_REF): the collector traces old values.
  const size = t.kind === "i32" || t.kind === "bool" ? 4 : t.kind === "i64" || t.kind === "f64" ? 8 : mod.target.pointerSize | UNDO_REF;
  const prepare = m.call(mod.runtimeFunction("write_prepare").name, [address.get(), m.i32.const(size), m.i32.const(mod.locationId(access.loc))], binaryen.none);
  return m.block(null, [address.set, v.set, m.if(m.i32.eqz(ownAllocation(fc, address.get)), prepare), mod.store(t, address.get(), v.get())], binaryen.none);
}

/** markTop <= address < chunkTop: memory the running transaction allocated (runtime/core/alloc.ts). */
function ownAllocation(fc: FunctionContext, address: () => Ref): Ref {
  const { m, mod } = fc;
  const ptr = mod.ptr;
  return m.i32.and(mod.ptrOps.ge_u(address(), threadLocal(fc, "markTop", ptr)), mod.ptrOps.lt_u(address(), threadLocal(fc, "chunkTop", ptr)));
}

function threadLocal(fc: FunctionContext, name: string, type: binaryen.Type): Ref {
  return fc.m.global.get(fc.mod.threadLocal(name), type);
}
