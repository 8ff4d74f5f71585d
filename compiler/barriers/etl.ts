// The inlined fast paths of ETL's barriers (runtime/core/stm/etl.ts), emitted into the program's
// transactional code so that the common read and the repeated write cost no call.
//
// Read of `address` (not allocated by the running transaction):
//   lock  = locks + hash(address)                 the stripe's lock word (etl.ts lock_of)
//   word  = atomic load lock; value = atomic load address
//   fast if word is free (low bit 0), a stamp the snapshot covers (word <= snapshot[thread field]),
//   and lock still equals word;
//   then, unless lock is the stripe read last, append lock - locks to the read set while
//   readCount < readRoom (room left, and below the size where the read filter takes over).
//   A stripe this transaction holds is read in place, without an entry. Anything else (held by
//   another, too new, changed, full, irrevocable past the room) calls read_*_slow, which samples
//   again and handles it.
// Write of `address`: fast if this transaction already owns the stripe and the log entry its lock
// word names is the one of `address`'s 8-byte word (the stripe's first word written): then only a
// reference write sets the entry's bit for the word it replaces. Else write_prepare locks and logs.
// The hash and the lock word's layout are etl.ts's (documented there); the table size and the
// write log's layout are read from the runtime's constants.
import binaryen from "#binaryen";
import type { FunctionContext } from "../lower/context.js";
import { spill } from "../lower/expressions.js";

type Ref = binaryen.ExpressionRef;

/** Fibonacci hashing's multiplier (2^64 / golden ratio, as a signed i64): etl.ts lock_of. */
const FIBONACCI = -7046029254386353131n;

function threadLocal(fc: FunctionContext, name: string, type: binaryen.Type): Ref {
  return fc.m.global.get(fc.mod.threadLocal(name), type);
}

/** The address of `address`'s lock word: locks + ((address >> STRIPE_BITS) * FIBONACCI >>> (64 - LOCK_BITS)) * 8. */
function lockOf(fc: FunctionContext, address: Ref): Ref {
  const { m, mod } = fc;
  const bits = mod.runtimeConstant("LOCK_BITS");
  const stripeBits = mod.runtimeConstant("STRIPE_BITS");
  const stripe = mod.target.memory64
    ? m.i64.shr_u(address, m.i64.const(BigInt(stripeBits)))
    : m.i64.extend_u(m.i32.shr_u(address, m.i32.const(stripeBits)));
  const index = m.i64.shr_u(m.i64.mul(stripe, m.i64.const(FIBONACCI)), m.i64.const(BigInt(64 - bits)));
  const offset = mod.target.memory64 ? m.i64.shl(index, m.i64.const(3n)) : m.i32.shl(m.i32.wrap(index), m.i32.const(3));
  return mod.ptrOps.add(threadLocal(fc, "locks", mod.ptr), offset);
}

function atomicLoad(fc: FunctionContext, type: binaryen.Type, address: Ref): Ref {
  const { m } = fc;
  if (type === binaryen.i32) return m.i32.atomic.load(0, address);
  if (type === binaryen.i64) return m.i64.atomic.load(0, address);
  return m.f64.reinterpret(m.i64.atomic.load(0, address));
}

/** A barriered read of a value of wasm type `type` at `address`; `slow` is the call of read_*_slow. */
export function etlRead(fc: FunctionContext, type: binaryen.Type, address: () => Ref, slow: Ref): Ref {
  const { m, mod } = fc;
  const ptr = mod.ptr;
  const lock = spill(fc, lockOf(fc, address()), ptr);
  const word = spill(fc, m.i64.atomic.load(0, lock.get()), binaryen.i64);
  const value = spill(fc, atomicLoad(fc, type, address()), type);
  const done = `readDone${lock.index}`;
  const slowPath = `readSlow${lock.index}`;
  const readCount = () => threadLocal(fc, "readCount", binaryen.i32);
  // The snapshot's entry for the stamp's thread field, at (word & (slots - 1) << 1) * 4; for a held
  // word the field is part of the owner tag, still inside the vector (the result is not used).
  const threadField = m.i32.and(m.i32.wrap(word.get()), m.i32.const(((1 << mod.runtimeConstant("THREAD_BITS")) - 1) << 1));
  const entryOffset = m.i32.shl(threadField, m.i32.const(2));
  const covered = m.i64.load(0, 8, mod.ptrOps.add(threadLocal(fc, "snapshot", ptr), mod.target.memory64 ? m.i64.extend_u(entryOffset) : entryOffset));
  const heldOrNewer = m.i32.or(
    m.i64.ne(m.i64.and(word.get(), m.i64.const(1n)), m.i64.const(0n)),
    m.i64.gt_s(word.get(), covered),
  );
  const offsetInTable = mod.ptrOps.sub(lock.get(), threadLocal(fc, "locks", ptr));
  const entry = mod.ptrOps.add(threadLocal(fc, "readSet", ptr), mod.target.memory64 ? m.i64.shl(m.i64.extend_u(readCount()), m.i64.const(2n)) : m.i32.shl(readCount(), m.i32.const(2)));
  const append = m.block(null, [
    m.br(slowPath, m.i32.ge_s(readCount(), threadLocal(fc, "readRoom", binaryen.i32))),
    m.i32.store(0, 4, entry, mod.target.memory64 ? m.i32.wrap(offsetInTable) : offsetInTable),
    m.global.set(mod.threadLocal("readCount"), m.i32.add(readCount(), m.i32.const(1))),
    m.global.set(mod.threadLocal("lastRead"), lock.get()),
  ]);
  // A stripe this transaction holds: the value in place is its own (no one else writes it).
  const owned = m.i64.eq(m.i64.and(word.get(), m.i64.const(0xffffffffn)), threadLocal(fc, "ownerTag", binaryen.i64));
  const fast = m.block(slowPath, [
    lock.set,
    word.set,
    value.set,
    m.if(heldOrNewer, m.if(owned, m.br(done, undefined, value.get()), m.br(slowPath))),
    m.br(slowPath, m.i64.ne(m.i64.atomic.load(0, lock.get()), word.get())),
    m.if(mod.ptrOps.ne(lock.get(), threadLocal(fc, "lastRead", ptr)), append),
    m.br(done, undefined, value.get()),
  ]);
  return m.block(done, [fast, slow], type);
}

/**
 * A barriered write's preparation at `address`: `prepare` (the call of write_prepare) unless the
 * transaction already owns the stripe through the lock word's own log entry. A reference write
 * then sets the entry's bit for the word it replaces (the collector traces the old value).
 */
export function etlWritePrepare(fc: FunctionContext, address: () => Ref, isReference: boolean, prepare: Ref): Ref {
  const { m, mod } = fc;
  const ptr = mod.ptr;
  const entryShift = Math.log2(mod.runtimeConstant("WRITE_ENTRY"));
  const W_ADDRESS = mod.runtimeConstant("W_ADDRESS");
  const W_REFS = mod.runtimeConstant("W_REFS");
  const word = spill(fc, m.i64.atomic.load(0, lockOf(fc, address())), binaryen.i64);
  const entryIndex = m.i64.shr_u(word.get(), m.i64.const(32n));
  const entryOffset = mod.target.memory64 ? m.i64.shl(entryIndex, m.i64.const(BigInt(entryShift))) : m.i32.shl(m.i32.wrap(entryIndex), m.i32.const(entryShift));
  const entry = spill(fc, mod.ptrOps.add(threadLocal(fc, "writeLog", ptr), entryOffset), ptr);
  const stripe = mod.target.memory64 ? m.i64.and(address(), m.i64.const(-8n)) : m.i64.extend_u(m.i32.and(address(), m.i32.const(~7)));
  const owned = `writeOwned${word.index}`;
  const slowPath = `writeSlow${word.index}`;
  const steps = [
    word.set,
    m.br(slowPath, m.i64.ne(m.i64.and(word.get(), m.i64.const(0xffffffffn)), threadLocal(fc, "ownerTag", binaryen.i64))),
    // Owned: the entry the lock word names is valid; it may log another word of the stripe.
    entry.set,
    m.br(slowPath, m.i64.ne(m.i64.load(W_ADDRESS, 8, entry.get()), stripe)),
  ];
  if (isReference) {
    // The bit of the replaced word: (address & 7) / pointer size (always word 0 on wasm64).
    const bit = mod.target.memory64 ? m.i32.const(1) : m.i32.shl(m.i32.const(1), m.i32.and(m.i32.shr_u(address(), m.i32.const(2)), m.i32.const(1)));
    steps.push(m.i32.store(W_REFS, 4, entry.get(), m.i32.or(m.i32.load(W_REFS, 4, entry.get()), bit)));
  }
  steps.push(m.br(owned));
  return m.block(owned, [m.block(slowPath, steps), prepare]);
}
