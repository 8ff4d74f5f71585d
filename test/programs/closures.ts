// Function values: arrow functions, function expressions, nested functions, captures by copy
// and by reference (cells), function-typed parameters, fields, array elements and results.
import { i32, i64, f64, print } from "stmc";

function apply(f: (x: i32) => i32, v: i32): i32 {
  return f(v);
}

function compose(f: (x: i32) => i32, g: (x: i32) => i32): (x: i32) => i32 {
  return (x) => g(f(x));
}

function adder(n: i32): (x: i32) => i32 {
  return (x) => x + n;
}

/** A counter whose parameter lives on in a cell the two closures share. */
class CounterPair {
  inc: () => i32;
  get: () => i32;
  constructor(inc: () => i32, get: () => i32) {
    this.inc = inc;
    this.get = get;
  }
}

function makeCounter(start: i32): CounterPair {
  return new CounterPair(() => ++start, () => start);
}

function square(x: i32): i32 {
  return x * x;
}

class Scaler {
  factor: f64;
  constructor(factor: f64) {
    this.factor = factor;
  }
  scaleAll(values: f64[]): f64[] {
    const out: f64[] = [];
    const scale = (v: f64): f64 => v * this.factor;
    for (const v of values) out.push(scale(v));
    return out;
  }
}

class Node {
  value: i32;
  next: Node | null;
  constructor(value: i32, next: Node | null) {
    this.value = value;
    this.next = next;
  }
}

function forEachNode(list: Node | null, visit: (n: Node) => void): void {
  for (let n = list; n !== null; n = n.next) visit(n);
}

let calls: i64 = 0;

export function main(): void {
  // Copies: k never changes after its declaration.
  const k = 10;
  const addK = (x: i32) => x + k;
  print("apply", apply(addK, 5), apply(square, 7), apply((x) => x * 3, 9), apply(function (x: i32): i32 { return x - 1; }, 0));
  print("compose", compose(adder(1), square)(4), compose(square, adder(1))(4));

  // Cells: a variable the closure assigns, seen by the declaring function.
  let count = 0;
  const bump = (by: i32): void => {
    count += by;
  };
  bump(2);
  bump(3);
  count *= 10;
  bump(1);
  print("count", count);

  // Two closures over one parameter.
  const c = makeCounter(100);
  c.inc();
  c.inc();
  const other = makeCounter(0);
  other.inc();
  print("counters", c.get(), other.get());

  // Nested functions: recursion and mutual recursion through their cells.
  function fact(n: i32): i64 {
    return n <= 1 ? 1 : i64(n) * fact(n - 1);
  }
  function isEven(n: i32): boolean {
    return n === 0 ? true : isOdd(n - 1);
  }
  function isOdd(n: i32): boolean {
    return n === 0 ? false : isEven(n - 1);
  }
  print("fact", fact(20), isEven(10), isOdd(7), isEven(7));

  // Each iteration of a for-let loop has its own i.
  const fs: (() => i32)[] = [];
  for (let i = 0; i < 4; i++) fs.push(() => i * i);
  let line = 0;
  for (const f of fs) line = line * 10 + f();
  print("per-iteration", line);

  // A let declared in a loop body is a new variable (a new cell) each time.
  const getters: (() => i32)[] = [];
  const setters: ((v: i32) => void)[] = [];
  for (let i = 0; i < 3; i++) {
    let v = i;
    getters.push(() => v);
    setters.push((x) => {
      v = x;
    });
  }
  setters[1](42);
  print("cells", getters[0](), getters[1](), getters[2]());

  // Closures inside closures, capturing from two levels up.
  let total = 0;
  const outer = (a: i32): ((b: i32) => i32) => {
    const base = a * 100;
    return (b) => {
      total += 1;
      return base + b + k;
    };
  };
  const inner = outer(3);
  print("nested", inner(4), inner(5), total);

  // Methods: arrows see `this`.
  const scaled = new Scaler(2.5).scaleAll([1, 2, 4]);
  print("scaled", scaled[0], scaled[1], scaled[2]);

  // Callbacks with objects, and a nullable function value.
  let sum = 0;
  forEachNode(new Node(1, new Node(2, new Node(3, null))), (n) => {
    sum += n.value;
  });
  let maybe: ((x: i32) => i32) | null = null;
  print("sum", sum, maybe === null);
  maybe = adder(5);
  if (maybe !== null) print("maybe", maybe(1));

  // A top-level function as a value where the type takes more parameters.
  const pick: (x: i32, y: i32) => i32 = square;
  print("pick", pick(6, 100));

  // Function values in module state; many short-lived closures (the collector frees them).
  let acc: i64 = 0;
  for (let i = 0; i < 20000; i++) {
    const f = adder(i);
    acc += i64(f(1));
    calls++;
  }
  print("many", acc, calls);
}
