// Binary trees (Benchmarks Game) for the collector: the trees are built and checked inside tasks
// (one task per batch of iterations of a depth), so garbage is made by transactions on every
// thread at once, while one long-lived tree, built by a task and published through a
// module-level variable, stays reachable to the end and is checked between the rounds.
// MAX_DEPTH is kept small, so that the live set (the long-lived tree, and per thread the tree
// it builds and its transaction's read set) stays small, and every depth runs ITERATIONS_SHIFT
// times more iterations than the benchmark's to make garbage: about 60 MiB (wasm32) of trees in
// all, a live set under 3 MiB at 4 threads; run with --max-memory 16.
import { i32, print, transaction } from "stmc";

const MIN_DEPTH = 4;
const MAX_DEPTH = 12;
const ITERATIONS_SHIFT = 2;
/** Tasks per depth: each builds and checks iterations / BATCHES trees. */
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

/** The number of nodes of a tree of this depth. */
function nodes(depth: i32): i32 {
  return (1 << (depth + 1)) - 1;
}

let stretchCheck = 0;
let longLived: TreeNode | null = null;
/** checks[d]: the sum of the checks of the trees of depth d; batchesDone[d]: its batches that committed. */
const checks: i32[] = new Array<i32>(MAX_DEPTH + 1).fill(0);
const batchesDone: i32[] = new Array<i32>(MAX_DEPTH + 1).fill(0);

function stretch(depth: i32): void {
  stretchCheck = bottomUp(depth).check();
}

function buildLongLived(depth: i32): void {
  longLived = bottomUp(depth);
}

function batch(depth: i32, trees: i32): void {
  let check = 0;
  for (let i = 0; i < trees; i++) {
    const c = bottomUp(depth).check();
    if (c !== nodes(depth)) throw new Error("a tree checked wrong");
    check += c;
  }
  checks[depth] += check;
  batchesDone[depth]++;
}

function checkLongLived(): i32 {
  const tree = longLived;
  if (tree === null) throw new Error("the long-lived tree is missing");
  const c = tree.check();
  if (c !== nodes(MAX_DEPTH)) throw new Error("the long-lived tree changed");
  return c;
}

export function main(): void {
  transaction.add(stretch, MAX_DEPTH + 1);
  transaction.add(buildLongLived, MAX_DEPTH);
  transaction.run();
  print("stretch tree of depth", MAX_DEPTH + 1, "check:", stretchCheck);
  for (let depth = MIN_DEPTH; depth <= MAX_DEPTH; depth += 2) {
    const iterations = 1 << (MAX_DEPTH - depth + MIN_DEPTH + ITERATIONS_SHIFT);
    for (let b = 0; b < BATCHES; b++) transaction.add(batch, depth, i32(iterations / BATCHES));
    transaction.run();
    checkLongLived();
    if (batchesDone[depth] !== BATCHES) throw new Error("a batch is missing");
    print(iterations, "trees of depth", depth, "check:", checks[depth]);
  }
  print("long lived tree of depth", MAX_DEPTH, "check:", checkLongLived());
}
