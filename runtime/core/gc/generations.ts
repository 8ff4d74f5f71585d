// Generations without moving: sticky mark bits. A block that survives a collection keeps its
// mark and is old. A minor collection marks from the roots and from the remembered old blocks,
// never traces into an old block (its mark is set), and sweeps only what was allocated since the
// previous collection: the young regions each thread lists. So a short-lived object costs the
// minor collection nothing to mark and one step of the sweep of its region, and the old blocks
// (binary_trees' long-lived tree) are neither marked nor swept again until a major collection.
//
// The invariant: an old block refers only to old blocks unless it is remembered. A young block
// becomes referable from an old one only by a store of a reference into the old block, and every
// such store is followed by the write barrier: the compiled code's (compiler/barriers/barriers.ts
// rememberIfOld) tests the block's collector word and calls gc_remember when it is old and not
// yet remembered; the runtime's own stores of references into blocks that may be old do the same
// (arrays.ts array_grow). The STM's writes need none of their own: a rollback puts back a value
// that was in the block before (either it was there at the last collection, and is old, or it
// was stored since, and the block is remembered), and a redo log's write-back stores a value
// whose logical store ran the barrier (or a collection marked it since: logged values are roots).
//
// The lists live in each thread's record (safepoint.ts), written by the thread while it runs and
// read and reset by the collector while every thread is stopped.
import { i32 } from "stmc";
import { usize, load_i32, store_i32, load_usize, store_usize } from "stmc:low";
import { raw_grow } from "./heap";
import { thread_record, R_YOUNG, R_REMEMBERED } from "./safepoint";
import { threadId } from "../thread";
import { HEADER_GC_WORD, GC_MARK, GC_REMEMBERED } from "./layout";

/** A list's fields in the record: its buffer, its count and its capacity (entries). */
const L_BUFFER: usize = 0;
const L_COUNT: usize = 8;
const L_CAPACITY: usize = 16;
/** A young region: (start, end). */
export const REGION_BYTES: usize = 16;

/** Appends an entry of `bytes` to the list at `list` (a record's fields): returns its address. */
function list_push(list: usize, bytes: usize): usize {
  const count = load_usize(list + L_COUNT);
  const capacity = load_usize(list + L_CAPACITY);
  if (count === capacity) {
    const grown = capacity < 64 ? 64 : capacity * 2;
    store_usize(list + L_BUFFER, raw_grow(load_usize(list + L_BUFFER), count * bytes, grown * bytes));
    store_usize(list + L_CAPACITY, grown);
  }
  store_usize(list + L_COUNT, count + 1);
  return load_usize(list + L_BUFFER) + count * bytes;
}

/** The write barrier's slow path: `block` is old and now holds a reference the next minor collection must trace. */
export function gc_remember(block: usize): void {
  store_i32(block + HEADER_GC_WORD, load_i32(block + HEADER_GC_WORD) | GC_REMEMBERED);
  store_usize(list_push(thread_record(threadId) + R_REMEMBERED, 8), block);
}

/** The runtime's own write barrier, after it stored a reference into `block` (which may be old). */
export function gc_write_barrier(block: usize): void {
  if ((load_i32(block + HEADER_GC_WORD) & (GC_MARK | GC_REMEMBERED)) === GC_MARK) gc_remember(block);
}

/** [start, end) was allocated by this thread since the last collection. */
export function young_region_add(start: usize, end: usize): void {
  const entry = list_push(thread_record(threadId) + R_YOUNG, REGION_BYTES);
  store_usize(entry, start);
  store_usize(entry + 8, end);
}

/** A record's list: its buffer and count, for the collector (the world stopped). */
export function young_regions(record: usize): usize {
  return load_usize(record + R_YOUNG + L_BUFFER);
}

export function young_region_count(record: usize): i32 {
  return i32(load_usize(record + R_YOUNG + L_COUNT));
}

export function remembered_blocks(record: usize): usize {
  return load_usize(record + R_REMEMBERED + L_BUFFER);
}

export function remembered_count(record: usize): i32 {
  return i32(load_usize(record + R_REMEMBERED + L_COUNT));
}

/** After a collection: every thread's lists start again empty. */
export function generations_reset(record: usize): void {
  store_usize(record + R_YOUNG + L_COUNT, 0);
  store_usize(record + R_REMEMBERED + L_COUNT, 0);
}
