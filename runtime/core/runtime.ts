// Entry of the in-wasm runtime, compiled together with every program (see ../../docs/runtime.md).
// The linker's __stmc_init calls runtime_init once, before the program's module initialisers.
import { i32 } from "stmc";
import { alloc_init } from "./alloc";
import { tasks_init } from "./tasks";
import "./arrays";

export function runtime_init(threads: i32): void {
  alloc_init();
  tasks_init(threads);
}
