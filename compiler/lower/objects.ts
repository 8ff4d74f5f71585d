// Objects: allocation, fields, dynamic dispatch, instanceof and null checks.
import binaryen from "#binaryen";
import { FailCode } from "../../runtime/abi.js";
import type { ClassDecl, Expr, FunctionDecl, Loc } from "../check/ir.js";
import { TABLE_NAME, type FunctionContext } from "./context.js";
import { lowerExpr, rootedLocal, rootedSpill, spill } from "./expressions.js";
import { isReference } from "../check/types.js";
import { finalizerOf } from "../gc/tables.js";
import { stoppingCall } from "../gc/frames.js";
import { implementations } from "../gc/safepoints.js";
import { accessOf, barrierBlock, sharedLoad, sharedStore, validatesAfterCollection } from "../barriers/barriers.js";

type Ref = binaryen.ExpressionRef;
type ObjectExpr = Extract<Expr, { k: "field.get" | "field.set" | "new" | "call.virtual" | "instanceof" | "nonnull" }>;

export function lowerObjectExpr(fc: FunctionContext, e: ObjectExpr): Ref {
  const { m, mod } = fc;
  switch (e.k) {
    case "field.get":
      return fc.reusableRead(e, () => fc.hoistedValue(e) ?? sharedLoad(fc, e.field.type, lowerExpr(fc, e.object), e.field.offset, accessOf(fc, e, "value")));
    case "field.set": {
      const object = lowerExpr(fc, e.object);
      const value = lowerExpr(fc, e.value);
      const access = accessOf(fc, e, "value");
      const type = mod.wasmType(e.field.type);
      const o = spill(fc, object, mod.ptr);
      const v = spill(fc, value, type);
      const store = sharedStore(fc, e.field.type, o.get(), v.get(), e.field.offset, access, barrierBlock(fc, e, o.get));
      return e.tee ? m.block(null, [o.set, v.set, store, v.get()], type) : m.block(null, [o.set, v.set, store], binaryen.none);
    }
    case "new": {
      const ctor = e.ctor ?? e.cls.constructorFn;
      // As in JavaScript, the arguments first, then the object: it is allocated right before its
      // constructor runs, nothing that can stop in between, so the constructor's first stores
      // need no write barrier (gc/young.ts). The arguments that are references stay rooted
      // across the allocation; the object, while the constructor runs.
      const args = e.args.map((a) => (isReference(a.type) ? rootedSpill(fc, lowerExpr(fc, a)) : spill(fc, lowerExpr(fc, a), mod.wasmType(a.type))));
      const object = rootedLocal(fc);
      const code = [...args.map((a) => a.set), m.local.set(object.index, allocate(fc, mod.ptrConst(e.cls.size), e.cls.id, e.loc))];
      if (ctor !== null) {
        const call = (a: Ref[]) => fc.located(m.call(mod.functionName(ctor, fc.transactional), a, binaryen.none), e.loc);
        const all = [object.get(), ...args.map((a) => a.get())];
        code.push(mod.safepoints.functionReaches(ctor) ? stoppingCall(fc, all, call) : call(all));
      }
      if (finalizerOf(e.cls) !== undefined) code.push(m.call(mod.runtimeFunction("gc_register_finalizer").name, [object.get()], binaryen.none));
      return m.block(null, [...code, object.get()], mod.ptr);
    }
    case "call.virtual": {
      const receiverType = e.receiver.type;
      const cls = receiverType.kind === "class" ? receiverType.cls : null;
      const slot = e.method.slot;
      const receiver = lowerExpr(fc, e.receiver);
      const args = e.args.map((a) => lowerExpr(fc, a));
      const resultType = mod.wasmType(e.method.fn.result);
      if (cls !== null) {
        const impls = implementations(cls, slot);
        // A function type no function value of the program has: no object can receive the call.
        if (impls.length === 0) return m.block(null, [m.drop(receiver), ...args.map((a) => m.drop(a)), m.unreachable()], resultType);
        // A method no subclass overrides is called directly.
        if (impls.length === 1) {
          const call = (a: Ref[]) => fc.located(m.call(mod.functionName(impls[0], fc.transactional), a, resultType), e.loc);
          return mod.safepoints.functionReaches(impls[0]) ? stoppingCall(fc, [receiver, ...args], call) : call([receiver, ...args]);
        }
        // A few implementations: switch on the class id and call each directly (Binaryen can
        // then inline them), as a JIT's polymorphic inline cache would.
        if (impls.length <= MAX_SWITCH_IMPLEMENTATIONS && cls.lastDescendantId - cls.id < MAX_SWITCH_CLASSES) {
          return switchDispatch(fc, cls, slot, impls, receiver, args, e);
        }
      }
      const r = spill(fc, receiver, mod.ptr);
      const classId = m.i32.load(mod.layout.classIdOffset, 4, r.get());
      const index = mod.vtableIndex(classId, slot, fc.transactional);
      const params = binaryen.createType(e.method.fn.params.map((p) => mod.wasmType(p.type)));
      const call = (a: Ref[]) => fc.located(m.call_indirect(TABLE_NAME, index, a, params, resultType), e.loc);
      const stops = cls === null || mod.safepoints.virtualCallReaches(cls, slot);
      return m.block(null, [r.set, stops ? stoppingCall(fc, [r.get(), ...args], call) : call([r.get(), ...args])], resultType);
    }
    case "instanceof": {
      const v = spill(fc, lowerExpr(fc, e.value), mod.ptr);
      const classId = m.i32.load(mod.layout.classIdOffset, 4, v.get());
      const inRange = m.i32.le_u(m.i32.sub(classId, m.i32.const(e.cls.id)), m.i32.const(e.cls.lastDescendantId - e.cls.id));
      return m.block(null, [v.set, m.if(mod.ptrOps.eqz(v.get()), m.i32.const(0), inRange)], binaryen.i32);
    }
    case "nonnull": {
      // A local is read again for free; anything else is evaluated once into a temporary.
      const v = e.value.k === "local.get" ? { set: null, get: () => lowerExpr(fc, e.value) } : spill(fc, lowerExpr(fc, e.value), mod.ptr);
      const check = m.if(mod.ptrOps.eqz(v.get()), mod.fail(FailCode.NullDereference, e.loc));
      return m.block(null, [...(v.set === null ? [] : [v.set]), check, v.get()], mod.ptr);
    }
  }
}

const MAX_SWITCH_IMPLEMENTATIONS = 8;
const MAX_SWITCH_CLASSES = 64;

/**
 *   block $done
 *     block $impl1 block $impl0  br_table(classId - cls.id)  end  call impl0 ...; br $done  end
 *     call impl1 ...; br $done
 *   end
 */
function switchDispatch(fc: FunctionContext, cls: ClassDecl, slot: number, impls: FunctionDecl[], receiver: Ref, args: Ref[], e: Extract<Expr, { k: "call.virtual" }>): Ref {
  const { m, mod } = fc;
  const resultType = mod.wasmType(e.method.fn.result);
  const r = spill(fc, receiver, mod.ptr);
  const saved = args.map((a, i) => spill(fc, a, mod.wasmType(e.args[i].type)));
  const classes: ClassDecl[] = [];
  const collect = (c: ClassDecl): void => {
    classes[c.id - cls.id] = c;
    c.subclasses.forEach(collect);
  };
  collect(cls);
  const id = fc.temp(binaryen.i32);
  const done = `dispatch${id}`;
  const blockName = (i: number) => `${done}_impl${i}`;
  // An abstract method's class (a function type's) has no instances: its entry is never taken.
  const targets = classes.map((c) => blockName(Math.max(0, impls.indexOf(c.vtable[slot]))));
  let inner = m.block(blockName(0), [
    m.local.set(id, m.i32.sub(m.i32.load(mod.layout.classIdOffset, 4, r.get()), m.i32.const(cls.id))),
    m.switch(targets, blockName(0), m.local.get(id, binaryen.i32)),
  ]);
  impls.forEach((impl, i) => {
    const direct = fc.located(m.call(mod.functionName(impl, fc.transactional), [r.get(), ...saved.map((a) => a.get())], resultType), e.loc);
    const call = mod.safepoints.functionReaches(impl) ? m.block(null, [...(fc.frame?.spills() ?? []), direct], resultType) : direct;
    const exit = resultType === binaryen.none ? [call, m.br(done)] : [m.br(done, undefined, call)];
    inner = i + 1 < impls.length ? m.block(blockName(i + 1), [inner, ...exit]) : m.block(done, [inner, ...(resultType === binaryen.none ? [call] : [call])], resultType);
  });
  return m.block(null, [r.set, ...saved.map((a) => a.set), inner], resultType);
}

/**
 * A zeroed heap block of `bytes` bytes with `classId` in its header: runtime/core/alloc.ts's
 * fast path inline (bump this thread's chunk pointer), its refill a call. The header's first
 * eight bytes get the class id and the collector word (the block's size in 8-byte units,
 * shifted past the mark bit) in one store.
 */
export function allocate(fc: FunctionContext, bytes: Ref, classId: number, loc: Loc): Ref {
  const { m, mod } = fc;
  const ops = mod.ptrOps;
  const ptr = mod.ptr;
  const top = mod.threadLocal("chunkTop");
  const end = mod.threadLocal("chunkEnd");
  const size = spill(fc, ops.and(ops.add(bytes, mod.ptrConst(7)), mod.target.memory64 ? m.i64.const(-8n) : m.i32.const(-8)), ptr);
  const start = spill(fc, m.global.get(top, ptr), ptr);
  // Located: out of memory is reported at the allocation that needed the memory.
  const refill = fc.located(m.call(mod.runtimeFunction(validatesAfterCollection(fc) ? "tx_refill" : "refill").name, [size.get()], ptr), loc);
  const size64 = mod.target.memory64 ? size.get() : m.i64.extend_u(size.get());
  const header = m.i64.or(m.i64.const(BigInt(classId >>> 0)), m.i64.shl(size64, m.i64.const(BigInt(mod.runtimeConstant("HEADER_SIZE_SHIFT")))));
  return m.block(null, [
    size.set,
    start.set,
    m.if(ops.gt_u(ops.add(start.get(), size.get()), m.global.get(end, ptr)), m.block(null, [...(fc.frame?.spills() ?? []), m.local.set(start.index, refill)])),
    m.global.set(top, ops.add(start.get(), size.get())),
    m.i64.store(mod.layout.classIdOffset, 8, start.get(), header),
    start.get(),
  ], ptr);
}
