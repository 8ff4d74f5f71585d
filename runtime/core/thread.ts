// Per-thread state. Each thread runs its own instance of the module over the shared memory, so
// wasm globals (thread_local) are private to a thread; everything shared lives in memory.
import { i32, i64 } from "stmc";
import { thread_local, address_of, atomic_load_i32, atomic_store_i32 } from "stmc:low";
import { wait_while, signal_all } from "./sync";

/** The most threads a program runs on (runtime/abi.ts MAX_THREADS): per-thread state exists for this many. */
export const MAX_THREADS: i32 = 256;

/** 0 for the thread that runs main, 1.. for the workers. */
export let threadId: i32 = thread_local(0);
/** State of a xorshift generator (backoff, forced aborts): differs per thread. */
let randomState: i64 = thread_local(88172645463325252);

/** Threads started so far (the host starts them; more when setNumThreads asks for more). */
export let threadsStarted: i32 = 0;
/** Set once thread 0 has initialised the runtime: other threads wait for it. */
let initialised: i32 = 0;
/** Set when main has returned: workers leave their loop. */
export let shuttingDown: i32 = 0;

export function thread_init(id: i32): void {
  threadId = id;
  randomState = randomState ^ (i64(id + 1) * 2654435761);
}

/** Thread 0, once the runtime is ready. */
export function publish_initialised(): void {
  atomic_store_i32(address_of(initialised), 1);
  signal_all(address_of(initialised));
}

export function wait_initialised(): void {
  while (atomic_load_i32(address_of(initialised)) === 0) wait_while(address_of(initialised), 0);
}

/** A pseudo-random number in [0, bound). */
export function random_below(bound: i32): i32 {
  let x = randomState;
  x = x ^ (x << 13);
  x = x ^ (x >>> 7);
  x = x ^ (x << 17);
  randomState = x;
  const r = i32(x & 2147483647);
  return r % bound;
}
