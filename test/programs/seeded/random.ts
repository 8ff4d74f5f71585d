// Math.random with a seed: the numbers depend on the seed only (stmc run --seed N, and the
// reference run with the same seed); tasks draw from the same generator.
import { i32, f64, print, transaction } from "stmc";

let sum: f64 = 0;

function draw(): void {
  sum += Math.random();
}

export function main(): void {
  const dice: i32[] = [];
  for (let i = 0; i < 12; i++) dice.push(1 + i32(Math.floor(Math.random() * 6)));
  print(dice.join(" "));
  for (let i = 0; i < 100; i++) transaction.add(draw);
  transaction.run();
  // The sum of 100 draws: the same set of numbers whatever the order (up to rounding).
  print(sum > 0 && sum < 100, Math.round(sum));
}
