// Default and optional parameters: functions, methods (each override its own defaults), constructors (inherited ones too), tasks; defaults see earlier parameters.
import { i32, f64, print, transaction } from "stmc";

class Node {
  v: i32;
  next: Node | null;
  constructor(v: i32, next?: Node) {
    this.v = v;
    this.next = next === undefined ? null : next;
  }
}

class Greeter {
  constructor(public greeting: string = "hello", public times: i32 = 1) {}
  greet(name: string, punct: string = "!"): string {
    return `${this.greeting} ${name}${punct}`.repeat(this.times);
  }
}

class Loud extends Greeter {
  greet(name: string, punct: string = "!!!"): string {
    return super.greet(name.toUpperCase(), punct);
  }
}

function range(n: i32, start: i32 = 0, step: i32 = start + 1): i32[] {
  const out: i32[] = [];
  for (let i = 0; i < n; i++) out.push(start + i * step);
  return out;
}

let total = 0;
function addUp(a: i32, b: i32 = 100): void {
  total += a + b;
}

function scale(x: f64, factor = 2.5): f64 {
  return x * factor;
}

export function main(): void {
  print(range(3).join(","), range(3, 5).join(","), range(3, 5, 10).join(","));
  const g = new Greeter();
  print(g.greet("ada"), g.greet("bob", "?"), new Greeter("hi", 2).greet("cy"));
  const l: Greeter = new Loud("hey");
  print(l.greet("dee"), l.greet("eve", "."));
  const n = new Node(1, new Node(2));
  print(n.v, n.next!.v, n.next!.next === null);
  transaction.add(addUp, 1);
  transaction.add(addUp, 1, 2);
  transaction.run();
  print(total, scale(2), scale(2, 3));
}
