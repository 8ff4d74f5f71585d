// Relative imports: classes, functions, constants and module state from other files,
// an import cycle between functions, and a class imported from another file and extended.
import { i32, print } from "stmc";
import { UNIT, Vec, polygonArea, manhattan } from "./lib/geometry";
import { count, increment, hiddenValue } from "./lib/counter";
import { isEvenA } from "./lib/parity_a";
import { Creature, Plant } from "./lib/animals";

class Wolf extends Creature {
  hunger: i32;
  constructor(id: i32, hunger: i32) {
    super(id);
    this.hunger = hunger;
  }
  act(): i32 {
    const e = super.act();
    this.hunger++;
    return e - this.hunger;
  }
}

export function main(): void {
  const a = new Vec(1, 2);
  const b = new Vec(UNIT, -3);
  const c = a.plus(b);
  print("vec", c.x, c.y, a.dot(b), manhattan(a, b));
  print("area", polygonArea([0, 4, 4, 0], [0, 0, 3, 3]));
  print("counter", count, increment(5), count, hiddenValue());
  print("cycle", isEvenA(10), isEvenA(7));
  const creatures: Creature[] = [new Creature(1), new Plant(2), new Wolf(3, 5)];
  for (let round = 0; round < 3; round++) {
    for (const cr of creatures) cr.act();
  }
  for (const cr of creatures) print("creature", cr.id, cr.energy, cr.describe());
  print("created", count, hiddenValue());
}
