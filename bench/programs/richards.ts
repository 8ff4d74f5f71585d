// Richards (examples/richards.ts) run many times in one process, sequentially and without
// transactions: the program behind the single-thread figures (compiled vs the reference run on
// V8), the baseline of richards_steps and richards_simulations. Each run checks its own
// queueCount and holdCount (examples/richards.ts); the total of the hold counts is checked too.
// Exception to the suite's convention: main() runs size 1 (medium, 20 000 iterations, the size
// bench/harness/sequential.ts has always measured), so the harness's figures stay comparable;
// the test suite calls run(0).
import { i32, print } from "stmc";
import { runRichards } from "../../examples/richards";

/** Every simulation's holdCount (examples/richards.ts checks it). */
const HOLD_COUNT = 928;

// size: 0 small, 1 medium, 2 large
const ITERATIONS: i32[] = [3000, 20000, 100000];

export function run(size: i32): void {
  const iterations = ITERATIONS[size];
  let holds = 0;
  for (let i = 0; i < iterations; i++) holds += runRichards().holdCount;
  if (holds !== iterations * HOLD_COUNT) throw new Error("richards: wrong holdCount total");
  print("richards", iterations, "iterations, holdCount total", holds);
}

export function main(): void {
  run(1);
}
