// Abstract classes and methods, parameter properties, static fields (readonly ones folded), getters and setters (virtual; compound assignment through them).
import { i32, f64, print } from "stmc";

abstract class Shape {
  static count: i32 = 0;
  static readonly UNIT: f64 = 1.5;
  constructor(readonly name: string) {
    Shape.count++;
  }
  abstract area(): f64;
  get label(): string {
    return `${this.name}:${this.area()}`;
  }
  describe(): string {
    return this.label + "!";
  }
}

class Rect extends Shape {
  private w2 = 0.0;
  constructor(public w: f64, public h: f64) {
    super("rect");
    this.w2 = w * 2;
  }
  area(): f64 {
    return this.w * this.h;
  }
  get width(): f64 {
    return this.w;
  }
  set width(v: f64) {
    this.w = v;
  }
}

class Circle extends Shape {
  constructor(public r: f64) {
    super("circle");
  }
  area(): f64 {
    return Math.round(Math.PI * this.r * this.r * 100) / 100;
  }
}

export function main(): void {
  const shapes: Shape[] = [new Rect(2, 3), new Circle(1), new Rect(1, Shape.UNIT)];
  for (const s of shapes) print(s.describe(), s.name);
  const r = new Rect(4, 5);
  r.width = 10;
  r.width += 1;
  print(r.width, r.area(), r.label, Shape.count);
  Shape.count = 100;
  print(Shape.count);
}
