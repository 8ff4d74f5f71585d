// expect: compares a value that can be undefined with null @ 12
import { i32, print } from "stmc";

class Item {
  v: i32 = 1;
}

export function main(): void {
  const items: Item[] = [new Item()];
  const found = items.find((i) => i.v > 5);
  // TypeScript accepts this, but find() returns undefined, never null.
  if (found === null) print("none");
}
