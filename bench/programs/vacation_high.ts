// Vacation, high contention (STAMP vacation-high, narrower): 4 queries per operation over a
// small id range (the first 128 ids), 90% reservations, 5% customer deletions, 5% table updates.
// The system, its checks and the mapping to STAMP are described in lib/vacation.ts.
import { i32 } from "stmc";
import { runVacation } from "./lib/vacation";

const RELATIONS: i32[] = [4096, 16384, 65536];
const OPERATIONS: i32[] = [20000, 250000, 1500000];

export function run(size: i32): void {
  runVacation(RELATIONS[size], OPERATIONS[size], 4, 128, 90, 29);
}

export function main(): void {
  run(0);
}
