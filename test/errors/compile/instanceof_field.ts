// expect: instanceof narrows local variables and parameters only @ 16
import { f64, print } from "stmc";

class Shape {}
class Square extends Shape {
  constructor(public side: f64) {
    super();
  }
}
class Holder {
  constructor(public shape: Shape) {}
}

export function main(): void {
  const h = new Holder(new Square(2));
  if (h.shape instanceof Square) print(h.shape.side);
}
