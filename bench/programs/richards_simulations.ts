// Richards with one whole simulation per transaction: many independent simulations as tasks,
// each one transaction that runs a complete schedule and checks its own result.
import { i32, print, transaction } from "stmc";
import { runRichards } from "../../examples/richards";

const SIMULATIONS: i32 = 6000;

let holds = 0;

function simulate(): void {
  // Read the shared total only at the end: `holds += runRichards()...` would read it first and
  // conflict with every other simulation that commits meanwhile (stmc run --stats shows it).
  const held = runRichards().holdCount;
  holds += held;
}

export function main(): void {
  for (let i = 0; i < SIMULATIONS; i++) transaction.add(simulate);
  transaction.run();
  print("richards simulations:", SIMULATIONS, "holdCount total", holds);
}
