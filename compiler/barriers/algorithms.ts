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
  /** The shared write of `value` (stmc type `t`) at `address`, as it is emitted. */
  write(fc: FunctionContext, write: SharedWrite): Ref;
}

/**
 * What barriers.ts hands an emitter for a write: the address and value (locals, read as often as
 * needed), whether the running transaction allocated the object (`own`, to be used once), the
 * plain store, the access's location id, and how to put its source location on a call.
 */
export interface SharedWrite {
  readonly t: Type;
  readonly address: () => Ref;
  readonly value: () => Ref;
  readonly own: Ref;
  readonly store: Ref;
  readonly location: number;
  readonly located: (call: Ref) => Ref;
}

/** The runtime's name suffix of a barrier for values of type `t` (read_i32_slow, write_usize_slow, ...). */
export function barrierSuffix(t: Type): "i32" | "i64" | "f64" | "usize" {
  if (t.kind === "i32" || t.kind === "bool") return "i32";
  if (t.kind === "i64" || t.kind === "f64") return t.kind;
  return "usize";
}

/**
 * ETL (runtime/core/stm/etl.ts): reads and repeated writes inlined (etl.ts here). It writes in
 * place: unless the object is the transaction's own, the stripe is owned first (write_prepare
 * locks and logs), then the one store.
 */
const etl: BarrierEmitter = {
  writesInPlace: true,
  read: etlRead,
  write(fc, w) {
    const { m, mod } = fc;
    // References are flagged (runtime/core/stm/etl.ts UNDO_REF): the collector traces old values.
    const suffix = barrierSuffix(w.t);
    const size = suffix === "i32" ? 4 : suffix !== "usize" ? 8 : mod.target.pointerSize | mod.runtimeConstant("UNDO_REF");
    const prepare = w.located(m.call(mod.runtimeFunction("write_prepare").name, [w.address(), m.i32.const(size), m.i32.const(w.location)], binaryen.none));
    return m.block(null, [m.if(m.i32.eqz(w.own), etlWritePrepare(fc, w.address, suffix === "usize", prepare)), w.store], binaryen.none);
  },
};

/**
 * TL2 and NOrec (runtime/core/stm/tl2.ts, norec.ts): every access calls the runtime, which looks
 * in the transaction's redo log first (redo.ts); a write goes to the log.
 */
const redoLogged: BarrierEmitter = {
  writesInPlace: false,
  read: (_fc, _type, _address, slow) => slow,
  write(fc, w) {
    const { m, mod } = fc;
    const logged = w.located(m.call(mod.runtimeFunction(`write_${barrierSuffix(w.t)}_slow`).name, [w.address(), w.value(), m.i32.const(w.location)], binaryen.none));
    return m.if(w.own, w.store, logged);
  },
};

export const BARRIER_EMITTERS: Readonly<Partial<Record<StmAlgorithm, BarrierEmitter>>> = { etl, tl2: redoLogged, norec: redoLogged };
