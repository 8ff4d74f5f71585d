// print(): outside a transaction a value goes straight to the host; inside one it is logged
// and replayed at commit, so an aborted attempt prints nothing and nothing prints twice.
import { i32, i64, f64, bool } from "stmc";
import { usize, thread_local, load_i32, load_i64, load_f64, store_i32, store_i64, store_f64, load_usize, store_usize, memory_copy, header_size,
  host_print_i32, host_print_i64, host_print_f64, host_print_bool, host_print_str, host_print_end, host_flush, host_print_chars } from "stmc:low";
import { raw_grow, raw_alloc, raw_free } from "./gc/heap";
import { in_transaction } from "./stm/transaction";

const KIND_I32: i32 = 0;
const KIND_I64: i32 = 1;
const KIND_F64: i32 = 2;
const KIND_BOOL: i32 = 3;
const KIND_STR: i32 = 4;
const KIND_END: i32 = 5;
/** A string value: a copy of its code units outside the heap ([length i32, units...]), freed once printed. */
const KIND_CHARS: i32 = 6;
const ENTRY: usize = 16;

/** This thread's log of values printed by the current transaction: entries of (kind, value). */
let log: usize = thread_local(0);
let logCount: i32 = thread_local(0);
let logCapacity: i32 = thread_local(0);

function log_entry(kind: i32): usize {
  if (logCount === logCapacity) {
    const capacity = logCapacity < 64 ? 64 : logCapacity * 2;
    log = raw_grow(log, usize(logCount) * ENTRY, usize(capacity) * ENTRY);
    logCapacity = capacity;
  }
  const entry = log + usize(logCount) * ENTRY;
  logCount++;
  store_i32(entry, kind);
  return entry + 8;
}

export function out_i32(value: i32): void {
  if (in_transaction()) store_i32(log_entry(KIND_I32), value);
  else host_print_i32(value);
}

export function out_i64(value: i64): void {
  if (in_transaction()) store_i64(log_entry(KIND_I64), value);
  else host_print_i64(value);
}

export function out_f64(value: f64): void {
  if (in_transaction()) store_f64(log_entry(KIND_F64), value);
  else host_print_f64(value);
}

export function out_bool(value: bool): void {
  if (in_transaction()) store_i32(log_entry(KIND_BOOL), value ? 1 : 0);
  else host_print_bool(value);
}

export function out_str(id: i32): void {
  if (in_transaction()) store_i32(log_entry(KIND_STR), id);
  else host_print_str(id);
}

export function out_string(s: string): void {
  const length = load_i32(usize(s) + header_size());
  const units = usize(s) + header_size() + 4;
  if (!in_transaction()) {
    host_print_chars(units, length);
    return;
  }
  // The log is no root of the collector: it keeps the code units, not the string.
  const copy = raw_alloc(4 + usize(length) * 2);
  store_i32(copy, length);
  memory_copy(copy + 4, units, usize(length) * 2);
  store_usize(log_entry(KIND_CHARS), copy);
}

export function out_end(): void {
  if (in_transaction()) log_entry(KIND_END);
  else host_print_end();
}

/**
 * At commit: print what the transaction logged, and hand it to the host at once (if another
 * thread fails later, the program stops, and what committed before must not be lost).
 */
export function output_publish(): void {
  if (logCount === 0) return;
  for (let i = 0; i < logCount; i++) {
    const entry = log + usize(i) * ENTRY;
    const kind = load_i32(entry);
    const value = entry + 8;
    if (kind === KIND_I32) host_print_i32(load_i32(value));
    else if (kind === KIND_I64) host_print_i64(load_i64(value));
    else if (kind === KIND_F64) host_print_f64(load_f64(value));
    else if (kind === KIND_BOOL) host_print_bool(load_i32(value) !== 0);
    else if (kind === KIND_STR) host_print_str(load_i32(value));
    else if (kind === KIND_CHARS) {
      const copy = load_usize(value);
      host_print_chars(copy + 4, load_i32(copy));
      raw_free(copy);
    } else host_print_end();
  }
  logCount = 0;
  host_flush();
}

/** At abort: forget it. */
export function output_discard(): void {
  for (let i = 0; i < logCount; i++) {
    const entry = log + usize(i) * ENTRY;
    if (load_i32(entry) === KIND_CHARS) raw_free(load_usize(entry + 8));
  }
  logCount = 0;
}
