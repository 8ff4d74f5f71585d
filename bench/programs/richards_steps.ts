// Richards as transactions, the way PyPy-STM's "modified richards" ran it: many independent
// simulations, every scheduler step one transaction that adds the next step of its simulation.
// Steps of different simulations run in parallel; each simulation's steps are ordered by the
// chain of tasks. Each simulation checks its own result.
import { i32, print, transaction } from "stmc";
import { createScheduler, Scheduler } from "../../examples/richards";

const SIMULATIONS: i32 = 1600;

let finished = 0;

function step(scheduler: Scheduler): void {
  // A few scheduler steps per transaction keep the per-transaction cost from dominating.
  for (let i = 0; i < 16; i++) {
    if (!scheduler.step()) {
      scheduler.check();
      finished++;
      return;
    }
  }
  transaction.add(step, scheduler);
}

export function main(): void {
  for (let i = 0; i < SIMULATIONS; i++) transaction.add(step, createScheduler());
  transaction.run();
  print("richards steps:", finished, "simulations finished");
}
