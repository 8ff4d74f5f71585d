// Math.* and the runtime's low-level dialect, each one or a few wasm instructions.
import binaryen from "#binaryen";
import { FailCode, HostImport, STM_ALGORITHMS } from "../../runtime/abi.js";
import type { IntrinsicCall } from "../check/ir.js";
import { ABORT_TAG, ERROR_TAG, ProgramValue, TABLE_NAME, WAIT_FUNCTION, type FunctionContext } from "./context.js";
import { lowerExpr, spill } from "./expressions.js";
import { SHADOW_TOP } from "../gc/frames.js";

type Ref = binaryen.ExpressionRef;

export function lowerIntrinsic(fc: FunctionContext, e: IntrinsicCall): Ref {
  const { m, mod } = fc;
  const args = e.args.map((a) => lowerExpr(fc, a));
  const memoryType = e.memoryType ?? e.type;
  const wide = memoryType.kind === "i64" || (memoryType.kind === "usize" && mod.target.memory64);
  switch (e.name) {
    case "math.sqrt": return m.f64.sqrt(args[0]);
    case "math.floor": return m.f64.floor(args[0]);
    case "math.ceil": return m.f64.ceil(args[0]);
    case "math.trunc": return m.f64.trunc(args[0]);
    case "math.abs": {
      if (e.type.kind === "f64") return m.f64.abs(args[0]);
      const type = mod.wasmType(e.type);
      const ops = (e.type.kind === "i64" ? m.i64 : m.i32) as typeof m.i32;
      const zero = e.type.kind === "i64" ? m.i64.const(0n) : m.i32.const(0);
      const zero2 = e.type.kind === "i64" ? m.i64.const(0n) : m.i32.const(0);
      const v = spill(fc, args[0], type);
      return m.block(null, [v.set, m.select(ops.lt_s(v.get(), zero), ops.sub(zero2, v.get()), v.get())], type);
    }
    case "math.min":
    case "math.max": {
      if (e.type.kind === "f64") return e.name === "math.min" ? m.f64.min(args[0], args[1]) : m.f64.max(args[0], args[1]);
      const type = mod.wasmType(e.type);
      const ops = (e.type.kind === "i64" ? m.i64 : m.i32) as typeof m.i32;
      const a = spill(fc, args[0], type);
      const b = spill(fc, args[1], type);
      const aWins = e.name === "math.min" ? ops.lt_s(a.get(), b.get()) : ops.gt_s(a.get(), b.get());
      return m.block(null, [a.set, b.set, m.select(aWins, a.get(), b.get())], type);
    }
    case "load": return mod.load(memoryType, args[0]);
    case "store": return mod.store(memoryType, args[0], args[1]);
    case "atomic.load": return wide ? m.i64.atomic.load(0, args[0]) : m.i32.atomic.load(0, args[0]);
    case "f64.from.bits": return m.f64.reinterpret(args[0]);
    case "f64.to.bits": return m.i64.reinterpret(args[0]);
    case "atomic.store": return wide ? m.i64.atomic.store(0, args[0], args[1]) : m.i32.atomic.store(0, args[0], args[1]);
    case "atomic.add": return wide ? m.i64.atomic.rmw.add(0, args[0], args[1]) : m.i32.atomic.rmw.add(0, args[0], args[1]);
    case "atomic.cmpxchg": return wide ? m.i64.atomic.rmw.cmpxchg(0, args[0], args[1], args[2]) : m.i32.atomic.rmw.cmpxchg(0, args[0], args[1], args[2]);
    case "memory.size": return m.memory.size(undefined, mod.target.memory64);
    case "memory.grow": return m.memory.grow(args[0], undefined, mod.target.memory64);
    case "memory.copy": return m.memory.copy(args[0], args[1], args[2]);
    case "memory.fill": return m.memory.fill(args[0], args[1], args[2]);
    case "memory.max.pages": return mod.programValue(ProgramValue.maxPages);
    case "heap.base": return mod.programValue(ProgramValue.heapBase);
    case "header.size": return mod.ptrConst(mod.layout.headerSize);
    case "pointer.size": return mod.ptrConst(mod.target.pointerSize);
    case "fail": return failFromRuntime(fc, args);
    case "unreachable": return m.unreachable();
    case "address.of": {
      const address = e.global === undefined ? undefined : mod.globalAddresses.get(e.global);
      if (address === undefined) throw new Error("address_of without a module-level variable in memory");
      return mod.ptrConst(address);
    }
    case "atomic.load.usize": return mod.target.memory64 ? m.i64.atomic.load(0, args[0]) : m.i32.atomic.load(0, args[0]);
    case "atomic.store.usize": return mod.target.memory64 ? m.i64.atomic.store(0, args[0], args[1]) : m.i32.atomic.store(0, args[0], args[1]);
    case "atomic.wait": return m.call(WAIT_FUNCTION, args, binaryen.i32);
    case "atomic.notify": return m.memory.atomic.notify(args[0], args[1]);
    case "stm.abort": return m.throw(ABORT_TAG, []);
    case "stm.algorithm": return m.i32.const(STM_ALGORITHMS.indexOf(mod.stm));
    case "task.attempt": return taskAttempt(fc, args[0]);
    case "finalizer.attempt": return finalizerAttempt(fc, args[0], args[1]);
    case "gc.types": return mod.programValue(ProgramValue.gcTypes);
    case "gc.type.count": return mod.programValue(ProgramValue.gcTypeCount);
    case "gc.globals": return mod.programValue(ProgramValue.gcGlobals);
    case "host.clock": return m.call(mod.hostImport(HostImport.clock), [], binaryen.f64);
    case "host.flush": return m.call(mod.hostImport(HostImport.flush), [], binaryen.none);
    case "host.spawn": return m.call(mod.hostImport(HostImport.spawnThreads), args, binaryen.none);
    case "load.u16": return m.i32.load16_u(0, 2, args[0]);
    case "ctz": return m.i32.ctz(args[0]);
    case "store.u16": return m.i32.store16(0, 2, args[0], args[1]);
    case "string.class": return mod.programValue(ProgramValue.stringClass);
    case "string.length": return m.i32.load(mod.layout.headerSize, 4, args[0]);
    case "string.code.at": {
      // Strings never change: no barrier. Outside the string fails like an array index.
      const s = spill(fc, args[0], mod.ptr);
      const i = spill(fc, args[1], binaryen.i32);
      const outside = m.i32.ge_u(i.get(), m.i32.load(mod.layout.headerSize, 4, s.get()));
      const address = mod.ptrOps.add(s.get(), mod.ptrOps.mul(mod.indexToPtr(i.get()), mod.ptrConst(2)));
      return m.block(null, [s.set, i.set, m.if(outside, mod.fail(FailCode.IndexOutOfRange, e.loc, m.f64.convert_s.i32(i.get()))), m.i32.load16_u(mod.layout.headerSize + 4, 2, address)], binaryen.i32);
    }
    case "nop": return m.nop();
    case "throw.error": return m.throw(ERROR_TAG, [args[0]]);
    case "location.id": return m.i32.const(mod.locationId(e.loc));
    case "static.object": return mod.staticObject(e.cls!);
    case "cast": {
      // null passes; an object must be in the class's id range.
      const cls = e.cls!;
      const v = spill(fc, args[0], mod.ptr);
      const classId = m.i32.load(mod.layout.classIdOffset, 4, v.get());
      const outside = m.i32.gt_u(m.i32.sub(classId, m.i32.const(cls.id)), m.i32.const(cls.lastDescendantId - cls.id));
      const check = m.if(mod.ptrOps.eqz(v.get()), m.nop(), m.if(outside, mod.raise(e.message!, e.loc)));
      return m.block(null, [v.set, check, v.get()], mod.ptr);
    }
    case "math.host": return m.call(mod.hostImport(HostImport.math), args, binaryen.f64);
    case "math.sign": {
      const v = spill(fc, args[0], binaryen.f64);
      // 1, -1, or the value itself (0, -0 and NaN).
      return m.block(null, [v.set, m.select(m.f64.gt(v.get(), m.f64.const(0)), m.f64.const(1), m.select(m.f64.lt(v.get(), m.f64.const(0)), m.f64.const(-1), v.get()))], binaryen.f64);
    }
    case "host.format.f64": return m.call(mod.hostImport(HostImport.formatF64), args, binaryen.i32);
    case "host.fail.message": return m.call(mod.hostImport(HostImport.failMessage), args, binaryen.i32);
    case "host.case.map": return m.call(mod.hostImport(HostImport.caseMap), args, binaryen.i32);
    case "host.parse.number": return m.call(mod.hostImport(HostImport.parseNumber), args, binaryen.f64);
    case "host.print.chars": return m.call(mod.hostImport(HostImport.printChars), args, binaryen.none);
    case "host.print": {
      const imports = { i32: HostImport.printI32, i64: HostImport.printI64, f64: HostImport.printF64, bool: HostImport.printBool, str: HostImport.printStr, end: HostImport.printEnd };
      return m.call(mod.hostImport(imports[e.printKind ?? "end"]), args, binaryen.none);
    }
  }
}

/** try { task.run(); true } catch (abort) { false }: one attempt of a task as a transaction. */
function taskAttempt(fc: FunctionContext, task: Ref): Ref {
  const { m, mod } = fc;
  const taskClass = mod.program.runtime.classes.get("Task");
  const run = taskClass?.methods.get("run");
  if (taskClass === undefined || run === undefined) throw new Error("the runtime has no Task.run");
  const t = spill(fc, task, mod.ptr);
  // Tasks always run as transactions: their transactional clones.
  const index = mod.vtableIndex(m.i32.load(mod.layout.classIdOffset, 4, t.get()), run.slot, true);
  return m.block(null, [t.set, attemptTransaction(fc, m.call_indirect(TABLE_NAME, index, [t.get()], binaryen.createType([mod.ptr]), binaryen.none))], binaryen.i32);
}

/** One attempt of a finalizer (at function table index `index`) on `object`, as a transaction. */
function finalizerAttempt(fc: FunctionContext, object: Ref, index: Ref): Ref {
  const { m, mod } = fc;
  return attemptTransaction(fc, m.call_indirect(TABLE_NAME, index, [object], binaryen.createType([mod.ptr]), binaryen.none));
}

/**
 * try { call; tx_commit(); true } catch (abort) { false } catch (error e) { tx_abandon(); throw e }.
 * The commit is inside the try: validation failing at commit aborts like a conflict. An error
 * the code does not catch undoes the transaction and goes on to the task runner. Both unwind
 * through shadow-stack frames without popping them, so the stack pointer is put back.
 */
function attemptTransaction(fc: FunctionContext, call: Ref): Ref {
  const { m, mod } = fc;
  const shadowTop = spill(fc, m.global.get(mod.threadLocal(SHADOW_TOP), mod.ptr), mod.ptr);
  const restore = (): Ref => m.global.set(mod.threadLocal(SHADOW_TOP), shadowTop.get());
  const commit = m.call(mod.runtimeFunction("tx_commit").name, [], binaryen.none);
  const spills = fc.frame?.spills() ?? [];
  const aborted = m.block(null, [restore(), m.i32.const(0)], binaryen.i32);
  const error = spill(fc, mod.popPointer(), mod.ptr);
  const failed = m.block(null, [
    error.set,
    restore(),
    m.call(mod.runtimeFunction("tx_abandon").name, [], binaryen.none),
    m.throw(ERROR_TAG, [error.get()]),
  ], binaryen.i32);
  const body = m.block(null, [...spills, call, commit, m.i32.const(1)], binaryen.i32);
  const attempt = m.try(`attempt${shadowTop.index}`, body, [ABORT_TAG, ERROR_TAG], [aborted, failed]);
  return m.block(null, [shadowTop.set, attempt], binaryen.i32);
}

/** fail(code, argument) from the runtime: the host finds the user's location from the stack. */
function failFromRuntime(fc: FunctionContext, args: Ref[]): Ref {
  const { m } = fc;
  return m.block(null, [m.call(fc.mod.hostImport(HostImport.fail), [args[0], m.i32.const(-1), args[1]], binaryen.none), m.unreachable()], binaryen.unreachable);
}
