// expect: read-only @ 12
// expect: read-only @ 18
// expect: read-only @ 19
import { i32, print } from "stmc";

class Config {
  readonly size: i32;
  constructor(size: i32) {
    this.size = size;
  }
  resize(n: i32): void {
    this.size = n;
  }
}

export function main(): void {
  const c = new Config(3);
  c.size = 4;
  c.size++;
  print(c.size);
}
