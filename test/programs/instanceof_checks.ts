// instanceof on class types along a hierarchy (as a boolean test).
import { i32, print } from "stmc";

class Vehicle {
  wheels: i32;
  constructor(wheels: i32) {
    this.wheels = wheels;
  }
}

class Car extends Vehicle {
  constructor() {
    super(4);
  }
}

class SportsCar extends Car {}

class Bike extends Vehicle {
  constructor() {
    super(2);
  }
}

class Unrelated {}

function pick(n: i32): Car | null {
  return n > 0 ? new SportsCar() : null;
}

function code(v: Vehicle): i32 {
  if (v instanceof SportsCar) return 3;
  if (v instanceof Car) return 2;
  if (v instanceof Bike) return 1;
  return 0;
}

export function main(): void {
  const all: Vehicle[] = [new Vehicle(3), new Car(), new SportsCar(), new Bike()];
  for (const v of all) {
    print(v.wheels, v instanceof Vehicle, v instanceof Car, v instanceof SportsCar, v instanceof Bike, code(v));
  }
  const u = new Unrelated();
  print("unrelated", u instanceof Unrelated);
  const none = pick(0);
  print("null", none instanceof Car);
  const some = pick(1);
  print("non-null", some instanceof Car, some instanceof SportsCar);
  let cars = 0;
  for (const v of all) {
    if (v instanceof Car && v.wheels === 4) cars++;
  }
  print("cars", cars);
}
