// Single inheritance: overriding, dynamic dispatch, super(...) and super.method(...),
// inherited fields and methods, three levels, base-typed variables and arrays.
import { i32, f64, print } from "stmc";

class Shape {
  name: i32;
  scale: f64 = 1;

  constructor(name: i32) {
    this.name = name;
  }

  area(): f64 {
    return 0;
  }

  describe(): f64 {
    return this.area() * this.scale;
  }

  kind(): i32 {
    return 0;
  }

  grow(k: f64): void {
    this.scale *= k;
  }
}

class Rect extends Shape {
  w: f64;
  h: f64;

  constructor(name: i32, w: f64, h: f64) {
    super(name);
    this.w = w;
    this.h = h;
  }

  area(): f64 {
    return this.w * this.h;
  }

  kind(): i32 {
    return 1;
  }
}

class Square extends Rect {
  constructor(name: i32, side: f64) {
    super(name, side, side);
  }

  kind(): i32 {
    return super.kind() * 10 + 2;
  }

  grow(k: f64): void {
    super.grow(k);
    this.w += 1;
  }
}

class Circle extends Shape {
  r: f64;

  constructor(name: i32, r: f64) {
    super(name);
    this.r = r;
  }

  area(): f64 {
    return 3 * this.r * this.r;
  }

  kind(): i32 {
    return 3;
  }

  describe(): f64 {
    return super.describe() + 1000;
  }
}

class Animal {
  legs: i32 = 4;
  sound(): i32 {
    return 1;
  }
  speak(times: i32): i32 {
    let total = 0;
    for (let i = 0; i < times; i++) total += this.sound();
    return total;
  }
}

class Bird extends Animal {
  wings = 2;
  constructor() {
    super();
    this.legs = 2;
  }
  sound(): i32 {
    return 7;
  }
}

function totalArea(shapes: Shape[]): f64 {
  let sum: f64 = 0;
  for (const s of shapes) sum += s.area();
  return sum;
}

export function main(): void {
  const shapes: Shape[] = [new Shape(1), new Rect(2, 2, 3), new Square(3, 4), new Circle(4, 2)];
  for (const s of shapes) {
    print("shape", s.name, s.kind(), s.area(), s.describe());
  }
  print("total", totalArea(shapes));
  for (const s of shapes) s.grow(2);
  for (const s of shapes) {
    print("grown", s.name, s.scale, s.area(), s.describe());
  }
  let base: Shape = new Rect(5, 1, 1);
  print("base var", base.kind(), base.area());
  base = new Circle(6, 1);
  print("reassigned", base.kind(), base.area());
  const sq = new Square(7, 3);
  const asRect: Rect = sq;
  print("upcast", asRect.kind(), asRect.w, asRect.h);
  const animals: Animal[] = [new Animal(), new Bird()];
  for (const a of animals) print("animal", a.legs, a.sound(), a.speak(3));
  const b = new Bird();
  print("bird", b.wings, b.legs);
}
