// Decides, per shared access, whether it needs an STM barrier, and emits the access.
//
// Shared data is every object field, array element and array header word, and every
// module-level variable in memory. An access needs a barrier when the program is built for a
// scalable STM (etl) and the code is the user's (the runtime synchronizes its own state), except:
//   - `readonly` fields: written only while the object is being constructed (still private to
//     its transaction) and never after, so no transaction can conflict on them;
//   - locals and the runtime's thread-locals, which are private to a thread.
// The barrier functions (runtime/core/stm/transaction.ts) test a thread-local flag first, so
// code running outside any transaction pays one branch; Binaryen inlines that fast path.
import binaryen from "binaryen";
import type { Loc } from "../check/ir.js";
import type { Type } from "../check/types.js";
import type { FunctionContext } from "../lower/context.js";

type Ref = binaryen.ExpressionRef;

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
  return fc.mod.barriers && fc.tracksLocations && !access.immutable;
}

/** Reads a value of type `t` at `ptr + offset`. */
export function sharedLoad(fc: FunctionContext, t: Type, ptr: Ref, offset: number, access: Access): Ref {
  const { m, mod } = fc;
  if (!needsBarrier(fc, access)) return mod.load(t, ptr, offset);
  const address = offset === 0 ? ptr : mod.ptrOps.add(ptr, mod.ptrConst(offset));
  const fn = mod.runtimeFunction(`stm_read_${barrierSuffix(t)}`);
  return m.call(fn.name, [address, m.i32.const(mod.locationId(access.loc))], mod.wasmType(t));
}

/** Writes `value` of type `t` at `ptr + offset`. */
export function sharedStore(fc: FunctionContext, t: Type, ptr: Ref, value: Ref, offset: number, access: Access): Ref {
  const { m, mod } = fc;
  if (!needsBarrier(fc, access)) return mod.store(t, ptr, value, offset);
  const address = offset === 0 ? ptr : mod.ptrOps.add(ptr, mod.ptrConst(offset));
  const fn = mod.runtimeFunction(`stm_write_${barrierSuffix(t)}`);
  return m.call(fn.name, [address, value, m.i32.const(mod.locationId(access.loc))], binaryen.none);
}
