// Generic functions: type arguments written or inferred from the arguments (T, T[], Box<T>,
// T | null, function types), number literals giving way to the other arguments, constraints
// (T extends Shape), generic functions calling each other, and an instance per type list.
import { i32, i64, f64, print } from "stmc";

function identity<T>(x: T): T {
  return x;
}

function pairOf<T>(a: T, b: T): T[] {
  return [a, b];
}

function twice<T>(x: T): T[] {
  return pairOf(x, x);
}

function firstOr<T>(xs: T[], fallback: T): T {
  return xs.length > 0 ? xs[0] : fallback;
}

function mapAll<T, U>(xs: T[], f: (x: T) => U): U[] {
  const out: U[] = [];
  for (const x of xs) out.push(f(x));
  return out;
}

function fold<T, A>(xs: T[], start: A, f: (acc: A, x: T) => A): A {
  let acc = start;
  for (const x of xs) acc = f(acc, x);
  return acc;
}

function orElse<T>(x: T | null, d: T): T {
  return x !== null ? x : d;
}

class Box<T> {
  constructor(public value: T) {}
}

function unbox<T>(b: Box<T>): T {
  return b.value;
}

function swapBoxes<T>(a: Box<T>, b: Box<T>): void {
  const t = a.value;
  a.value = b.value;
  b.value = t;
}

abstract class Shape {
  abstract area(): f64;
  abstract name(): string;
}
class Square extends Shape {
  constructor(readonly side: f64) {
    super();
  }
  area(): f64 {
    return this.side * this.side;
  }
  name(): string {
    return "square";
  }
}
class Circle extends Shape {
  constructor(readonly r: f64) {
    super();
  }
  area(): f64 {
    return 3 * this.r * this.r;
  }
  name(): string {
    return "circle";
  }
}

function largest<T extends Shape>(xs: T[]): T {
  let best = xs[0];
  for (const x of xs) if (x.area() > best.area()) best = x;
  return best;
}

function count<T>(xs: T[], pred: (x: T) => boolean): i32 {
  let n = 0;
  for (const x of xs) if (pred(x)) n++;
  return n;
}

export function main(): void {
  print(identity(41) + 1, identity("x"), identity<f64>(2.5), identity(i64(9007199254740993)));
  print(twice(3).length, twice("s").join("+"), twice<f64>(1).join(" "));
  print(firstOr([] as string[], "none"), firstOr([1.5, 2], 0), firstOr([7, 8], -1));
  print(mapAll([1, 2, 3], (x) => x * 10).join(","), mapAll(["a", "bb"], (s) => s.length).join(","));
  print(fold([1, 2, 3, 4], 0, (acc, x) => acc + x), fold(["a", "b", "c"], "", (acc, s) => s + acc));
  print(fold<i32, f64>([1, 2], 0.5, (acc, x) => acc * x));
  const s: string | null = null;
  print(orElse(s, "default"), orElse("given", "default"));
  const a = new Box<i32>(1);
  const b = new Box<i32>(2);
  swapBoxes(a, b);
  print(unbox(a), unbox(b), unbox(new Box<string>("boxed")));
  const shapes: Shape[] = [new Square(2), new Circle(1.5), new Square(1)];
  const squares = [new Square(3), new Square(4)];
  print(largest(shapes).name(), largest(squares).side, largest<Shape>(shapes).area());
  print(count(shapes, (x) => x.area() > 3), count([1, 2, 3, 4, 5], (x) => x % 2 === 1));
}
