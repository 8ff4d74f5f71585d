// N-queens: counts the placements of N non-attacking queens on an N x N board by backtracking
// over bit masks (columns and both diagonals), for several N. Every compatible placement of the
// queens of the first two rows is one task, which counts the completions into a local and
// writes it once into a slot of its own (8-byte slots: tasks never conflict). Checks: each total
// against the known counts (8 -> 92, ..., 15 -> 2279184), and the mirror symmetry of the board:
// the solutions with the first queen in column c are as many as with it in column N-1-c.
// PyPy-STM's evaluation set has an N-queens benchmark of this shape (partial boards as tasks).
import { i32, i64, print, transaction } from "stmc";

/** KNOWN[n]: the number of solutions on an n x n board. */
const KNOWN: i64[] = [1, 1, 0, 0, 2, 10, 4, 40, 92, 352, 724, 2680, 14200, 73712, 365596, 2279184, 14772512];

/** Slot (c0 * n + c1) of the current board: the solutions whose first two queens are in c0, c1. */
let counts: i64[] = [];

/**
 * Completions of a board whose rows so far leave `cols`, `left` and `right` attacked (bit i:
 * column i of the next row); `all` has the n low bits set.
 */
function solve(cols: i32, left: i32, right: i32, all: i32): i64 {
  if (cols === all) return 1;
  let free = all & ~(cols | left | right);
  let total: i64 = 0;
  while (free !== 0) {
    const bit = free & -free;
    free = free ^ bit;
    total += solve(cols | bit, ((left | bit) << 1) & all, (right | bit) >> 1, all);
  }
  return total;
}

/** Task: the queen of row 0 in column c0 and that of row 1 in column c1. */
function countFrom(n: i32, c0: i32, c1: i32): void {
  const all = (1 << n) - 1;
  const b0 = 1 << c0;
  const b1 = 1 << c1;
  const left = (((b0 << 1) | b1) << 1) & all;
  const right = ((b0 >> 1) | b1) >> 1;
  counts[c0 * n + c1] = solve(b0 | b1, left, right, all);
}

/** The number of solutions for an n x n board (n >= 2), with the mirror check. */
function queens(n: i32): i64 {
  counts = new Array<i64>(n * n).fill(0);
  for (let c0 = 0; c0 < n; c0++) {
    for (let c1 = 0; c1 < n; c1++) {
      // The second queen must not share a column or a diagonal with the first.
      if (c1 < c0 - 1 || c1 > c0 + 1) transaction.add(countFrom, n, c0, c1);
    }
  }
  transaction.run();
  let total: i64 = 0;
  const perColumn = new Array<i64>(n).fill(0);
  for (let c0 = 0; c0 < n; c0++) {
    for (let c1 = 0; c1 < n; c1++) perColumn[c0] += counts[c0 * n + c1];
    total += perColumn[c0];
  }
  for (let c0 = 0; c0 < n; c0++) {
    if (perColumn[c0] !== perColumn[n - 1 - c0]) throw new Error("nqueens: counts not symmetric under mirroring");
  }
  return total;
}

export function run(size: i32): void {
  let first = 4;
  let last = 13;
  if (size === 1) {
    first = 14;
    last = 15;
  } else if (size >= 2) {
    first = 16;
    last = 16;
  }
  let all: i64 = 0;
  for (let n = first; n <= last; n++) {
    const solutions = queens(n);
    if (solutions !== KNOWN[n]) throw new Error("nqueens: wrong number of solutions");
    print("queens", n, "solutions", solutions);
    all += solutions;
  }
  print("nqueens total", all);
}

export function main(): void {
  run(0);
}
