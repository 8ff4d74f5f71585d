// Richards (examples/richards.ts) run many times in one process, sequentially: the program
// behind the single-thread figures (compiled vs the reference run on V8).
import { i32, print } from "stmc";
import { runRichards } from "../../examples/richards";

const ITERATIONS: i32 = 20000;

export function main(): void {
  let holds = 0;
  for (let i = 0; i < ITERATIONS; i++) holds += runRichards().holdCount;
  print("richards", ITERATIONS, "iterations, holdCount total", holds);
}
