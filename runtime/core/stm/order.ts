// Insertion order for the collections (runtime/lib/collections.ts) that agrees with the order
// transactions appear to run in. Each entry of a Map or Set carries an order number, its first
// field; iteration visits entries by it. A number is taken from one shared counter, but a
// transaction that may still abort takes it only when it commits: after validating, while it
// still holds the locks of what it wrote, so that of two transactions that touched the same
// entries, the one serialised first has the smaller numbers. Until then the transaction's new
// entries carry PENDING plus their rank among its own (after every committed entry, in the
// order it made them), linked through their second field. Outside such a transaction (gil,
// none, irrevocable, main's code) the number is taken at once.
import { i32, i64, bool } from "stmc";
import { usize, thread_local, own_cache_line, address_of, atomic_add_i64, load_usize, store_i64, store_usize, header_size } from "stmc:low";

/** The next order number: shared, written at every insertion's commit. */
let nextOrder: i64 = 1;
/** Order numbers at and above this belong to the running transaction's entries (2^62). */
const PENDING: i64 = 4611686018427387904;

/** Set while this thread runs a transaction that may abort (its entries wait for its commit). */
let deferring: bool = thread_local(false);
/** The running transaction's new entries, the last made first. */
let pendingHead: usize = thread_local(0);
let pendingCount: i64 = thread_local(0);

/** From the start of a transaction that may abort to its end (the commit numbers its entries first). */
export function order_defer(on: bool): void {
  deferring = on;
}

/** An aborted or abandoned transaction: its entries are gone with it. */
export function order_discard(): void {
  deferring = false;
  pendingHead = 0;
  pendingCount = 0;
}

/**
 * Gives a new entry its place in insertion order. `entry`'s first field is its order number
 * (i64) and its second a reference this file links pending entries through.
 */
export function order_stamp(entry: usize): void {
  const at = entry + header_size();
  if (!deferring) {
    store_i64(at, atomic_add_i64(address_of(nextOrder), 1));
    return;
  }
  store_i64(at, PENDING + pendingCount);
  pendingCount++;
  store_usize(at + 8, pendingHead);
  pendingHead = entry;
}

/** At commit, before the locks are released: the transaction's entries take their numbers, oldest first. */
export function order_commit(): void {
  if (pendingHead === 0) return;
  // The list runs newest first: one atomic add reserves the numbers, given out from the end.
  const first = atomic_add_i64(address_of(nextOrder), pendingCount);
  let n: i64 = pendingCount;
  let entry = pendingHead;
  while (entry !== 0) {
    n--;
    const at = entry + header_size();
    const next = load_usize(at + 8);
    store_i64(at, first + n);
    store_usize(at + 8, 0);
    entry = next;
  }
  pendingHead = 0;
  pendingCount = 0;
}
