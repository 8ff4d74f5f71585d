// The redo log of the lazy-versioning algorithms (tl2.ts, norec.ts): a transaction's writes wait
// here, one entry per 8-byte word written (contract.ts's layout, so the collector traces it as it
// traces ETL's undo log), and reach memory only when it commits. A transaction reads its own
// writes: its reads look here first, through an open-addressing table from a word's address to
// its entry (slots stamped with the transaction's serial number, so nothing is cleared between
// transactions). A word may be written in halves (an i32 field beside another): the entry
// records which halves the transaction wrote, and the commit stores only those, so a neighbour
// another transaction commits meanwhile is not overwritten with a stale value.
import { i32, i64, bool } from "stmc";
import { usize, thread_local, load_i32, load_i64, store_i32, store_i64, memory_fill, pointer_size } from "stmc:low";
import { raw_alloc, raw_free, raw_grow } from "../gc/heap";
import { WRITE_ENTRY, W_ADDRESS, W_VALUE, W_REFS, ABORT_CAPACITY, stm_conflict } from "./contract";

/** Which halves of the word the transaction wrote: LOW_HALF, HIGH_HALF or both. */
export const W_HALVES: usize = 16;
export const LOW_HALF: i32 = 1;
export const HIGH_HALF: i32 = 2;
/** The rest of an entry (bytes 24–31) is the algorithm's: tl2.ts keeps the lock word it replaced. */
export const W_SPARE: usize = 24;

let redoLog: usize = thread_local(0);
/** The running transaction's entries, in the order it first wrote their words. */
export let redoCount: i32 = thread_local(0);
let redoCapacity: i32 = thread_local(0);
/** The most entries a transaction may have (redo_init, from the heap limit). */
let redoLimit: i32 = 0;
/** 2^redoTableBits slots, each serial << 32 | entry index; a slot of another serial is empty. */
let redoTable: usize = thread_local(0);
let redoTableBits: i64 = thread_local(0);
let redoSerial: i64 = thread_local(0);
const SERIAL_MAX: i64 = 2147483647;
const FIBONACCI: i64 = -7046029254386353131;

export function redo_init(limit: i32): void {
  redoLimit = limit;
}

/** The running transaction's log (the collector's roots: contract.ts). */
export function redo_log(): usize {
  return redoLog;
}

export function redo_begin(): void {
  redoCount = 0;
  redoSerial++;
  if (redoSerial === SERIAL_MAX && redoTable !== 0) {
    memory_fill(redoTable, 0, usize(1) << usize(redoTableBits) << 3);
    redoSerial = 1;
  }
}

export function redo_entry(i: i32): usize {
  return redoLog + usize(i) * WRITE_ENTRY;
}

function slot_of(word: i64, i: i64): usize {
  const home = (word >> 3) * FIBONACCI >>> (64 - redoTableBits);
  return redoTable + usize((home + i) & ((i64(1) << redoTableBits) - 1)) * 8;
}

/** The entry of the 8-byte word at `word`, or 0 when the transaction has not written it. */
export function redo_find(word: usize): usize {
  if (redoCount === 0) return 0;
  const key = i64(word);
  for (let i: i64 = 0; ; i++) {
    const slot = load_i64(slot_of(key, i));
    if (slot >> 32 !== redoSerial) return 0;
    const entry = redo_entry(i32(slot & 4294967295));
    if (load_i64(entry + W_ADDRESS) === key) return entry;
  }
  return 0;
}

function insert(key: i64, index: i32): void {
  for (let i: i64 = 0; ; i++) {
    const slot = slot_of(key, i);
    if (load_i64(slot) >> 32 !== redoSerial) {
      store_i64(slot, (redoSerial << 32) | i64(index));
      return;
    }
  }
}

/** The entry of `word`, made if new; 0 (a capacity conflict recorded) when the log is full. */
function entry_for(word: usize): usize {
  const found = redo_find(word);
  if (found !== 0) return found;
  if (redoCount === redoCapacity) {
    if (redoCount >= redoLimit) {
      stm_conflict(ABORT_CAPACITY);
      return 0;
    }
    redoCapacity = redoCapacity < 64 ? 64 : redoCapacity * 2;
    redoLog = raw_grow(redoLog, usize(redoCount) * WRITE_ENTRY, usize(redoCapacity) * WRITE_ENTRY);
  }
  // At most half the slots used: probes stay short.
  if (redoTable === 0 || i64(redoCount + 1) * 2 > i64(1) << redoTableBits) grow_table();
  const entry = redo_entry(redoCount);
  store_i64(entry + W_ADDRESS, i64(word));
  store_i64(entry + W_VALUE, 0);
  store_i32(entry + W_HALVES, 0);
  store_i32(entry + W_REFS, 0);
  store_i64(entry + W_SPARE, 0);
  insert(i64(word), redoCount);
  redoCount++;
  return entry;
}

function grow_table(): void {
  if (redoTable !== 0) raw_free(redoTable);
  redoTableBits = redoTableBits === 0 ? 8 : redoTableBits + 1;
  redoTable = raw_alloc(usize(1) << usize(redoTableBits) << 3);
  for (let i = 0; i < redoCount; i++) insert(load_i64(redo_entry(i) + W_ADDRESS), i);
}

/**
 * Logs a write of `size` bytes (4 or 8, naturally aligned) of `bits` at `address`; `reference`
 * when the value is a reference. False when the log is full (the conflict is recorded).
 */
export function redo_write(address: usize, bits: i64, size: i32, reference: bool): bool {
  const entry = entry_for(address & ~7);
  if (entry === 0) return false;
  if (size === 8) {
    store_i64(entry + W_VALUE, bits);
    store_i32(entry + W_HALVES, LOW_HALF | HIGH_HALF);
  } else {
    const high = (address & 4) !== 0;
    store_i32(entry + W_VALUE + (high ? 4 : 0), i32(bits));
    store_i32(entry + W_HALVES, load_i32(entry + W_HALVES) | (high ? HIGH_HALF : LOW_HALF));
  }
  if (reference) store_i32(entry + W_REFS, load_i32(entry + W_REFS) | (1 << i32((address & 7) / pointer_size())));
  return true;
}

/** Whether this transaction wrote all `size` bytes at `address` (`entry`: their word's, or 0): redo_overlay then gives them. */
export function redo_covers(entry: usize, address: usize, size: i32): bool {
  if (entry === 0) return false;
  const halves = load_i32(entry + W_HALVES);
  if (size === 8) return halves === (LOW_HALF | HIGH_HALF);
  return (halves & ((address & 4) !== 0 ? HIGH_HALF : LOW_HALF)) !== 0;
}

/** `memory` (the `size` bytes at `address` as read) with the halves this transaction wrote put over it. */
export function redo_overlay(entry: usize, address: usize, size: i32, memory: i64): i64 {
  if (entry === 0) return memory;
  const halves = load_i32(entry + W_HALVES);
  if (size === 4) return (halves & ((address & 4) !== 0 ? HIGH_HALF : LOW_HALF)) !== 0 ? i64(load_i32(entry + W_VALUE + (address & 4))) : memory;
  let value = memory;
  if ((halves & LOW_HALF) !== 0) value = (value & -4294967296) | (i64(load_i32(entry + W_VALUE)) & 4294967295);
  if ((halves & HIGH_HALF) !== 0) value = (value & 4294967295) | (i64(load_i32(entry + W_VALUE + 4)) << 32);
  return value;
}

/** Stores every logged write in memory (the caller holds what makes that safe). */
export function redo_write_back(): void {
  for (let i = 0; i < redoCount; i++) {
    const entry = redo_entry(i);
    const address = usize(load_i64(entry + W_ADDRESS));
    const halves = load_i32(entry + W_HALVES);
    if (halves === (LOW_HALF | HIGH_HALF)) store_i64(address, load_i64(entry + W_VALUE));
    else if (halves === LOW_HALF) store_i32(address, load_i32(entry + W_VALUE));
    else store_i32(address + 4, load_i32(entry + W_VALUE + 4));
  }
}

/** Forgets the running transaction's writes (its commit or abort is done). */
export function redo_clear(): void {
  redoCount = 0;
}
