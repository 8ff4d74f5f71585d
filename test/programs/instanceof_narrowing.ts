// instanceof narrows locals and parameters to the subclass (no run-time check), as TypeScript does.
import { i32, f64, print } from "stmc";

class Shape {
  area(): f64 { return 0; }
}
class Square extends Shape {
  constructor(public side: f64) { super(); }
  area(): f64 { return this.side * this.side; }
}
class Circle extends Shape {
  constructor(public r: f64) { super(); }
}

function describe(s: Shape | null): string {
  if (s instanceof Square) return `square ${s.side}`;
  if (s instanceof Circle) return `circle ${s.r}`;
  if (s === null) return "nothing";
  return "shape";
}

export function main(): void {
  const shapes: (Shape | null)[] = [new Square(2), new Circle(1.5), null, new Shape()];
  for (const s of shapes) print(describe(s));
  let t: Shape = new Square(3);
  if (t instanceof Square) {
    print(t.side);
    t = new Circle(1);
    print(t instanceof Circle ? t.r : -1);
  }
}
