// Emits shared accesses with the barrier that barrier selection (select.ts) chose.
//
// Shared data is every object field, array element and array header word, and every
// module-level variable in memory. An access gets a barrier when the program is built for an STM
// algorithm (etl, tl2, norec), the code is the user's transactional code (the runtime
// synchronizes its own state; code outside transactions runs the plain clones) and the plan says
// read or write. The barrier's fast path is emitted inline: a range test (did the running
// transaction allocate this object?), then the plain access; else the algorithm's own barrier
// (algorithms.ts), which calls the runtime's slow path (runtime/core/stm/transaction.ts) when it
// cannot decide inline.
import binaryen from "#binaryen";
import type { Expr, Loc } from "../check/ir.js";
import { isReference, type Type } from "../check/types.js";
import type { FunctionContext } from "../lower/context.js";
import { spill } from "../lower/expressions.js";
import type { AccessPart, BarrierKind } from "./select.js";
import { barrierSuffix } from "./algorithms.js";

type Ref = binaryen.ExpressionRef;

export interface Access {
  /** What the plan chose; undefined (no plan): a barrier. */
  readonly kind?: BarrierKind;
  readonly loc: Loc;
}

/** The access for part `part` of `e`, as the function's barrier plan decided it. */
export function accessOf(fc: FunctionContext, e: Expr, part: AccessPart): Access {
  return { kind: fc.plan?.kind(e, part), loc: e.loc };
}

export function needsBarrier(fc: FunctionContext, access: Access): boolean {
  return fc.mod.barriers && fc.transactional && fc.userCode && (access.kind === undefined || access.kind === "read" || access.kind === "write");
}

/**
 * Whether a collection in this code must be followed by a check of the transaction's reads
 * (runtime/core/stm/transaction.ts tx_safepoint, tx_refill): it keeps read values in temporaries.
 */
export function validatesAfterCollection(fc: FunctionContext): boolean {
  return fc.mod.barriers && fc.transactional && fc.userCode;
}

/** Reads a value of type `t` at `ptr + offset`. */
export function sharedLoad(fc: FunctionContext, t: Type, ptr: Ref, offset: number, access: Access): Ref {
  const { m, mod } = fc;
  if (!needsBarrier(fc, access)) return mod.load(t, ptr, offset);
  const type = mod.wasmType(t);
  const address = spill(fc, offset === 0 ? ptr : mod.ptrOps.add(ptr, mod.ptrConst(offset)), mod.ptr);
  // Located like the access: a failure in the runtime (out of memory growing the logs) is reported there.
  const slow = fc.located(m.call(mod.runtimeFunction(`read_${barrierSuffix(t)}_slow`).name, [address.get(), m.i32.const(mod.locationId(access.loc))], type), access.loc);
  return m.block(null, [address.set, m.if(ownAllocation(fc, address.get), mod.load(t, address.get()), mod.barrierEmitter!.read(fc, type, address.get, slow))], type);
}

/**
 * Writes `value` of type `t` at `ptr + offset`. `block`, the heap block holding the location (a
 * field's object, an element's store; none for a module variable, which is a root), gets the
 * collector's write barrier after a reference is stored in it.
 */
export function sharedStore(fc: FunctionContext, t: Type, ptr: Ref, value: Ref, offset: number, access: Access, block?: () => Ref): Ref {
  const store = stmStore(fc, t, ptr, value, offset, access);
  if (block === undefined || !isReference(t)) return store;
  return fc.m.block(null, [store, rememberIfOld(fc, block())], binaryen.none);
}

/**
 * The block whose store `store` needs the collector's write barrier: none when the value is
 * `null`, which refers to nothing young, or when the store goes into a constructor's young
 * `this` (the mid-end's plan: gc/young.ts).
 */
export function barrierBlock(fc: FunctionContext, store: Expr & { readonly value: Expr }, block: () => Ref): (() => Ref) | undefined {
  return store.value.k === "null" || fc.youngStores.has(store) ? undefined : block;
}

/**
 * The collector's write barrier (runtime/core/gc/generations.ts): when `block` survived a
 * collection (it is old: marked) and is not remembered yet, gc_remember lists it for the next
 * minor collection, which would not trace into it otherwise. One load and one branch.
 */
export function rememberIfOld(fc: FunctionContext, block: Ref): Ref {
  const { m, mod } = fc;
  const b = spill(fc, block, mod.ptr);
  const bits = mod.runtimeConstant("GC_MARK") | mod.runtimeConstant("GC_REMEMBERED");
  const word = m.i32.load(mod.runtimeConstant("HEADER_GC_WORD"), 4, b.get());
  const old = m.i32.eq(m.i32.and(word, m.i32.const(bits)), m.i32.const(mod.runtimeConstant("GC_MARK")));
  return m.block(null, [b.set, m.if(old, m.call(mod.runtimeFunction("gc_remember").name, [b.get()], binaryen.none))], binaryen.none);
}

function stmStore(fc: FunctionContext, t: Type, ptr: Ref, value: Ref, offset: number, access: Access): Ref {
  const { m, mod } = fc;
  if (!needsBarrier(fc, access)) return mod.store(t, ptr, value, offset);
  const address = spill(fc, offset === 0 ? ptr : mod.ptrOps.add(ptr, mod.ptrConst(offset)), mod.ptr);
  const v = spill(fc, value, mod.wasmType(t));
  const write = mod.barrierEmitter!.write(fc, {
    t,
    address: address.get,
    value: v.get,
    own: ownAllocation(fc, address.get),
    store: mod.store(t, address.get(), v.get()),
    location: mod.locationId(access.loc),
    located: (call) => fc.located(call, access.loc),
  });
  return m.block(null, [address.set, v.set, write], binaryen.none);
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
