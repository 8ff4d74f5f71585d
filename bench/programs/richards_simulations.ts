// Richards with one whole simulation per transaction: many independent simulations
// (examples/richards.ts) as tasks, each one transaction that runs a complete schedule and checks
// its own result (queueCount and holdCount); the total of the hold counts is checked too. The
// coarse-grained counterpart of richards_steps (PyPy-STM's modified richards).
// Exception to the suite's convention: main() runs size 1 (medium, 6 000 simulations, the size
// bench/harness/scaling.ts has always measured), so the harness's figures stay comparable;
// the test suite calls run(0).
import { i32, print, transaction } from "stmc";
import { runRichards } from "../../examples/richards";

/** Every simulation's holdCount (examples/richards.ts checks it). */
const HOLD_COUNT = 928;

// size: 0 small, 1 medium, 2 large
const SIMULATIONS: i32[] = [1500, 6000, 40000];

let holds = 0;

function simulate(): void {
  // Read the shared total only at the end: `holds += runRichards()...` would read it first and
  // conflict with every other simulation that commits meanwhile (stmc run --stats shows it).
  const held = runRichards().holdCount;
  holds += held;
}

export function run(size: i32): void {
  const simulations = SIMULATIONS[size];
  holds = 0;
  for (let i = 0; i < simulations; i++) transaction.add(simulate);
  transaction.run();
  if (holds !== simulations * HOLD_COUNT) throw new Error("richards simulations: wrong holdCount total");
  print("richards simulations:", simulations, "holdCount total", holds);
}

export function main(): void {
  run(1);
}
