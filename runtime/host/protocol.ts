// Messages between the host (the thread that called runModule) and its worker threads.

import type { ExportSignature, SourceLocation } from "../abi.js";
import type { ThreadFailure } from "./report.js";

/** workerData of every worker: the same module and memory, its own thread index. */
export interface WorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** The target's pointer size in bytes (4: wasm32, 8: wasm64): how the host reads heap objects. */
  pointerSize: 4 | 8;
  /** 0 for the thread that runs __stmc_init and main; 1.. for the workers. */
  threadIndex: number;
  /** One Int32 shared by all threads: the next output line's sequence number. */
  sequence: SharedArrayBuffer;
  /** Commits in a million that abort instead (a testing aid; 0 normally). */
  forcedAbortsPerMillion: number;
  /** Math.random's seed (runtime/core/math.ts). */
  seed: number;
  /** __stmc_init's flags (debugging aids): 1 = poison freed memory, 2 = collect at every chunk refill. */
  gcFlags: number;
  /** The number of threads the program runs with (passed to __stmc_init). */
  threads: number;
  /** The heap limit in 64 KiB pages (passed to __stmc_init): the memory's maximum. */
  limitPages: number;
  strings: string[];
  locations: SourceLocation[];
  /** The program's host functions (`declare function`): each call goes to the host thread. */
  imports: Record<string, ExportSignature>;
  /** This thread's buffer for host-function results (HOST_CALL_* layout), when it has imports. */
  hostCall?: SharedArrayBuffer;
}

/**
 * A host function's result, written by the host thread while the calling thread waits: Int32 0
 * is the state (HOST_CALL_PENDING, _DONE or _FAILED), the value is at byte 8 (f64 or i64), a
 * failure's message (UTF-8) at HOST_CALL_TEXT with its length in Int32 1.
 */
export const HOST_CALL_PENDING = 0;
export const HOST_CALL_DONE = 1;
export const HOST_CALL_FAILED = 2;
export const HOST_CALL_TEXT = 16;
export const HOST_CALL_BYTES = 4096;

/** Host -> thread 0, once it posted `ready`: call an exported function, or end the program. */
export type HostMessage = { type: "call"; id: number; name: string; args: (number | bigint)[] } | { type: "close" };

/**
 * Worker -> host. A worker posts `output` messages and, thread 0, `ready` and one `return` per
 * call, then exactly one of `exit`, `failure` and `fatal`.
 */
export type WorkerMessage =
  /** A thread calls host function `name`: it waits for the result in its hostCall buffer. */
  | { type: "hostcall"; name: string; args: (number | bigint)[] }
  /** Thread 0: the module's initialisers have run; calls may come. */
  | { type: "ready" }
  /** Thread 0: call `id` returned `value`; `sequence` lines had been numbered by then. */
  | { type: "return"; id: number; value: unknown; sequence: number }
  /**
   * Program output: runs of whole lines; `first` is the sequence number of the first line and
   * `count` how many lines (consecutive numbers). Threads number lines from one shared counter
   * when they print them, so the host writes them in the order they were printed.
   */
  | { type: "output"; chunks: OutputChunk[] }
  /** The program asks for more worker threads (transaction.setNumThreads). */
  | { type: "spawn"; count: number }
  /** Thread 0: the program was closed (the addresses of the STM's and collector's figures); workers: their loop ended. */
  | { type: "exit"; statsAddress?: number; gcStatsAddress?: number }
  /** The program failed (fail, trap, stack overflow); the host prints it and exits with 1. */
  | { type: "failure"; error: ThreadFailure }
  /** The host could not run the module at all (e.g. instantiation failed): runModule rejects. */
  | { type: "fatal"; message: string };

export interface OutputChunk {
  first: number;
  count: number;
  text: string;
}
