// Two instances of one generic class, one generic function called with two type lists (one of
// them twice), and a generic method: what test/generics-lowering.test.ts looks for.
import { i32, f64, print } from "stmc";

class Stack<T> {
  items: T[] = [];
  push(x: T): void {
    this.items.push(x);
  }
  last(): T {
    return this.items[this.items.length - 1];
  }
  mapLast<U>(f: (x: T) => U): U {
    return f(this.last());
  }
}

function twice<T>(x: T): T[] {
  return [x, x];
}

export function main(): void {
  const ints = new Stack<i32>();
  const words = new Stack<string>();
  ints.push(3);
  words.push("three");
  print(ints.last(), words.last(), twice(1).length, twice(2).length, twice(0.5).length);
  print(ints.mapLast((x) => x * 2.5), words.mapLast((s) => s.length));
}
