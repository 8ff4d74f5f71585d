// What every STM algorithm (etl.ts, tl2.ts, norec.ts, dispatched by algorithm.ts) shares with
// the rest of the runtime:
// - the abort causes, which the statistics count (stats.ts; the host names them: runtime/abi.ts
//   ABORT_CAUSES, in this order);
// - the write log's layout, which the collector reads while the thread is stopped (a
//   transaction's logged words keep their objects alive, and the words marked as references are
//   roots: ETL's old values, which a rollback puts back, or a redo log's new values, which the
//   commit writes and the transaction may read back);
// - how a barrier's slow path reports a conflict: it sets `conflicted` and returns any value; the
//   caller (transaction.ts) then aborts.
// A slow path reads memory that other transactions may be writing with an atomic load: a plain
// load is one the engine may merge with an earlier load of the same address (it assumes plain
// memory does not change behind it), and the stale value would pass every check.
import { i32, bool } from "stmc";
import { usize, thread_local, atomic_load_i32, address_of } from "stmc:low";
import { random_below } from "../thread";

/** A read met a location another transaction holds (and it was not released soon). */
export const ABORT_READ_LOCKED: i32 = 0;
/** A read met a location written since the transaction's snapshot, or that changed as it was read. */
export const ABORT_READ_CHANGED: i32 = 1;
/** A write (or a commit taking its locks) met a location another transaction holds. */
export const ABORT_WRITE_LOCKED: i32 = 2;
/** Validating the reads (at commit, or after a collection) found one no longer current. */
export const ABORT_VALIDATION: i32 = 3;
/** The test mode's forced abort. */
export const ABORT_FORCED: i32 = 4;
/** The logs reached their limit: the transaction runs again alone. */
export const ABORT_CAPACITY: i32 = 5;

/** Why the last conflict happened (ABORT_*). */
export let abortCause: i32 = thread_local(0);
/** Set by a read or write slow path that found a conflict (the caller aborts and clears it). */
export let conflicted: bool = thread_local(false);

/** Records why the transaction must abort, for a caller that reports the conflict itself. */
export function set_abort_cause(cause: i32): void {
  abortCause = cause;
}

/** The caller is aborting for the recorded conflict. */
export function conflict_clear(): void {
  conflicted = false;
}

/** Records a conflict of cause `cause` for the caller to abort with. */
export function stm_conflict(cause: i32): void {
  abortCause = cause;
  conflicted = true;
}

/**
 * The test mode of forced aborts (transaction.ts) also stalls each writing commit at the point of
 * its algorithm's race (between publishing and validating, or while holding the commit lock).
 */
export let commitStress: bool = false;

export function stm_stress_commits(): void {
  commitStress = true;
}

/** In the test mode (callers test commitStress first: a commit pays one load), up to a few thousand loads: time for another commit to interleave. */
export function commit_stall(): void {
  const spins = random_below(4096);
  for (let i = 0; i < spins; i++) atomic_load_i32(address_of(commitStress));
}

/** Write log entries: one per 8-byte word written, WRITE_ENTRY bytes each. */
export const WRITE_ENTRY: usize = 32;
/** The logged word's address (8-byte aligned), as an i64. */
export const W_ADDRESS: usize = 0;
/** The word's 8 bytes: before the transaction wrote it (etl) or as it wrote them (tl2, norec). */
export const W_VALUE: usize = 8;
/** Bit k: the pointer-sized word k of W_VALUE is a reference (the collector traces it). Bytes 16–19 and 24–31 are the algorithm's. */
export const W_REFS: usize = 20;
