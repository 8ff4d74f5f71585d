// A program driven from JavaScript (embed.mjs beside it): exported functions the embedder calls,
// and a host function it supplies, called by tasks that run as transactions on all threads.
import { i32, i64, print, transaction } from "stmc";

/** Supplied by the embedder: what an item weighs. */
declare function weigh(item: i32): i64;

let items: i32 = 0;
let weight: i64 = 0;

function store(item: i32): void {
  weight += weigh(item); // the transaction turns irrevocable first: each item is weighed once
  items++;
}

/** Stores `count` items in parallel tasks; returns the total weight so far. */
export function storeItems(first: i32, count: i32): i64 {
  for (let i = 0; i < count; i++) transaction.add(store, first + i);
  transaction.run();
  return weight;
}

export function itemCount(): i32 {
  return items;
}

export function isHeavy(limit: i64): boolean {
  return weight > limit;
}

export function main(): void {
  print("stored", storeItems(0, 100), "in", itemCount(), "items");
}
