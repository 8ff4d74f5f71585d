// Vacation, low contention (STAMP vacation-low): 2 queries per operation over 90% of the ids,
// 98% reservations, 1% customer deletions, 1% table updates. The system, its checks and the
// mapping to STAMP are described in lib/vacation.ts.
import { i32 } from "stmc";
import { runVacation } from "./lib/vacation";

const RELATIONS: i32[] = [4096, 16384, 65536];
const OPERATIONS: i32[] = [20000, 250000, 1500000];

export function run(size: i32): void {
  const relations = RELATIONS[size];
  runVacation(relations, OPERATIONS[size], 2, i32((relations * 9) / 10), 98, 17);
}

export function main(): void {
  run(0);
}
