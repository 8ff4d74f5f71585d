// A class hierarchy defined in a helper module and extended by another file.
import { i32 } from "stmc";
import { increment } from "./counter";

export class Creature {
  readonly id: i32;
  energy: i32 = 10;
  constructor(id: i32) {
    this.id = id;
    increment(1);
  }
  act(): i32 {
    this.energy -= 1;
    return this.energy;
  }
  describe(): i32 {
    return this.id * 1000 + this.energy;
  }
}

export class Plant extends Creature {
  act(): i32 {
    this.energy += 2;
    return this.energy;
  }
}
