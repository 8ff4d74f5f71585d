// expect: null dereference @ 20
import { i32, print } from "stmc";

class Item {
  value: i32 = 5;
}

class Holder {
  item: Item | null = new Item();
  clear(): void {
    this.item = null;
  }
}

export function main(): void {
  const h = new Holder();
  if (h.item !== null) {
    print(h.item.value);
    h.clear();
    print(h.item.value); // TypeScript still narrows the field; it is null now
  }
}
