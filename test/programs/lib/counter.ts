// Helper module with its own module-level state.
import { i32 } from "stmc";

export let count = 0;
let hidden = 100;

export function increment(by: i32): i32 {
  count += by;
  hidden -= by;
  return count;
}

export function hiddenValue(): i32 {
  return hidden;
}
