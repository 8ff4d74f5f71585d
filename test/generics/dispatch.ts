// Calls through an interface: what test/generics-lowering.test.ts looks for.
import { f64, print } from "stmc";

interface Shape {
  area(): f64;
}

class Square implements Shape {
  constructor(readonly side: f64) {}
  area(): f64 {
    return this.side * this.side;
  }
}

class Circle implements Shape {
  constructor(readonly r: f64) {}
  area(): f64 {
    return 3 * this.r * this.r;
  }
}

function total(shapes: Shape[]): f64 {
  let sum = 0.0;
  for (const s of shapes) sum += s.area();
  return sum;
}

export function main(): void {
  print(total([new Square(1), new Circle(2)]));
}
