// Stores the collector's write barrier must follow (a reference into a block that may be old)
// and stores it must not (numbers): test/generations.test.ts looks at each function's code.
import { i32, print } from "stmc";

class Box {
  n: i32 = 0;
  item: Box | null = null;
}

/** Its constructor's stores go into a `this` nothing could have made old: no barrier. */
class Pair {
  left: Box;
  right: Box;

  constructor(left: Box, right: Box) {
    this.left = left;
    this.right = right;
  }
}

/** The allocation before the second store can stop the thread (a collection makes `this` old). */
class Late {
  first: Box;
  second: Box;

  constructor(first: Box) {
    this.first = first;
    this.second = new Box();
  }
}

/** A base class: a subclass's constructor may stop before its `super(...)` reaches this one. */
class Base {
  item: Box;

  constructor(item: Box) {
    this.item = item;
  }
}

class Derived extends Base {
  constructor(item: Box) {
    super(new Box());
    this.item = item;
  }
}

function setRef(b: Box, x: Box): void {
  b.item = x;
}

function clearRef(b: Box): void {
  b.item = null;
}

function setInt(b: Box, n: i32): void {
  b.n = n;
}

function setElement(a: Box[], x: Box): void {
  a[0] = x;
}

function setNumber(a: i32[], n: i32): void {
  a[0] = n;
}

function pushRef(a: Box[], x: Box): void {
  a.push(x);
}

function fillRefs(a: (Box | null)[], x: Box): void {
  a.fill(x);
}

export function main(): void {
  const b = new Box();
  const x = new Box();
  setRef(b, x);
  setInt(x, 7);
  const boxes: Box[] = [b];
  setElement(boxes, x);
  pushRef(boxes, b);
  const numbers: i32[] = [1, 2];
  setNumber(numbers, 5);
  const slots: (Box | null)[] = [null, null, null];
  fillRefs(slots, x);
  print(b.item!.n, boxes.length, boxes[0].n, numbers[0], slots[2]!.n);
  clearRef(b);
  print(b.item === null);
  const p = new Pair(b, x);
  const l = new Late(x);
  const d = new Derived(b);
  print(p.right.n, l.first.n, l.second.n, d.item === b);
}
