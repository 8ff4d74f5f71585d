// Shapes for the collector's lowering checks (test/gc-lowering.test.ts).
import { i32, print } from "stmc";

class Cell {
  value: i32 = 0;
  next: Cell | null = null;

  /** A leaf: no call, no allocation, no loop: it cannot stop, so it has no frame. */
  get(): i32 {
    return this.value;
  }

  /** Only a loop: its poll pushes a frame when a collection is requested, nothing else does. */
  length(): i32 {
    let n = 0;
    for (let c: Cell | null = this; c !== null; c = c.next) n++;
    return n;
  }

  /**
   * Checks that can fail (an index, a null): each throws an error it makes without collecting
   * (runtime/core/errors.ts error_fail), so a check is no safepoint and this stays without a frame.
   */
  at(values: i32[], i: i32): i32 {
    return values[i] + this.next!.value;
  }

  /** A try: its catch puts the shadow stack back where the try found it. */
  guarded(values: i32[], i: i32): i32 {
    try {
      return this.at(values, i);
    } catch (e) {
      return -1;
    }
  }

  /** Allocates: a frame pushed at entry, spilled before the allocation's slow path. */
  prepend(value: i32): Cell {
    const c = new Cell();
    c.value = value;
    c.next = this;
    return c;
  }
}

export function main(): void {
  let list = new Cell();
  for (let i = 0; i < 10; i++) list = list.prepend(i);
  print(list.get(), list.length(), list.guarded([1, 2], 1), list.guarded([1, 2], 5));
}
