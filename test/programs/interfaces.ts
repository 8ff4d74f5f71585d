// Interfaces: declared with methods and properties, implemented by unrelated classes (declared
// with `implements`, or by matching members), interface-typed variables, parameters, fields and
// arrays, calls and property reads and writes through them, interface inheritance, instanceof
// narrowing and casts from an interface to a class, and a generic constraint on an interface.
import { i32, f64, print } from "stmc";

interface Shape {
  area(): f64;
  readonly name: string;
}

interface Counter {
  count: i32;
  bump(by: i32): i32;
}

interface Named {
  readonly name: string;
}

interface Pet extends Named {
  sound(): string;
}

class Square implements Shape {
  readonly name = "square";
  constructor(readonly side: f64) {}
  area(): f64 {
    return this.side * this.side;
  }
}

class Circle implements Shape {
  constructor(readonly r: f64) {}
  get name(): string {
    return "circle";
  }
  area(): f64 {
    return 3.0 * this.r * this.r;
  }
}

class BigSquare extends Square {
  area(): f64 {
    return 10 * super.area();
  }
}

/** Implements Counter by its members alone (no `implements`). */
class Clicks {
  count: i32 = 0;
  bump(by: i32): i32 {
    this.count += by;
    return this.count;
  }
}

class Dog implements Pet {
  readonly name: string = "rex";
  sound(): string {
    return "woof";
  }
}

class Cat implements Pet {
  constructor(readonly name: string) {}
  sound(): string {
    return "meow";
  }
}

class Zoo {
  star: Pet | null = null;
  pets: Pet[] = [];
}

function total(shapes: Shape[]): f64 {
  let sum = 0.0;
  for (const s of shapes) sum += s.area();
  return sum;
}

function describe(n: Named): string {
  return `<${n.name}>`;
}

function loudest<T extends Pet>(pets: T[]): string {
  return pets.map((p) => p.sound().toUpperCase()).join("");
}

export function main(): void {
  const shapes: Shape[] = [new Square(2), new Circle(1), new BigSquare(1)];
  print(total(shapes), shapes.map((s) => s.name).join(","));

  const c: Counter = new Clicks();
  c.bump(2);
  c.count += 5;
  c.count++;
  print(c.count, c.bump(1));

  const zoo = new Zoo();
  zoo.pets.push(new Dog());
  zoo.pets.push(new Cat("tom"));
  zoo.star = zoo.pets[1];
  for (const p of zoo.pets) print(p.name, p.sound(), describe(p));
  print(zoo.star !== null ? zoo.star.sound() : "none", loudest(zoo.pets), loudest([new Cat("a"), new Cat("b")]));

  const first: Shape = shapes[0];
  if (first instanceof Square) print("a square of side", first.side);
  const sq = shapes[2] as Square;
  print(sq.side, sq.area(), shapes[1] instanceof Circle, shapes[1] instanceof Square);
}
