// Tasks that add tasks: a binary tree of tasks of depth 10; each leaf counts itself. The new
// tasks of a transaction exist only once it commits, so no leaf is counted twice.
import { i32, print, transaction } from "stmc";

let leaves = 0;
let nodes = 0;

function node(depth: i32): void {
  nodes++;
  if (depth === 0) {
    leaves++;
    return;
  }
  transaction.add(node, depth - 1);
  transaction.add(node, depth - 1);
}

export function main(): void {
  transaction.add(node, 10);
  transaction.run();
  print("leaves", leaves, "nodes", nodes);
  transaction.setNumThreads(3);
  transaction.add(node, 5);
  transaction.run();
  print("leaves", leaves, "nodes", nodes, "threads", transaction.getNumThreads());
}
