// Messages between the host (the thread that called runModule) and its worker threads.

import type { SourceLocation } from "../abi.js";
import type { ProgramError } from "./report.js";

/** workerData of every worker: the same module and memory, its own thread index. */
export interface WorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** 0 for the thread that runs __stmc_init and main; 1..threads-1 for the others (later). */
  threadIndex: number;
  /** The number of threads the program runs with (passed to __stmc_init). */
  threads: number;
  mainReturnsI32: boolean;
  strings: string[];
  locations: SourceLocation[];
  functions: Record<string, SourceLocation>;
  sourceMap: string;
}

/** Worker -> host. A worker posts zero or more `output` messages, then exactly one of the others. */
export type WorkerMessage =
  /** Complete lines of program output (always whole lines, except possibly at the very end). */
  | { type: "output"; text: string }
  /** The program finished; main's result (or 0). */
  | { type: "exit"; exitCode: number }
  /** The program failed (fail, trap, stack overflow); the host prints it and exits with 1. */
  | { type: "failure"; error: ProgramError }
  /** The host could not run the module at all (e.g. instantiation failed): runModule rejects. */
  | { type: "fatal"; message: string };
