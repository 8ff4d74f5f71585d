// References that wait on the stack while other code allocates: call arguments, receivers,
// constructor arguments, array literals, pushes, field and element stores whose right-hand side
// allocates, atomic blocks' saved locals. Every shape runs many times while garbage keeps the
// collector busy; a reference the collector cannot see is freed (and poisoned in the debug
// mode), and the checksums come out wrong.
import { i32, print, transaction } from "stmc";

class Box {
  value: i32;
  next: Box | null = null;
  items: Box[] = [];
  constructor(value: i32) {
    this.value = value;
  }
  plus(other: Box): Box {
    return new Box(this.value + other.value);
  }
  sum(): i32 {
    let total = this.value;
    for (const item of this.items) total += item.value;
    return total;
  }
}

class Pair {
  left: Box;
  right: Box;
  constructor(left: Box, right: Box) {
    this.left = left;
    this.right = right;
  }
}

/** Allocates garbage (a short list) and returns a fresh box. */
function churn(value: i32): Box {
  let head: Box | null = null;
  for (let i = 0; i < 20; i++) {
    const b = new Box(i);
    b.next = head;
    head = b;
  }
  return new Box(value);
}

function add(a: Box, b: Box, c: Box): i32 {
  return a.value + b.value + c.value;
}

let shared: Box[] = [];

function shapes(seed: i32): i32 {
  let check = 0;
  // Arguments: the first two wait while the third allocates.
  check += add(churn(seed), churn(seed + 1), churn(seed + 2));
  // A receiver that waits while its argument allocates.
  check += churn(seed).plus(churn(seed + 3)).value;
  // Constructor arguments.
  const pair = new Pair(churn(seed), churn(seed + 4));
  check += pair.left.value + pair.right.value;
  // An array literal whose elements allocate.
  const list = [churn(1), churn(2), churn(3), churn(4)];
  for (const b of list) check += b.value;
  // Push: the array and the value wait while the store grows.
  const pushed: Box[] = [];
  for (let i = 0; i < 40; i++) pushed.push(churn(i));
  for (const b of pushed) check += b.value;
  // Field and element stores whose right-hand side allocates.
  const holder = churn(0);
  holder.next = churn(seed + 5);
  holder.items = [churn(6)];
  holder.items[0] = churn(seed + 7);
  holder.items.push(churn(8));
  check += holder.next.value + holder.sum();
  // Comparisons between a waiting reference and an allocating call.
  const same = churn(9);
  if (same === churn(9)) check += 1000000;
  return check;
}

function expected(seed: i32): i32 {
  return 3 * seed + 3 + (2 * seed + 3) + (2 * seed + 4) + 10 + 780 + (seed + 5) + (seed + 7) + 8;
}

let failures = 0;
let done = 0;

function task(seed: i32): void {
  const got = shapes(seed);
  if (got !== expected(seed)) failures++;
  shared.push(churn(seed));
  done++;
}

export function main(): void {
  for (let i = 0; i < 400; i++) transaction.add(task, i);
  transaction.run();
  // From main, outside transactions, and in atomic blocks whose locals are restored on retry.
  let kept = churn(0);
  for (let i = 0; i < 200; i++) {
    if (shapes(i) !== expected(i)) failures++;
    transaction.atomic(() => {
      kept = kept.plus(churn(1));
    });
  }
  let total = 0;
  for (const b of shared) total += b.value;
  print("tasks", done, "failures", failures, "shared", shared.length, total, "kept", kept.value);
}
