// Shapes for the collector's lowering checks (test/gc-lowering.test.ts).
import { i32, print } from "stmc";

class Cell {
  value: i32 = 0;
  next: Cell | null = null;

  /** A leaf: no call, no allocation, no loop: it cannot stop, so it has no frame. */
  get(): i32 {
    return this.value;
  }

  /**
   * Only a loop. With an STM algorithm its poll pushes a frame when a collection is requested,
   * nothing else does; without barriers (none, gil) an innermost loop that cannot stop has no
   * poll at all, and the method no frame.
   */
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

/** Never instantiated: its method, which allocates (an error), is no implementation a call can reach. */
class Shape {
  area(): i32 {
    throw new Error("Shape.area");
  }
}

class Square extends Shape {
  side: i32 = 2;
  area(): i32 {
    return this.side * this.side;
  }
}

/** A virtual call of the only instantiated implementation, which cannot stop: no frame. */
function totalArea(shapes: Shape[]): i32 {
  let total = 0;
  for (const s of shapes) total += s.area();
  return total;
}

/** Nested loops: the inner one (innermost, cannot stop) has no poll without barriers; the outer one polls. */
function grid(n: i32): i32 {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) sum += i * j;
  }
  return sum;
}

export function main(): void {
  print(totalArea([new Square(), new Square()]), grid(4));
  let list = new Cell();
  for (let i = 0; i < 10; i++) list = list.prepend(i);
  print(list.get(), list.length(), list.guarded([1, 2], 1), list.guarded([1, 2], 5));
}
