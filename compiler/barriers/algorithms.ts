// The barriers of each STM algorithm, as the compiler emits them into the program's
// transactional code: one emitter per algorithm, registered here beside its runtime file
// (runtime/core/stm/algorithm.ts). gil and none have none: their code has no barriers.
// barriers.ts emits what is common to every algorithm (the test that the running transaction
// allocated the object, then a plain access) and asks the emitter for the rest.
import binaryen from "#binaryen";
import type { StmAlgorithm } from "../../runtime/abi.js";
import type { Type } from "../check/types.js";
import type { FunctionContext } from "../lower/context.js";
import { etlRead, etlWritePrepare } from "./etl.js";

type Ref = binaryen.ExpressionRef;

export interface BarrierEmitter {
  /** The algorithm writes in place and holds what it wrote until it ends (select.ts ProgramFacts). */
  readonly writesInPlace: boolean;
  /** A read of wasm type `type` at `address` (not the transaction's own object); `slow` is the call of read_*_slow. */
  read(fc: FunctionContext, type: binaryen.Type, address: () => Ref, slow: Ref): Ref;
  /**
   * A write of `value` (stmc type `t`) at `address` (not the transaction's own object): for an
   * algorithm that writes in place, what prepares the store that follows it; else the whole
   * write. `location` is the access's location id, `located` puts its source location on a call.
   */
  write(fc: FunctionContext, t: Type, address: () => Ref, value: () => Ref, location: number, located: (call: Ref) => Ref): Ref;
}

/** The runtime's name suffix of a barrier for values of type `t` (read_i32_slow, write_usize_slow, ...). */
export function barrierSuffix(t: Type): "i32" | "i64" | "f64" | "usize" {
  if (t.kind === "i32" || t.kind === "bool") return "i32";
  if (t.kind === "i64" || t.kind === "f64") return t.kind;
  return "usize";
}

/** ETL (runtime/core/stm/etl.ts): reads and repeated writes inlined (etl.ts here); the store follows write_prepare. */
const etl: BarrierEmitter = {
  writesInPlace: true,
  read: etlRead,
  write(fc, t, address, value, location, located) {
    const { m, mod } = fc;
    // References are flagged (runtime/core/stm/etl.ts UNDO_REF): the collector traces old values.
    const suffix = barrierSuffix(t);
    const size = suffix === "i32" ? 4 : suffix !== "usize" ? 8 : mod.target.pointerSize | mod.runtimeConstant("UNDO_REF");
    const prepare = located(m.call(mod.runtimeFunction("write_prepare").name, [address(), m.i32.const(size), m.i32.const(location)], binaryen.none));
    return etlWritePrepare(fc, address, suffix === "usize", prepare);
  },
};

/**
 * TL2 and NOrec (runtime/core/stm/tl2.ts, norec.ts): every access calls the runtime, which looks
 * in the transaction's redo log first (redo.ts); a write goes to the log.
 */
const redoLogged: BarrierEmitter = {
  writesInPlace: false,
  read: (_fc, _type, _address, slow) => slow,
  write(fc, t, address, value, location, located) {
    const { m, mod } = fc;
    return located(m.call(mod.runtimeFunction(`write_${barrierSuffix(t)}_slow`).name, [address(), value(), m.i32.const(location)], binaryen.none));
  },
};

export const BARRIER_EMITTERS: Readonly<Partial<Record<StmAlgorithm, BarrierEmitter>>> = { etl, tl2: redoLogged, norec: redoLogged };
