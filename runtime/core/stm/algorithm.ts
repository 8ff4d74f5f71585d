// The STM interface: what transaction.ts (the retry policy, irrevocability, the barriers' entry
// points), the collector and the runtime's start-up ask of the algorithm chosen at compile time
// (`--stm`; stm_algorithm() is a constant, so Binaryen folds each dispatch to one call). An
// algorithm is one file (etl.ts, tl2.ts, norec.ts) registered here, in the order of
// runtime/abi.ts STM_ALGORITHMS, and, for the barriers the compiler inlines, one emitter in
// compiler/barriers/algorithms.ts. What every algorithm shares (abort causes, the write log's
// layout the collector reads, how a slow path reports a conflict) is in contract.ts.
import { i32, i64, bool } from "stmc";
import { usize, stm_algorithm, store_usize } from "stmc:low";
import { etl_init, etl_thread_bytes, etl_thread_init, etl_begin, etl_read, etl_write, etl_validate, etl_commit, etl_rollback, etl_write_log, etl_write_count } from "./etl";
import { tl2_init, tl2_thread_init, tl2_begin, tl2_read, tl2_validate, tl2_commit, tl2_rollback } from "./tl2";
import { norec_init, norec_begin, norec_read, norec_validate, norec_commit, norec_rollback } from "./norec";
import { redo_init, redo_find, redo_covers, redo_overlay, redo_write, redo_log, redoCount } from "./redo";
import { heap_limit_pages } from "../gc/heap";
import { R_WRITE_LOG, R_WRITE_COUNT } from "../gc/safepoint";
import { WRITE_ENTRY } from "./contract";

export const STM_ETL: i32 = 0;
export const STM_GIL: i32 = 1;
export const STM_NONE: i32 = 2;
export const STM_TL2: i32 = 3;
export const STM_NOREC: i32 = 4;

/** Whether the program's transactional code runs with barriers (else gil or none). */
export function stm_has_barriers(): bool {
  return stm_algorithm() === STM_ETL || stm_algorithm() === STM_TL2 || stm_algorithm() === STM_NOREC;
}

/** Lazy versioning: writes wait in a redo log until commit (tl2, norec). */
function redo_logged(): bool {
  return stm_algorithm() === STM_TL2 || stm_algorithm() === STM_NOREC;
}

/** The most bytes a transaction's logs may take: a 32nd of the heap limit, at most 8 MiB. */
function log_bytes(): usize {
  const bytes = heap_limit_pages() * 2048;
  return bytes > 8388608 ? 8388608 : bytes;
}

export function stm_init(): void {
  const logBytes = log_bytes();
  if (stm_algorithm() === STM_ETL) etl_init(logBytes);
  if (redo_logged()) redo_init(i32(logBytes / WRITE_ENTRY));
  if (stm_algorithm() === STM_TL2) tl2_init(logBytes);
  if (stm_algorithm() === STM_NOREC) norec_init(logBytes);
}

/** The per-thread memory stm_thread_init takes. */
export function stm_thread_bytes(): usize {
  return stm_algorithm() === STM_ETL ? etl_thread_bytes() : 0;
}

export function stm_thread_init(memory: usize): void {
  if (stm_algorithm() === STM_ETL) etl_thread_init(memory);
  if (stm_algorithm() === STM_TL2) tl2_thread_init();
}

export function stm_begin(): void {
  if (stm_algorithm() === STM_ETL) etl_begin();
  if (stm_algorithm() === STM_TL2) tl2_begin();
  if (stm_algorithm() === STM_NOREC) norec_begin();
}

/**
 * Reads `size` bytes (4 or 8) at `address` for the running transaction (its own writes
 * included), as bits; a conflict is recorded (contract.ts) and the result is then meaningless.
 */
export function stm_read(address: usize, size: i32): i64 {
  if (stm_algorithm() === STM_ETL) return etl_read(address, size);
  const entry = redo_find(address & ~7);
  if (redo_covers(entry, address, size)) return redo_overlay(entry, address, size, 0);
  const memory = stm_algorithm() === STM_TL2 ? tl2_read(address, size) : norec_read(address, size);
  return redo_overlay(entry, address, size, memory);
}

/**
 * Writes `size` bytes (4 or 8) of `bits` at `address` for the running transaction (`reference`:
 * the value is a reference); false if it must abort (the cause recorded).
 */
export function stm_write(address: usize, bits: i64, size: i32, reference: bool): bool {
  if (stm_algorithm() === STM_ETL) return etl_write(address, bits, size, reference);
  return redo_write(address, bits, size, reference);
}

/** Every read still current (after a collection, whose frees a stale read could otherwise see). */
export function stm_validate(): bool {
  if (stm_algorithm() === STM_ETL) return etl_validate();
  if (stm_algorithm() === STM_TL2) return tl2_validate();
  if (stm_algorithm() === STM_NOREC) return norec_validate();
  return true;
}

/** True if the transaction committed; false if it must abort (the cause recorded; call stm_rollback). */
export function stm_commit(): bool {
  if (stm_algorithm() === STM_ETL) return etl_commit();
  if (stm_algorithm() === STM_TL2) return tl2_commit();
  if (stm_algorithm() === STM_NOREC) return norec_commit();
  return true;
}

/** Undoes what the running transaction wrote (etl) or forgets it (tl2, norec), and its reads. */
export function stm_rollback(): void {
  if (stm_algorithm() === STM_ETL) etl_rollback();
  if (stm_algorithm() === STM_TL2) tl2_rollback();
  if (stm_algorithm() === STM_NOREC) norec_rollback();
}

/** For the collector, when this thread stops: the running transaction's write log (contract.ts), none if `running` is false. */
export function stm_publish_roots(record: usize, running: bool): void {
  const etl = stm_algorithm() === STM_ETL;
  store_usize(record + R_WRITE_LOG, etl ? etl_write_log() : redo_log());
  store_usize(record + R_WRITE_COUNT, !running ? 0 : usize(etl ? etl_write_count() : redoCount));
}
