// Counters behind `stmc run --stats`: each thread counts in its own globals and adds them to
// the shared totals when it stops, so counting costs no shared-memory traffic.
import { i32 } from "stmc";
import { usize, thread_local, atomic_add_i32, load_i32, atomic_cmpxchg_i32 } from "stmc:low";

const CAUSES: i32 = 6;
const CONFLICT_SLOTS: i32 = 1024;

let commits: i32 = thread_local(0);
let irrevocables: i32 = thread_local(0);
let aborts0: i32 = thread_local(0);
let aborts1: i32 = thread_local(0);
let aborts2: i32 = thread_local(0);
let aborts3: i32 = thread_local(0);
let aborts4: i32 = thread_local(0);
let aborts5: i32 = thread_local(0);
/** The source location id of the access that made the current attempt abort (-1 unknown). */
let conflictLocation: i32 = thread_local(-1);

/** Shared totals: commits, irrevocable, aborts by cause (6), then CONFLICT_SLOTS (location+1, count) pairs. */
let totals: usize = 0;

export function stats_init(block: usize): void {
  totals = block;
}

export function stats_block_size(): usize {
  return usize(2 + CAUSES + CONFLICT_SLOTS * 2) * 4;
}

export function stats_conflict_at(location: i32): void {
  conflictLocation = location;
}

export function stats_commit(): void {
  commits++;
}

export function stats_irrevocable(): void {
  irrevocables++;
}

/** Counts an aborted attempt by cause; a negative cause (a restart that is no conflict) is not counted. */
export function stats_abort(cause: i32): void {
  if (cause < 0) {
    conflictLocation = -1;
    return;
  }
  if (cause === 0) aborts0++;
  else if (cause === 1) aborts1++;
  else if (cause === 2) aborts2++;
  else if (cause === 3) aborts3++;
  else if (cause === 4) aborts4++;
  else aborts5++;
  if (conflictLocation >= 0) count_conflict(conflictLocation);
  conflictLocation = -1;
}

/** Open addressing on the location id; a full table drops the count. */
function count_conflict(location: i32): void {
  const table = totals + usize(2 + CAUSES) * 4;
  for (let probe = 0; probe < CONFLICT_SLOTS; probe++) {
    const slot = table + usize(((location * 31 + probe) & (CONFLICT_SLOTS - 1)) * 2) * 4;
    const key = load_i32(slot);
    if (key === location + 1 || (key === 0 && atomic_cmpxchg_i32(slot, 0, location + 1) === 0) || load_i32(slot) === location + 1) {
      atomic_add_i32(slot + 4, 1);
      return;
    }
  }
}

/** When a thread stops: its counts join the totals. */
export function stats_flush(): void {
  atomic_add_i32(totals, commits);
  atomic_add_i32(totals + 4, irrevocables);
  atomic_add_i32(totals + 8, aborts0);
  atomic_add_i32(totals + 12, aborts1);
  atomic_add_i32(totals + 16, aborts2);
  atomic_add_i32(totals + 20, aborts3);
  atomic_add_i32(totals + 24, aborts4);
  atomic_add_i32(totals + 28, aborts5);
  commits = 0;
  irrevocables = 0;
  aborts0 = 0;
  aborts1 = 0;
  aborts2 = 0;
  aborts3 = 0;
  aborts4 = 0;
  aborts5 = 0;
}

export function stats_address(): usize {
  return totals;
}
