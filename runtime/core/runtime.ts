// Entry of the in-wasm runtime, compiled together with every program (docs/runtime-abi.md).
// The linker's exports call these: __stmc_init (thread 0, before the program's module
// initialisers), __stmc_worker (every other thread), __stmc_finish (thread 0, after main).
import { i32 } from "stmc";
import { usize, address_of, atomic_add_i32, atomic_store_i32 } from "stmc:low";
import { alloc_thread_init, alloc_retire_chunk } from "./alloc";
import { tasks_init, worker_loop, tasks_wake_all } from "./tasks";
import { thread_init, publish_initialised, wait_initialised, threadsStarted, shuttingDown, MAX_THREADS } from "./thread";
import { stm_init, stm_thread_init } from "./stm/algorithm";
import { transaction_init } from "./stm/transaction";
import { stats_init, stats_block_size, stats_flush, stats_address } from "./stm/stats";
import { heap_init, raw_alloc } from "./gc/heap";
import { safepoint_init, gc_attach, gc_detach } from "./gc/safepoint";
import { collector_init, gc_stats_address } from "./gc/collector";
import { thread_memory_init, reserve_thread_memory, thread_memory } from "./thread_memory";
import { gc_thread_bytes } from "./gc/safepoint";
import { gc_run_finalizers } from "./gc/finalizers";
import "./arrays";
import "./output";
import { random_seed } from "./math";
import "./strings";
import "./errors";

/** Bits of __stmc_init's `flags`. */
const FLAG_POISON_FREED: i32 = 1;
const FLAG_COLLECT_OFTEN: i32 = 2;

export function runtime_init(threads: i32, forcedAbortsPerMillion: i32, flags: i32, limitPages: i32, seed: i32): void {
  random_seed(seed);
  heap_init(usize(limitPages));
  safepoint_init();
  collector_init(flags & FLAG_POISON_FREED, flags & FLAG_COLLECT_OFTEN);
  stm_init();
  stats_init(raw_alloc(stats_block_size()));
  transaction_init(raw_alloc(usize(MAX_THREADS) * 64), forcedAbortsPerMillion);
  // The workers the host starts now (ids 1 .. threads - 1) find their memory taken.
  thread_memory_init();
  reserve_thread_memory(0, threads);
  thread_start(0);
  // Allocates the task queues: after thread 0 can allocate.
  tasks_init(threads);
  publish_initialised();
}

function thread_start(id: i32): void {
  thread_init(id);
  alloc_thread_init();
  // Attached before it takes any heap memory: a collection running meanwhile owns the heap (its
  // sweep rebuilds the free lists and walks every block) and waits only for attached threads.
  const memory = thread_memory(id);
  gc_attach(memory);
  stm_thread_init(memory + gc_thread_bytes());
  atomic_add_i32(address_of(threadsStarted), 1);
}

export function runtime_worker(id: i32): void {
  wait_initialised();
  thread_start(id);
  worker_loop(id);
  stats_flush();
  alloc_retire_chunk();
  gc_detach();
}

/** After main: finalizers already queued run, then the workers stop. */
export function runtime_finish(): void {
  gc_run_finalizers();
  stats_flush();
  atomic_store_i32(address_of(shuttingDown), 1);
  tasks_wake_all();
  alloc_retire_chunk();
  gc_detach();
}

export function runtime_stats(): usize {
  return stats_address();
}

export function runtime_gc_stats(): usize {
  return gc_stats_address();
}
