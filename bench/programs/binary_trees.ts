// Binary trees (Benchmarks Game), the collector's benchmark: many short-lived trees and one
// long-lived one. Every tree is built and checked inside a task: the stretch tree, the long-lived
// tree (published through a module-level variable), and the trees of each depth, in BATCHES
// tasks per depth, all scheduled at once so that the threads share every depth's work. The output
// is the benchmark's (spaces instead of tabs). run(size) takes the maximum depth 12, 16 or 19
// (small, medium, large); depth 16 allocates about 340 MiB (wasm32), with a live set of a few MiB.
import { i32, print, transaction } from "stmc";

const DEPTHS: i32[] = [12, 16, 19];
let maxDepth = 16;
const MIN_DEPTH = 4;
const BATCHES = 16;

class TreeNode {
  left: TreeNode | null;
  right: TreeNode | null;

  constructor(left: TreeNode | null, right: TreeNode | null) {
    this.left = left;
    this.right = right;
  }

  check(): i32 {
    const l = this.left;
    const r = this.right;
    if (l === null || r === null) return 1;
    return 1 + l.check() + r.check();
  }
}

function bottomUp(depth: i32): TreeNode {
  if (depth === 0) return new TreeNode(null, null);
  return new TreeNode(bottomUp(depth - 1), bottomUp(depth - 1));
}

let stretchCheck = 0;
let longLived: TreeNode | null = null;
/** checks[depth]: the sum of the checks of that depth's trees so far. */
let checks: i32[] = [];

function stretch(depth: i32): void {
  stretchCheck = bottomUp(depth).check();
}

function buildLongLived(depth: i32): void {
  longLived = bottomUp(depth);
}

function trees(depth: i32, count: i32): void {
  let check = 0;
  for (let i = 0; i < count; i++) check += bottomUp(depth).check();
  checks[depth] += check;
}

function iterations(depth: i32): i32 {
  return 1 << (maxDepth - depth + MIN_DEPTH);
}

export function main(): void {
  run(0);
}

export function run(size: i32): void {
  maxDepth = DEPTHS[size];
  checks = new Array<i32>(maxDepth + 1).fill(0);
  transaction.add(stretch, maxDepth + 1);
  transaction.run();
  print("stretch tree of depth", maxDepth + 1, "check:", stretchCheck);
  transaction.add(buildLongLived, maxDepth);
  for (let depth = MIN_DEPTH; depth <= maxDepth; depth += 2) {
    for (let b = 0; b < BATCHES; b++) transaction.add(trees, depth, i32(iterations(depth) / BATCHES));
  }
  transaction.run();
  for (let depth = MIN_DEPTH; depth <= maxDepth; depth += 2) print(iterations(depth), "trees of depth", depth, "check:", checks[depth]);
  print("long lived tree of depth", maxDepth, "check:", longLived!.check());
}
