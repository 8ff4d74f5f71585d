// Entry of the in-wasm runtime, compiled together with every program (docs/runtime-abi.md).
// The linker's exports call these: __stmc_init (thread 0, before the program's module
// initialisers), __stmc_worker (every other thread), __stmc_finish (thread 0, after main).
import { i32 } from "stmc";
import { usize, address_of, atomic_add_i32, atomic_store_i32, memory_fill } from "stmc:low";
import { alloc, alloc_init, alloc_thread_init } from "./alloc";
import { tasks_init, worker_loop, tasks_wake_all } from "./tasks";
import { thread_init, publish_initialised, wait_initialised, threadsStarted, shuttingDown, MAX_THREADS } from "./thread";
import { etl_init, etl_thread_init } from "./stm/etl";
import { transaction_init } from "./stm/transaction";
import { stats_init, stats_block_size, stats_flush, stats_address } from "./stm/stats";
import "./arrays";
import "./output";

const BUFFER_CLASS: i32 = -1;

export function runtime_init(threads: i32, forcedAbortsPerMillion: i32): void {
  alloc_init();
  etl_init();
  const statsBytes = stats_block_size();
  const stats = alloc(statsBytes, BUFFER_CLASS);
  memory_fill(stats, 0, statsBytes);
  stats_init(stats);
  const activeBytes = usize(MAX_THREADS) * 64;
  const active = alloc(activeBytes, BUFFER_CLASS);
  memory_fill(active, 0, activeBytes);
  transaction_init(active, forcedAbortsPerMillion);
  tasks_init(threads);
  thread_start(0);
  publish_initialised();
}

function thread_start(id: i32): void {
  thread_init(id);
  alloc_thread_init();
  etl_thread_init();
  atomic_add_i32(address_of(threadsStarted), 1);
}

export function runtime_worker(id: i32): void {
  wait_initialised();
  thread_start(id);
  worker_loop(id);
  stats_flush();
}

/** After main: stop the workers. */
export function runtime_finish(): void {
  stats_flush();
  atomic_store_i32(address_of(shuttingDown), 1);
  tasks_wake_all();
}

export function runtime_stats(): usize {
  return stats_address();
}
