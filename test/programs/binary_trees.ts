// Binary trees (Benchmarks Game): many short-lived objects for the garbage collector.
import { i32, print } from "stmc";

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

export function main(): void {
  const maxDepth = 12;
  const minDepth = 4;
  print("stretch tree of depth", maxDepth + 1, "check:", bottomUp(maxDepth + 1).check());
  const longLived = bottomUp(maxDepth);
  for (let depth = minDepth; depth <= maxDepth; depth += 2) {
    const iterations = 1 << (maxDepth - depth + minDepth);
    let check = 0;
    for (let i = 0; i < iterations; i++) check += bottomUp(depth).check();
    print(iterations, "trees of depth", depth, "check:", check);
  }
  print("long lived tree of depth", maxDepth, "check:", longLived.check());
}
