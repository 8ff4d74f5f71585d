// Generic classes: one class per list of type arguments (Stack<i32>, Stack<string>, ...), fields
// and arrays of T, recursion through T (Node<T>), nested instances (Stack<Stack<i32>>), type
// arguments from the declared type (`const s: Stack<string> = new Stack()`) or the constructor's
// arguments (`new Pair(2.5, p)`), defaults, generic methods, and instances in other instances.
import { i32, i64, f64, print } from "stmc";

class Stack<T> {
  items: T[] = [];
  push(x: T): void {
    this.items.push(x);
  }
  pop(): T {
    return this.items.pop()!;
  }
  top(): T {
    return this.items[this.items.length - 1];
  }
  get size(): i32 {
    return this.items.length;
  }
}

class Pair<A, B> {
  constructor(readonly first: A, readonly second: B) {}
  swap(): Pair<B, A> {
    return new Pair<B, A>(this.second, this.first);
  }
}

class Node<T> {
  next: Node<T> | null = null;
  constructor(readonly value: T) {}
}

class List<T> {
  head: Node<T> | null = null;
  count: i32 = 0;
  add(v: T): void {
    const n = new Node<T>(v);
    n.next = this.head;
    this.head = n;
    this.count++;
  }
  toArray(): T[] {
    const out: T[] = [];
    for (let n = this.head; n !== null; n = n.next) out.push(n.value);
    return out.reverse();
  }
  map<U>(f: (x: T) => U): List<U> {
    const out = new List<U>();
    for (let n = this.head; n !== null; n = n.next) out.add(f(n.value));
    return out;
  }
  contains(v: T): boolean {
    for (let n = this.head; n !== null; n = n.next) if (n.value === v) return true;
    return false;
  }
}

/** A type parameter with a default. */
class Counter<T = i64> {
  total: T;
  constructor(start: T) {
    this.total = start;
  }
}

class Point {
  constructor(readonly x: f64, readonly y: f64) {}
}

/** An instance made before its base class's members are declared (Holder comes first). */
class Holder {
  named: Named<string> = new Named<string>("first", "x");
}

abstract class Thing {
  constructor(readonly label: string) {}
  abstract size(): i32;
  describe(): string {
    return `${this.label}:${this.size()}`;
  }
}

/** A generic class that extends a class: its instances are subclasses (virtual calls, instanceof of the base). */
class Named<T> extends Thing {
  values: T[] = [];
  constructor(label: string, first: T) {
    super(label);
    this.values.push(first);
  }
  size(): i32 {
    return this.values.length;
  }
  add(v: T): Named<T> {
    this.values.push(v);
    return this;
  }
}

export function main(): void {
  const ints = new Stack<i32>();
  for (let i = 0; i < 6; i++) ints.push(i * i);
  print(ints.size, ints.pop(), ints.pop(), ints.top(), ints.size);

  const words: Stack<string> = new Stack();
  words.push("alpha");
  words.push("beta");
  print(words.pop(), words.size, words.top().length);

  const points = new Stack<Point>();
  points.push(new Point(1.5, 2));
  points.push(new Point(-3, 0.25));
  print(points.top().x + points.items[0].y);

  const stacks = new Stack<Stack<i32>>();
  stacks.push(ints);
  stacks.push(new Stack<i32>());
  print(stacks.size, stacks.items[0].size, stacks.top().size);

  const p = new Pair<i32, string>(7, "seven");
  const q = p.swap();
  print(p.first, p.second, q.first, q.second, q.first.length + p.first);
  const inferred = new Pair(2.5, new Point(1, 2));
  print(inferred.first * 2, inferred.swap().first.y);
  const nested = new Pair<Pair<i32, string>, f64[]>(p, [0.5, 1.5]);
  print(nested.first.second, nested.second.length);

  const names = new List<string>();
  names.add("ada");
  names.add("grace");
  names.add("barbara");
  const lengths = names.map((s) => s.length);
  print(names.toArray().join(","), lengths.toArray().join(","), names.count);
  print(names.contains("grace"), names.contains("alan"), lengths.contains(5));
  const shouted = names.map<string>((s) => s.toUpperCase() + "!");
  print(shouted.toArray().join(" "));

  const things: Thing[] = [new Named<i32>("ints", 1).add(2).add(3), new Holder().named.add("y")];
  for (const t of things) print(t.describe(), t instanceof Thing);

  const c = new Counter(i64(40));
  c.total += 2;
  const d = new Counter<f64>(0.5);
  print(c.total, d.total * 3);
}
